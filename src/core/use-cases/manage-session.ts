// Rescheduling and cancelling a session (from a reminder, the sessions list or a notice), and the
// notices the partner receives about it.
import type { RequestContext } from '../context.js';
import { commandPrefix } from '../context.js';
import { formatDateTime } from '../format.js';
import { translator, trusted } from '../i18n/index.js';
import { message, type Block, type FormValues, type Outcome, textReply } from '../messages.js';
import type { PairRecord, SessionRecord } from '../ports.js';
import type { Person } from '../types.js';
import type { Composer } from './notification-composers.js';
import { PLAN_FORM_ID, planForm } from './agree-plan.js';
import { buildSessionForm, checkSlot, isPartner, partnerIdOf, RESCHEDULE_FORM_ID, slotFromForm } from './schedule-session.js';
import { calendarBlocks, REMINDER_KINDS, sessionActions, sessionReminderRows, sessionSubject, sessionTopicLabel } from './session-reminders.js';
import { showExpired } from './show-expired.js';

interface Found {
  session: SessionRecord;
  pair: PairRecord;
  partner: Person;
}

/** The session as seen by one of its partners; null when it is not theirs (or gone). */
async function findOwnSession(ctx: RequestContext, sessionId: string): Promise<Found | null> {
  const { store, person } = ctx;
  const session = await store.getSession(sessionId);
  if (!session) return null;
  const pair = await store.getPair(session.pairId);
  if (!pair || !isPartner(pair, person.id)) return null;
  const partner = await store.getPerson(partnerIdOf(pair, person.id));
  return partner ? { session, pair, partner } : null;
}

/** Why a session cannot be changed any more, in words; null when it can. */
function cannotChange(ctx: RequestContext, found: Found): string | null {
  const { t, clock, person } = ctx;
  const when = trusted(formatDateTime(found.session.startsAt, t.locale, person.timeZone));
  if (found.pair.status !== 'active') return t('session.not_in_pair');
  if (found.session.status === 'cancelled') return t('sessions.already_cancelled', { when });
  if (found.session.status !== 'scheduled') return t('sessions.already_held', { when });
  if (found.session.startsAt.getTime() + found.session.durationMinutes * 60_000 <= clock.now().getTime()) return t('sessions.already_held', { when });
  return null;
}

// ------------------------------------------------------------------------------------------------
// Reschedule

export async function rescheduleForm(ctx: RequestContext, sessionId: string): Promise<Outcome> {
  const found = await findOwnSession(ctx, sessionId);
  if (!found) return showExpired(ctx);
  const refusal = cannotChange(ctx, found);
  if (refusal) return textReply(refusal);
  return { kind: 'form', form: await buildSessionForm(ctx, found.pair, { session: found.session }) };
}

export async function submitRescheduleForm(ctx: RequestContext, rawState: string, values: FormValues): Promise<Outcome> {
  const { t, person, store, clock } = ctx;
  let state: { sessionId?: unknown; sequence?: unknown } = {};
  try {
    state = JSON.parse(rawState) as typeof state;
  } catch {
    return showExpired(ctx);
  }
  const found = await findOwnSession(ctx, String(state.sessionId ?? ''));
  if (!found || typeof state.sequence !== 'number') return showExpired(ctx);
  const done = (text: string): Outcome => ({ kind: 'form_done', message: message([{ type: 'text', text }]) });
  const refusal = cannotChange(ctx, found);
  if (refusal) return done(refusal);
  const { session, pair, partner } = found;
  if (session.sequence !== state.sequence) return done(changedMeanwhile(ctx, session));

  const request = slotFromForm(values);
  const check = await checkSlot(ctx, pair, request, { ignoreSessionId: session.id });
  if (!check.startsAt || request.duration === null) {
    return { kind: 'form_errors', errors: check.errors, form: await buildSessionForm(ctx, pair, { session, values }) };
  }
  const change = { startsAt: check.startsAt, durationMinutes: request.duration, topic: request.topic };
  if (change.startsAt.getTime() === session.startsAt.getTime() && change.durationMinutes === session.durationMinutes && change.topic === session.topic) {
    return done(t('sessions.reschedule.unchanged', { when: trusted(formatDateTime(session.startsAt, t.locale, person.timeZone)) }));
  }
  const now = clock.now();
  const moved = await store.transaction(async (tx) => {
    const updated = await tx.rescheduleSession(session.id, change, session.sequence);
    if (!updated) return null;
    // The old reminders would ring at the old time: replaced by the new ones below.
    await tx.cancelPendingNotifications(sessionSubject(session.id), 'session rescheduled', REMINDER_KINDS);
    await tx.enqueueNotifications([
      {
        recipientId: partner.id,
        kind: 'session.rescheduled',
        subject: sessionSubject(session.id),
        payload: { sessionId: session.id, sequence: updated.sequence, by: person.id, previousStartsAt: session.startsAt.toISOString() },
        dueAt: now,
        dedupeKey: `session.rescheduled:${session.id}:${updated.sequence}:${partner.id}`,
      },
      ...(await sessionReminderRows(tx, pair, updated, now)),
    ]);
    await tx.audit({
      actorId: person.id,
      programId: pair.programId,
      action: 'session.rescheduled',
      targetType: 'session',
      targetId: session.id,
      details: { from: session.startsAt.toISOString(), to: updated.startsAt.toISOString(), durationMinutes: updated.durationMinutes, sequence: updated.sequence },
    });
    return updated;
  });
  if (!moved) {
    const current = await store.getSession(session.id);
    return done(current ? changedMeanwhile(ctx, current) : t('error.expired'));
  }
  const topics = await store.listTopics();
  const blocks: Block[] = [
    {
      type: 'text',
      text: t('sessions.rescheduled', {
        when: trusted(formatDateTime(moved.startsAt, t.locale, person.timeZone)),
        duration: moved.durationMinutes,
        topic: trusted(sessionTopicLabel(t, topics, moved)),
        partner: partner.name,
      }),
    },
    { type: 'context', text: t('sessions.calendar_update') },
  ];
  blocks.push(...calendarBlocks(ctx, moved));
  return { kind: 'form_done', message: message(blocks) };
}

