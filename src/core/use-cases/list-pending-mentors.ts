// `admin pending`: the mentors waiting for a decision, each with approve / decline buttons.
import type { RequestContext } from '../context.js';
import { awaitsDecision } from '../enrollment-rules.js';
import { textReply, message, type Block, type Outcome } from '../messages.js';
import { decideMentor, type Decision } from './decide-mentor.js';
import { enrollmentFields, statusLabel } from './describe-enrollment.js';

/** Four blocks a mentor: with the header, a confirmation and the "more" line, it stays under Slack's 50 blocks. */
const MAX_LISTED = 11;

export async function listPendingMentors(ctx: RequestContext, lead?: string): Promise<Outcome> {
  const { t, program, store } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  if (!program) return textReply(t('error.no_program'));
  const leadBlocks: Block[] = lead ? [{ type: 'text', text: lead }] : [];
  const pending = (await store.listEnrollments(program.id, { role: 'mentor' })).filter(awaitsDecision);
  if (pending.length === 0) {
    return { kind: 'message', message: message([...leadBlocks, { type: 'text', text: t('admin.pending.none') }]) };
  }
  const topics = await store.listTopics();
  const title = t('admin.pending.list_title', { count: pending.length });
  const blocks: Block[] = [...leadBlocks, { type: 'header', text: title }];
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
          { action: 'pending.approve', label: t('admin.approve'), value: enrollment.id, style: 'primary' },
          { action: 'pending.decline', label: t('admin.decline'), value: enrollment.id, style: 'danger' },
        ],
      },
    );
  }
  if (pending.length > MAX_LISTED) blocks.push({ type: 'context', text: t('admin.more_pending', { count: pending.length - MAX_LISTED }) });
  return { kind: 'message', message: message(blocks, title) };
}

/** A click in the list: decide, then show the refreshed list with the outcome on top. */
export async function decideFromList(ctx: RequestContext, enrollmentId: string, decision: Decision): Promise<Outcome> {
  const decided = await decideMentor(ctx, enrollmentId, decision, { fromButton: false });
  if (!ctx.isAdmin || decided.kind !== 'message') return decided;
  const lead = decided.message.blocks.find((b) => b.type === 'text');
  const refreshed = await listPendingMentors(ctx, lead?.type === 'text' ? lead.text : undefined);
  return { ...refreshed, ...(refreshed.kind === 'message' ? { replaceSource: true } : {}) };
}
