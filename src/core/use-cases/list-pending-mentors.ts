// `admin pending`: the mentors waiting for a decision, each with approve / decline buttons.
import type { RequestContext } from '../context.js';
import { message, type Block, type Outcome } from '../messages.js';
import { awaitsDecision } from '../enrollment-rules.js';
import { enrollmentFields, statusLabel } from './describe-enrollment.js';

const MAX_LISTED = 20;

export async function listPendingMentors(ctx: RequestContext): Promise<Outcome> {
  const { t, program, store } = ctx;
  if (!ctx.isAdmin) return { kind: 'message', message: message([{ type: 'text', text: t('error.forbidden') }]) };
  if (!program) return { kind: 'message', message: message([{ type: 'text', text: t('error.no_program') }]) };
  const pending = (await store.listEnrollments(program.id, { role: 'mentor' })).filter(awaitsDecision);
  if (pending.length === 0) return { kind: 'message', message: message([{ type: 'text', text: t('admin.pending.none') }]) };
  const topics = await store.listTopics();
  const blocks: Block[] = [{ type: 'header', text: t('admin.pending.list_title', { count: pending.length }) }];
  for (const enrollment of pending.slice(0, MAX_LISTED)) {
    const mentor = await store.getPerson(enrollment.personId);
    if (!mentor) continue;
    blocks.push(
      { type: 'divider' },
      { type: 'text', text: t('admin.pending.text', { name: mentor.name, program: program.name }) },
      {
        type: 'fields',
        fields: [
          ...(enrollment.status === 'paused' ? [{ label: t('field.status'), value: statusLabel(t, enrollment) }] : []),
          ...enrollmentFields(t, enrollment, topics),
        ],
      },
      {
        type: 'actions',
        buttons: [
          { action: 'mentor.approve', label: t('admin.approve'), value: enrollment.id, style: 'primary' },
          { action: 'mentor.decline', label: t('admin.decline'), value: enrollment.id, style: 'danger' },
        ],
      },
    );
  }
  return { kind: 'message', message: message(blocks, t('admin.pending.list_title', { count: pending.length })) };
}
