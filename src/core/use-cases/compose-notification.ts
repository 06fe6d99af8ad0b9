// Turns an outbox row into the message its recipient reads, in their language, at send time.
import type { CoreDeps } from '../context.js';
import { commandPrefix } from '../context.js';
import { translator } from '../i18n/index.js';
import { formatDateTime } from '../format.js';
import type { MenteeUnmatchedReason } from '../matching/types.js';
import { message, type Block, type Message } from '../messages.js';
import type { Notification } from '../ports.js';
import type { Person } from '../types.js';
import { awaitsDecision } from '../enrollment-rules.js';
import { enrollmentFields } from './describe-enrollment.js';
import { describeUnmatchedForMentee } from './describe-match.js';
import { ROUND_ANNOUNCEMENT_KINDS } from './pairing-round.js';
import { composePairIntro } from './pair-intro.js';
import { FEATURE_COMPOSERS } from './notification-composers.js';
import { composePairEndedByAdmin } from './pair-oversight.js';
import { composePairEndedByErasure } from './forget-person.js';

/** Null when the message no longer makes sense (the mentor was decided meanwhile, the enrollment is gone). */
export async function composeNotification(deps: CoreDeps, notification: Notification, recipient: Person): Promise<Message | null> {
  const { store } = deps;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const payload = notification.payload as Record<string, string>;
  const composer = FEATURE_COMPOSERS[notification.kind];
  if (composer) return composer(deps, notification, recipient);
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
      if (payload.endedBy === 'admin') return composePairEndedByAdmin(deps, notification, recipient);
      const leaver = await store.getPerson(payload.leaverId ?? '');
      if (leaver?.erasedAt) return composePairEndedByErasure(deps, payload.pairId ?? '', recipient);
      return message([{ type: 'text', text: t('pair.ended', { name: recipient.name, partner: leaver?.name ?? '—' }) }]);
    }
    case 'pause.ended': {
      const enrollment = await store.getEnrollment(payload.enrollmentId ?? '');
      const program = enrollment ? await store.getProgram(enrollment.programId) : null;
      if (!enrollment || !program || enrollment.status === 'paused') return null;
      return message([{ type: 'text', text: t('pause.ended', { name: recipient.name, program: program.name }) }]);
    }
    case 'pair.intro': {
      const audience = notification.audienceIds?.length
        ? (await Promise.all(notification.audienceIds.map((id) => store.getPerson(id)))).filter((p): p is Person => p !== null)
        : [recipient];
      return composePairIntro(deps, payload.pairId ?? '', recipient, audience);
    }
    case 'round.unmatched': {
      const reason = notification.payload.reason as MenteeUnmatchedReason | undefined;
      if (!reason) return null;
      return message([{ type: 'text', text: t('unmatched.notice', { name: recipient.name, reason: { trusted: describeUnmatchedForMentee(t, reason) } }) }]);
    }
    case 'round.progress':
    case 'round.report': {
      const round = await store.getRound(payload.roundId ?? '');
      if (!round?.confirmedAt) return null;
      const stats = await store.roundDeliveryStats(round.id, ROUND_ANNOUNCEMENT_KINDS);
      const date = { trusted: formatDateTime(round.confirmedAt, t.locale, recipient.timeZone) };
      if (notification.kind === 'round.progress') {
        const key = stats.pending === 0 ? 'round.progress.final' : 'round.progress';
        return message([{ type: 'text', text: t(key, { date, done: stats.total - stats.pending, total: stats.total, sent: stats.sent }) }]);
      }
      const blocks: Block[] = [{ type: 'text', text: t('round.report', { date, sent: stats.sent, total: stats.total - stats.cancelled }) }];
      if (stats.failed > 0) {
        const reasons = stats.failures.slice(0, 3).map((f) => `${f.error} × ${f.count}`).join('; ');
        blocks.push({ type: 'text', text: t('round.report.failed', { failed: stats.failed, reasons }) });
      }
      return message(blocks);
    }
    default:
      deps.logger.error({ kind: notification.kind, id: notification.id }, 'unknown notification kind');
      return null;
  }
}
