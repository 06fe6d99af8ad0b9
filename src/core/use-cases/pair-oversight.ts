// Admins steering pairs: at-risk list, remind both partners, end a pair (with confirmation).
import type { CoreDeps, RequestContext } from '../context.js';
import { commandPrefix } from '../context.js';
import { formatDay, today } from '../format.js';
import type { Target } from '../grammar.js';
import { translator, type Translator } from '../i18n/index.js';
import { message, textReply, type Block, type Button, type Message, type Outcome } from '../messages.js';
import type { Notification, PairRecord, Store } from '../ports.js';
import type { Person } from '../types.js';
import { nextWorkingMoment } from '../working-hours.js';
import { showExpired } from './show-expired.js';

/**
 * Button action ids for a pair, shared with the nudge ladder's "pair at risk" message: the value of
 * each is the pair id. `pair.rematch` also accepts an enrollment id.
 */
export const PAIR_ACTIONS = {
  /** Re-nudge both partners now (within their working hours). */
  remind: 'pair.remind',
  /** Ask the admin to confirm, then end the pair. */
  end: 'pair.end',
  endConfirm: 'pair.end.confirm',
  endKeep: 'pair.end.keep',
  /** Offer the choice: back in the pool for the next round, or a new partner now. */
  rematch: 'pair.rematch',
  rematchNext: 'rematch.next',
  rematchNow: 'rematch.now',
  rematchConfirm: 'rematch.confirm',
  rematchCancel: 'rematch.cancel',
  /** Another page of the at-risk list (value: page number). */
  atRiskPage: 'pairs.at_risk.page',
} as const;

/** Notification kinds of this feature. */
export const PAIR_REMIND_KIND = 'pair.remind';

/** Pairs per page: two blocks each keeps Slack under 50 blocks and Teams cards light. */
export const AT_RISK_PAGE = 15;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Remind / Rematch / End, the three things an admin can do about a quiet pair. */
export function pairActionButtons(t: Translator, pairId: string): Button[] {
  return [
    { action: PAIR_ACTIONS.remind, label: t('oversight.pairs.remind'), value: pairId, style: 'primary' },
    { action: PAIR_ACTIONS.rematch, label: t('oversight.pairs.rematch'), value: pairId },
    { action: PAIR_ACTIONS.end, label: t('oversight.pairs.end'), value: pairId, style: 'danger' },
  ];
}

/** `admin at-risk`: quiet pairs, longest silence first, with what the admin can do about each. */
export async function listAtRiskPairs(ctx: RequestContext, pageValue?: string): Promise<Outcome> {
  const { t, program, store, clock, person } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  if (!program) return textReply(t('error.no_program'));
  const now = clock.now();
  const days = program.settings.nudgeDays.admins;
  const requested = Math.max(0, Number.parseInt(pageValue ?? '0', 10) || 0);
  const silentSince = new Date(now.getTime() - days * DAY_MS);
  let result = await store.listAtRiskPairs(program.id, now, silentSince, { limit: AT_RISK_PAGE, offset: requested * AT_RISK_PAGE });
  let page = requested;
  if (result.pairs.length === 0 && result.total > 0) {
    // The list shrank since that page was shown: show its last page instead.
    page = Math.floor((result.total - 1) / AT_RISK_PAGE);
    result = await store.listAtRiskPairs(program.id, now, silentSince, { limit: AT_RISK_PAGE, offset: page * AT_RISK_PAGE });
  }
  const replaceSource = pageValue !== undefined;
  if (result.total === 0) return { ...textReply(t('oversight.pairs.at_risk.none', { days })), replaceSource };
  const title = t('oversight.pairs.at_risk.title', { count: result.total });
  const blocks: Block[] = [{ type: 'header', text: title }, { type: 'context', text: t('oversight.pairs.at_risk.intro', { days }) }];
  for (const pair of result.pairs) {
    const silence = Math.floor((now.getTime() - pair.lastActivity.getTime()) / DAY_MS);
    blocks.push(
      {
        type: 'text',
        text: t('oversight.pairs.at_risk.pair', {
          mentor: pair.mentor.name,
          mentee: pair.mentee.name,
          days: silence,
          last: { trusted: formatDay(today(pair.lastActivity, person.timeZone), t.locale) },
          held: pair.heldSessions,
        }),
      },
      { type: 'actions', buttons: pairActionButtons(t, pair.pairId) },
    );
  }
  const first = page * AT_RISK_PAGE;
  if (result.total > AT_RISK_PAGE) {
    blocks.push({ type: 'context', text: t('oversight.pairs.page', { from: first + 1, to: first + result.pairs.length, total: result.total }) });
    const nav: Button[] = [];
    if (page > 0) nav.push({ action: PAIR_ACTIONS.atRiskPage, label: t('oversight.pairs.previous'), value: String(page - 1) });
    if (first + result.pairs.length < result.total) nav.push({ action: PAIR_ACTIONS.atRiskPage, label: t('oversight.pairs.more'), value: String(page + 1) });
    blocks.push({ type: 'actions', buttons: nav });
  }
  return { kind: 'message', message: message(blocks, title), replaceSource };
}