function changedMeanwhile(ctx: RequestContext, session: SessionRecord): string {
  const { t, person } = ctx;
  if (session.status === 'cancelled') return t('sessions.already_cancelled', { when: trusted(formatDateTime(session.startsAt, t.locale, person.timeZone)) });
  return t('sessions.changed_meanwhile', { when: trusted(formatDateTime(session.startsAt, t.locale, person.timeZone)) });
}

// ------------------------------------------------------------------------------------------------
// Cancel (asks first)

export async function askToCancel(ctx: RequestContext, sessionId: string): Promise<Outcome> {
  const { t, person } = ctx;
  const found = await findOwnSession(ctx, sessionId);
  if (!found) return showExpired(ctx);
  const refusal = cannotChange(ctx, found);
  if (refusal) return textReply(refusal);
  const { session, partner } = found;
  const value = `${session.id}:${session.sequence}`;
  return {
    kind: 'message',
    message: message([
      { type: 'text', text: t('sessions.cancel.confirm', { when: trusted(formatDateTime(session.startsAt, t.locale, person.timeZone)), partner: partner.name }) },
      {
        type: 'actions',
        buttons: [
          { action: 'session.cancel.confirm', label: t('sessions.cancel.yes'), value, style: 'danger' },
          { action: 'session.cancel.keep', label: t('sessions.cancel.no'), value },
        ],
      },
    ]),
  };
}

function parseCancelValue(value: string | undefined): { sessionId: string; sequence: number } | null {
  const match = /^([0-9a-f-]{36}):(\d{1,6})$/i.exec(value ?? '');
  return match ? { sessionId: match[1]!, sequence: Number(match[2]) } : null;
}

export async function confirmCancel(ctx: RequestContext, value: string | undefined): Promise<Outcome> {
  const { t, person, store, clock } = ctx;
  const wanted = parseCancelValue(value);
  const found = wanted ? await findOwnSession(ctx, wanted.sessionId) : null;
  if (!wanted || !found) return showExpired(ctx);
  const refusal = cannotChange(ctx, found);
  if (refusal) return { ...textReply(refusal), replaceSource: true };
  const { session, pair, partner } = found;
  if (session.sequence !== wanted.sequence) return { ...textReply(changedMeanwhile(ctx, session)), replaceSource: true };
  const now = clock.now();
  const cancelled = await store.transaction(async (tx) => {
    const updated = await tx.cancelSession(session.id, session.sequence);
    if (!updated) return null;
    // Everything still waiting about this session (reminders, kit, the partner's notice) no longer applies.
    await tx.cancelPendingNotifications(sessionSubject(session.id), 'session cancelled');
    await tx.enqueueNotifications([
      {
        recipientId: partner.id,
        kind: 'session.cancelled',
        payload: { sessionId: session.id, by: person.id },
        dueAt: now,
        dedupeKey: `session.cancelled:${session.id}:${partner.id}`,
      },
    ]);
    await tx.audit({ actorId: person.id, programId: pair.programId, action: 'session.cancelled', targetType: 'session', targetId: session.id, details: { startsAt: session.startsAt.toISOString() } });
    return updated;
  });
  if (!cancelled) {
    const current = await store.getSession(session.id);
    return { ...textReply(current ? changedMeanwhile(ctx, current) : t('error.expired')), replaceSource: true };
  }
  return {
    kind: 'message',
    replaceSource: true,
    message: message([
      { type: 'text', text: t('sessions.cancelled', { when: trusted(formatDateTime(session.startsAt, t.locale, person.timeZone)), partner: partner.name }) },
      { type: 'actions', buttons: [{ action: 'session.form', label: t('sessions.button.schedule_another'), value: pair.id }] },
    ]),
  };
}

