// The last session of the plan closes the pair: a thank-you to both and the end-of-program question
// (would you recommend Tandem, would you do it again), one answer per person.
import type { CoreDeps, RequestContext } from '../context.js';
import { commandPrefix } from '../context.js';
import { translator } from '../i18n/index.js';
import { message, textReply, type Outcome } from '../messages.js';
import { nextWorkingMoment } from '../working-hours.js';
import type { Composer } from './notification-composers.js';
import { NUDGE_KINDS, pairSubject } from './nudge-pairs.js';
import { PAIR_REMIND_KIND } from './pair-oversight.js';
import { showExpired } from './show-expired.js';

export const CLOSING_ACTIONS = {
  'closing.recommend.yes': { wouldRecommend: true },
  'closing.recommend.no': { wouldRecommend: false },
  'closing.repeat.yes': { wouldRepeat: true },
  'closing.repeat.no': { wouldRepeat: false },
} as const;
export type ClosingAction = keyof typeof CLOSING_ACTIONS;

/**
 * Closes the pair once its held sessions reach the plan's count (the program's default plan when the
 * pair has none). Closing happens once (status guard); nudges still pending are cancelled.
 */
export async function closeCompletedPair(deps: CoreDeps, pairId: string, heldSessions: number): Promise<boolean> {
  const { store, clock } = deps;
  const pair = await store.getPair(pairId);
  if (!pair || pair.status !== 'active') return false;
  const program = await store.getProgram(pair.programId);
  const planned = pair.plan?.sessionCount ?? program?.settings.defaultPlan.sessionCount ?? 0;
  if (planned <= 0 || heldSessions < planned) return false;
  const now = clock.now();
  const partners = (await Promise.all([store.getPerson(pair.menteePersonId), store.getPerson(pair.mentorPersonId)])).filter((p) => p !== null);
  const closed = await store.transaction(async (tx) => {
    if (!(await tx.closePair(pair.id, now))) return false;
    await tx.cancelPendingNotifications(pairSubject(pair.id), 'pair closed: plan completed', [...NUDGE_KINDS, PAIR_REMIND_KIND]);
    await tx.enqueueNotifications(
      partners.map((person) => ({
        recipientId: person.id,
        kind: 'pair.closed',
        subject: pairSubject(pair.id),
        payload: { pairId: pair.id, sessions: heldSessions },
        dueAt: nextWorkingMoment(now, person.timeZone),
        dedupeKey: `pair.closed:${pair.id}:${person.id}`,
      })),
    );
    await tx.audit({ actorId: null, programId: pair.programId, action: 'pair.closed', targetType: 'pair', targetId: pair.id, details: { heldSessions } });
    return true;
  });
  if (closed) deps.logger.info({ pairId: pair.id, heldSessions }, 'pair closed: plan completed');
  return closed;
}

const composeClosed: Composer = async (deps, notification, recipient) => {
  const { store } = deps;
  const payload = notification.payload as { pairId?: string; sessions?: number };
  const pair = await store.getPair(payload.pairId ?? '');
  if (!pair || pair.status !== 'closed') return null;
  if (recipient.id !== pair.mentorPersonId && recipient.id !== pair.menteePersonId) return null;
  const partner = await store.getPerson(recipient.id === pair.mentorPersonId ? pair.menteePersonId : pair.mentorPersonId);
  if (!partner) return null;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const text = t('engagement.closing.text', { name: recipient.name, partner: partner.name, count: Number(payload.sessions ?? 0) });
  const yesNo = (question: 'recommend' | 'repeat') => ({
    type: 'actions' as const,
    buttons: [
      { action: `closing.${question}.yes`, label: t('engagement.closing.yes'), value: pair.id, style: 'primary' as const },
      { action: `closing.${question}.no`, label: t('engagement.closing.no'), value: pair.id },
    ],
  });
  return message(
    [
      { type: 'header', text: t('engagement.closing.title') },
      { type: 'text', text },
      { type: 'text', text: t('engagement.closing.recommend') },
      yesNo('recommend'),
      { type: 'text', text: t('engagement.closing.repeat') },
      yesNo('repeat'),
    ],
    text,
  );
};

export const CLOSING_COMPOSERS: Record<string, Composer> = { 'pair.closed': composeClosed };

/** One end-of-program answer per person: each click sets its question, a second click replaces it. */
export async function answerClosing(ctx: RequestContext, action: ClosingAction, pairId: string | undefined): Promise<Outcome> {
  const pair = await ctx.store.getPair(pairId ?? '');
  if (!pair || pair.status !== 'closed' || (pair.mentorPersonId !== ctx.person.id && pair.menteePersonId !== ctx.person.id)) return showExpired(ctx);
  await ctx.store.upsertFeedback({ pairId: pair.id, sessionId: null, personId: ctx.person.id, kind: 'closing', ...CLOSING_ACTIONS[action] });
  return textReply(ctx.t('engagement.closing.saved'));
}