/** Remind: both partners get a gentle nudge, within their own working hours; at most once a day per pair. */
export async function remindPair(ctx: RequestContext, pairId: string): Promise<Outcome> {
  const { t, store, clock, person } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const found = await activePair(ctx, pairId);
  if ('outcome' in found) return found.outcome;
  const { pair, mentor, mentee } = found;
  const now = clock.now();
  const day = today(now, ctx.program?.settings.timeZone ?? ctx.settings.defaultTimeZone);
  const key = (recipient: Person) => `${PAIR_REMIND_KIND}:${pair.id}:${recipient.id}:${day}`;
  if (await store.findNotificationByKey(key(mentee))) {
    return textReply(t('oversight.pairs.remind.already', { mentor: mentor.name, mentee: mentee.name }));
  }
  await store.transaction(async (tx) => {
    await tx.enqueueNotifications(
      [mentee, mentor].map((recipient) => ({
        recipientId: recipient.id,
        kind: PAIR_REMIND_KIND,
        subject: `pair:${pair.id}`,
        payload: { pairId: pair.id },
        dueAt: nextWorkingMoment(now, recipient.timeZone),
        dedupeKey: key(recipient),
      })),
    );
    await tx.audit({ actorId: person.id, programId: pair.programId, action: 'pair.reminded', targetType: 'pair', targetId: pair.id });
  });
  return textReply(t('oversight.pairs.remind.done', { mentor: mentor.name, mentee: mentee.name }));
}

/** End (button): confirmation first, since both partners will be told. */
export async function askEndPair(ctx: RequestContext, pairId: string): Promise<Outcome> {
  const { t } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const found = await activePair(ctx, pairId);
  if ('outcome' in found) return found.outcome;
  return { kind: 'message', message: endConfirmation(t, [found]) };
}

/** `admin end @person`: their active pair(s), each with its own confirmation button. */
export async function askEndPairsOf(ctx: RequestContext, target: Target | null): Promise<Outcome> {
  const { t, store, program } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  if (!program) return textReply(t('error.no_program'));
  if (!target) return textReply(t('oversight.pairs.end.usage'));
  const people = await findTargetPeople(ctx, target);
  if ('outcome' in people) return people.outcome;
  const pairs = (await Promise.all(people.found.map((p) => store.listActivePairsOfPerson(p.id)))).flat().filter((p) => p.programId === program.id);
  if (pairs.length === 0) return textReply(t('oversight.pairs.none_for', { name: people.found[0]!.name }));
  const described = await Promise.all(pairs.map((pair) => withPeople(store, pair)));
  return { kind: 'message', message: endConfirmation(t, described.filter((d) => d !== null)) };
}

function endConfirmation(t: Translator, pairs: PairWithPeople[]): Message {
  const blocks: Block[] = [{ type: 'text', text: t('oversight.pairs.end.confirm', { count: pairs.length }) }];
  for (const { pair, mentor, mentee } of pairs) {
    blocks.push(
      { type: 'text', text: t('oversight.pairs.end.which', { mentor: mentor.name, mentee: mentee.name }) },
      {
        type: 'actions',
        buttons: [
          { action: PAIR_ACTIONS.endConfirm, label: t('oversight.pairs.end.confirm_button'), value: pair.id, style: 'danger' },
          { action: PAIR_ACTIONS.endKeep, label: t('oversight.pairs.end.keep_button'), value: pair.id },
        ],
      },
    );
  }
  return message(blocks);
}

export async function confirmEndPair(ctx: RequestContext, pairId: string): Promise<Outcome> {
  const { t, store, clock, person } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const found = await activePair(ctx, pairId);
  if ('outcome' in found) return { ...found.outcome, replaceSource: true } as Outcome;
  const ended = await store.transaction((tx) => endPairByAdmin(tx, found.pair, clock.now(), person.id, 'pair.ended'));
  const { mentor, mentee } = found;
  if (!ended) return { ...textReply(t('oversight.pairs.already_ended', { mentor: mentor.name, mentee: mentee.name })), replaceSource: true };
  return { ...textReply(t('oversight.pairs.end.done', { mentor: mentor.name, mentee: mentee.name })), replaceSource: true };
}

export function keepPair(ctx: RequestContext): Outcome {
  return { ...textReply(ctx.t('oversight.pairs.end.kept')), replaceSource: true };
}

/**
 * Ends an active pair for an admin, in the caller's transaction: future sessions cancelled, whatever was
 * still to be sent about the pair or those sessions cancelled, both partners told kindly (no reason given).
 * False when the pair was no longer active.
 */