export async function keepSession(ctx: RequestContext, value: string | undefined): Promise<Outcome> {
  const { t, person } = ctx;
  const wanted = parseCancelValue(value);
  const found = wanted ? await findOwnSession(ctx, wanted.sessionId) : null;
  if (!found) return showExpired(ctx);
  return { ...textReply(t('sessions.cancel.kept', { when: trusted(formatDateTime(found.session.startsAt, t.locale, person.timeZone)) })), replaceSource: true };
}

// ------------------------------------------------------------------------------------------------
// What the partner reads

const composeScheduled: Composer = async (deps, notification, recipient) => {
  const { store } = deps;
  const payload = notification.payload as { sessionId?: string; by?: string };
  const session = await store.getSession(payload.sessionId ?? '');
  const by = await store.getPerson(payload.by ?? '');
  if (!session || session.status !== 'scheduled' || !by) return null;
  const pair = await store.getPair(session.pairId);
  if (!pair || pair.status !== 'active' || !isPartner(pair, recipient.id)) return null;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const topics = await store.listTopics();
  return message([
    {
      type: 'text',
      text: t('session.scheduled_partner', {
        name: by.name,
        when: trusted(formatDateTime(session.startsAt, t.locale, recipient.timeZone)),
        duration: session.durationMinutes,
        topic: trusted(sessionTopicLabel(t, topics, session)),
      }),
    },
    { type: 'context', text: t('sessions.scheduled.reminders') },
    ...sessionActions({ settings: deps.settings, t }, session),
  ]);
};

const composeRescheduled: Composer = async (deps, notification, recipient) => {
  const { store } = deps;
  const payload = notification.payload as { sessionId?: string; sequence?: number; by?: string; previousStartsAt?: string };
  const session = await store.getSession(payload.sessionId ?? '');
  const by = await store.getPerson(payload.by ?? '');
  // Moved again since: only the latest move is announced.
  if (!session || session.status !== 'scheduled' || session.sequence !== payload.sequence || !by) return null;
  const pair = await store.getPair(session.pairId);
  if (!pair || pair.status !== 'active' || !isPartner(pair, recipient.id)) return null;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const topics = await store.listTopics();
  const previous = payload.previousStartsAt ? new Date(payload.previousStartsAt) : null;
  return message([
    {
      type: 'text',
      text: t('sessions.rescheduled_partner', {
        name: by.name,
        before: trusted(previous ? formatDateTime(previous, t.locale, recipient.timeZone) : '—'),
        when: trusted(formatDateTime(session.startsAt, t.locale, recipient.timeZone)),
        duration: session.durationMinutes,
        topic: trusted(sessionTopicLabel(t, topics, session)),
      }),
    },
    { type: 'context', text: t('sessions.calendar_update') },
    ...sessionActions({ settings: deps.settings, t }, session),
  ]);
};

const composeCancelled: Composer = async (deps, notification, recipient) => {
  const { store } = deps;
  const payload = notification.payload as { sessionId?: string; by?: string };
  const session = await store.getSession(payload.sessionId ?? '');
  const by = await store.getPerson(payload.by ?? '');
  if (!session || session.status !== 'cancelled' || !by) return null;
  const pair = await store.getPair(session.pairId);
  if (!pair || !isPartner(pair, recipient.id)) return null;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const blocks: Block[] = [{ type: 'text', text: t('sessions.cancelled_partner', { name: by.name, when: trusted(formatDateTime(session.startsAt, t.locale, recipient.timeZone)) }) }];
  if (pair.status === 'active') {
    blocks.push({ type: 'actions', buttons: [{ action: 'session.form', label: t('sessions.button.schedule_another'), value: pair.id, style: 'primary' }] });
  }
  return message(blocks);
};

export const SESSION_NOTICE_COMPOSERS: Record<string, Composer> = {
  'session.scheduled': composeScheduled,
  'session.rescheduled': composeRescheduled,
  'session.cancelled': composeCancelled,
};

/** A sessions or plan form whose opening timed out (Slack trigger expired), opened again from its button. */
export async function reopenSessionForm(ctx: RequestContext, formId: string, rawState: string): Promise<Outcome | null> {
  let state: { pairId?: unknown; sessionId?: unknown } = {};
  try {
    state = JSON.parse(rawState) as typeof state;
  } catch {
    return showExpired(ctx);
  }
  if (formId === RESCHEDULE_FORM_ID) return rescheduleForm(ctx, String(state.sessionId ?? ''));
  if (formId === PLAN_FORM_ID) return planForm(ctx, String(state.pairId ?? ''));
  return null;
}
