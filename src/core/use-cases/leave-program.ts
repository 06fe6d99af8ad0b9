// `leave`: asks for confirmation, then withdraws; a current partner is told the pair ended.
import type { RequestContext } from '../context.js';
import { message, type Outcome, textReply } from '../messages.js';
import { activeEnrollments } from './show-me.js';

export async function askToLeave(ctx: RequestContext): Promise<Outcome> {
  const { t, program } = ctx;
  const enrollments = await activeEnrollments(ctx);
  if (!program || enrollments.length === 0) {
    return textReply(t('leave.nothing', { program: program?.name ?? t('app.name') }));
  }
  return {
    kind: 'message',
    message: message([
      { type: 'text', text: t('leave.confirm', { program: program.name }) },
      {
        type: 'actions',
        buttons: [
          { action: 'leave.confirm', label: t('leave.confirm_button'), value: program.id, style: 'danger' },
          { action: 'leave.keep', label: t('leave.keep_button'), value: program.id },
        ],
      },
    ]),
  };
}

export async function confirmLeave(ctx: RequestContext): Promise<Outcome> {
  const { t, program, person, clock } = ctx;
  const enrollments = await activeEnrollments(ctx);
  if (!program || enrollments.length === 0) {
    return { ...textReply(t('leave.nothing', { program: program?.name ?? t('app.name') })), replaceSource: true };
  }
  const now = clock.now();
  await ctx.store.transaction(async (tx) => {
    await tx.lockPerson(person.id);
    for (const enrollment of enrollments) {
      const pair = await tx.findCurrentPair(enrollment.id, now);
      await tx.updateEnrollment(enrollment.id, { status: 'withdrawn' });
      if (pair) {
        await tx.endPair(pair.pairId, now);
        await tx.enqueueNotifications([
          {
            recipientId: pair.partner.id,
            kind: 'pair.ended',
            payload: { pairId: pair.pairId, leaverId: person.id },
            dueAt: now,
            dedupeKey: `pair.ended:${pair.pairId}:${pair.partner.id}`,
          },
        ]);
      }
      await tx.audit({
        actorId: person.id,
        programId: program.id,
        action: 'enrollment.withdrawn',
        targetType: 'enrollment',
        targetId: enrollment.id,
      });
    }
  });
  return { ...textReply(t('leave.done', { program: program.name })), replaceSource: true };
}

export function keepEnrollment(ctx: RequestContext): Outcome {
  return { ...textReply(ctx.t('leave.kept', { program: ctx.program?.name ?? ctx.t('app.name') })), replaceSource: true };
}