export async function endPairByAdmin(
  tx: Store,
  pair: PairRecord,
  now: Date,
  adminId: string,
  action: string,
  options: { details?: Record<string, unknown>; tell?: string[] } = {},
): Promise<boolean> {
  // The mentee's row lock serializes two admins (or a double click) ending the same pair: it ends once.
  await tx.getEnrollment(pair.menteeEnrollmentId, { forUpdate: true });
  const current = await tx.getPair(pair.id);
  if (current?.status !== 'active') return false;
  const upcoming = (await tx.listSessions(pair.id)).filter((s) => s.status === 'scheduled' && s.startsAt >= now);
  await tx.endPair(pair.id, now);
  let cancelled = await tx.cancelPendingNotifications(`pair:${pair.id}`, 'pair ended by an admin');
  for (const session of upcoming) cancelled += await tx.cancelPendingNotifications(`session:${session.id}`, 'pair ended by an admin');
  await tx.enqueueNotifications(
    (options.tell ?? [pair.mentorPersonId, pair.menteePersonId]).map((recipientId) => ({
      recipientId,
      kind: 'pair.ended',
      payload: { pairId: pair.id, endedBy: 'admin' },
      dueAt: now,
      dedupeKey: `pair.ended:${pair.id}:${recipientId}`,
    })),
  );
  await tx.audit({
    actorId: adminId,
    programId: pair.programId,
    action,
    targetType: 'pair',
    targetId: pair.id,
    details: { sessionsCancelled: upcoming.length, notificationsCancelled: cancelled, ...options.details },
  });
  return true;
}

export interface PairWithPeople {
  pair: PairRecord;
  mentor: Person;
  mentee: Person;
}

export async function withPeople(store: Store, pair: PairRecord): Promise<PairWithPeople | null> {
  const [mentor, mentee] = await Promise.all([store.getPerson(pair.mentorPersonId), store.getPerson(pair.menteePersonId)]);
  return mentor && mentee ? { pair, mentor, mentee } : null;
}

/** The active pair of the admin's program behind a button, or the reply explaining why not. */
async function activePair(ctx: RequestContext, pairId: string): Promise<PairWithPeople | { outcome: Outcome }> {
  const pair = await ctx.store.getPair(pairId);
  if (!pair || (ctx.program && pair.programId !== ctx.program.id)) return { outcome: showExpired(ctx) };
  const found = await withPeople(ctx.store, pair);
  if (!found) return { outcome: showExpired(ctx) };
  if (pair.status !== 'active') {
    return { outcome: textReply(ctx.t('oversight.pairs.already_ended', { mentor: found.mentor.name, mentee: found.mentee.name })) };
  }
  return found;
}

/** The people an admin named (`@person` or an email), or the reply saying nobody is known by that. */
export async function findTargetPeople(ctx: RequestContext, target: Target): Promise<{ found: Person[] } | { outcome: Outcome }> {
  const { store, t } = ctx;
  const found =
    target.kind === 'email'
      ? await store.findPeopleByEmail(target.email)
      : [await store.findPerson({ platform: ctx.person.platform, tenantId: ctx.person.tenantId, userId: target.userId })].filter((p) => p !== null);
  if (found.length > 0) return { found };
  return { outcome: textReply(target.kind === 'email' ? t('admin.unknown_person', { target: target.email }) : t('admin.unknown_mention')) };
}

// Notifications ------------------------------------------------------------------------------------

/** The admin's reminder to a quiet pair; dropped when the pair ended or planned a session meanwhile. */
export async function composePairReminder(deps: CoreDeps, notification: Notification, recipient: Person): Promise<Message | null> {
  const { store, clock } = deps;
  const pair = await store.getPair(String(notification.payload.pairId ?? ''));
  if (!pair || pair.status !== 'active') return null;
  const now = clock.now();
  if ((await store.listSessions(pair.id)).some((s) => s.status === 'scheduled' && s.startsAt > now)) return null;
  const partner = await store.getPerson(recipient.id === pair.mentorPersonId ? pair.menteePersonId : pair.mentorPersonId);
  if (!partner) return null;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const text = t('oversight.pairs.remind.notice', { name: recipient.name, partner: partner.name });
  return message(
    [
      { type: 'text', text },
      { type: 'actions', buttons: [{ action: 'session.form', label: t('oversight.pairs.remind.schedule'), value: pair.id, style: 'primary' }] },
    ],
    text,
  );
}

/** "Your pair has ended", without a reason: the admin's decision is not the partners' business to argue. */
export async function composePairEndedByAdmin(deps: CoreDeps, notification: Notification, recipient: Person): Promise<Message | null> {
  const pair = await deps.store.getPair(String(notification.payload.pairId ?? ''));
  if (!pair) return null;
  const partner = await deps.store.getPerson(recipient.id === pair.mentorPersonId ? pair.menteePersonId : pair.mentorPersonId);
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  return message([{ type: 'text', text: t('oversight.pairs.ended.notice', { name: recipient.name, partner: partner ? partner.name : '—' }) }]);
}

export const PAIR_OVERSIGHT_COMPOSERS = { [PAIR_REMIND_KIND]: composePairReminder };

