// Turns an outbox row into the message its recipient reads, in their language, at send time.
import type { CoreDeps } from '../context.js';
import { commandPrefix } from '../context.js';
import { translator } from '../i18n/index.js';
import { message, type Message } from '../messages.js';
import type { Notification } from '../ports.js';
import type { Person } from '../types.js';
import { awaitsDecision } from '../enrollment-rules.js';
import { enrollmentFields } from './describe-enrollment.js';

/** Null when the message no longer makes sense (the mentor was decided meanwhile, the enrollment is gone). */
export async function composeNotification(deps: CoreDeps, notification: Notification, recipient: Person): Promise<Message | null> {
  const { store } = deps;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const payload = notification.payload as Record<string, string>;
  switch (notification.kind) {
    case 'mentor.pending': {
      const enrollment = await store.getEnrollment(payload.enrollmentId ?? '');
      if (!enrollment || !awaitsDecision(enrollment)) return null;
      const [mentor, program, topics] = await Promise.all([
        store.getPerson(enrollment.personId),
        store.getProgram(enrollment.programId),
        store.listTopics(),
      ]);
      if (!mentor || !program) return null;
      const text = t('admin.pending.text', { name: mentor.name, program: program.name });
      return message(
        [
          { type: 'header', text: t('admin.pending.title') },
          { type: 'text', text },
          { type: 'fields', fields: enrollmentFields(t, enrollment, topics) },
          {
            type: 'actions',
            buttons: [
              { action: 'mentor.approve', label: t('admin.approve'), value: enrollment.id, style: 'primary' },
              { action: 'mentor.decline', label: t('admin.decline'), value: enrollment.id, style: 'danger' },
            ],
          },
        ],
        text,
      );
    }
    case 'mentor.decided': {
      const enrollment = await store.getEnrollment(payload.enrollmentId ?? '');
      const program = enrollment ? await store.getProgram(enrollment.programId) : null;
      if (!enrollment || !program) return null;
      // Only the decision that stands is announced.
      const stands = payload.decision === 'approve' ? enrollment.approvedAt !== null : enrollment.status === 'declined';
      if (!stands) return null;
      const key = payload.decision === 'approve' ? 'mentor.approved' : 'mentor.declined';
      return message([{ type: 'text', text: t(key, { name: recipient.name, program: program.name }) }]);
    }
    case 'pair.ended': {
      const leaver = await store.getPerson(payload.leaverId ?? '');
      return message([{ type: 'text', text: t('pair.ended', { name: recipient.name, partner: leaver?.name ?? '—' }) }]);
    }
    case 'pause.ended': {
      const enrollment = await store.getEnrollment(payload.enrollmentId ?? '');
      const program = enrollment ? await store.getProgram(enrollment.programId) : null;
      if (!enrollment || !program || enrollment.status === 'paused') return null;
      return message([{ type: 'text', text: t('pause.ended', { name: recipient.name, program: program.name }) }]);
    }
    default:
      deps.logger.error({ kind: notification.kind, id: notification.id }, 'unknown notification kind');
      return null;
  }
}
