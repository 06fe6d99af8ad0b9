// After each session: "did it happen?" to both partners (in working hours), then a private feedback form.
// Held wins: one "yes" makes the session held; "no" alone makes it missed. One answer per person per
// session: the form reopened shows the previous answer, and sending it again replaces it.
import type { CoreDeps, RequestContext } from '../context.js';
import { commandPrefix } from '../context.js';
import { formatDay, today } from '../format.js';
import { translator, type Translator } from '../i18n/index.js';
import { message, textReply, type Button, type Form, type FormValues, type Outcome } from '../messages.js';
import type { FeedbackRecord, NewNotification, PairRecord, SessionAnswer, SessionRecord } from '../ports.js';
import { cleanText, hasControlCharacters, untrusted } from '../text.js';
import type { Person } from '../types.js';
import { nextWorkingMoment } from '../working-hours.js';
import { scheduleAdoptionCheck } from './adoption-check.js';
import { closeCompletedPair } from './close-pair.js';
import type { Composer } from './notification-composers.js';
import { showExpired } from './show-expired.js';

export const SESSION_FEEDBACK_FORM_ID = 'feedback.session';
export const SESSION_CHECK_ACTIONS = { happened: 'session.happened', missed: 'session.missed', feedback: 'feedback.form' } as const;
export const FEEDBACK_TEXT_MAX = 1000;
/** Sessions that ended longer ago than this are not asked about any more (e.g. after a long outage). */
const LOOKBACK_MS = 14 * 86_400_000;
const BATCH = 500;
const FEEDBACK_LIST_SIZE = 5;

export function sessionSubject(sessionId: string): string {
  return `session:${sessionId}`;
}

/**
 * The job (every few minutes, on any replica): ended sessions nobody was asked about get the question,
 * for both partners, at the next working moment of each. Dedupe keys carry the session's sequence, so
 * a session moved after its end is asked about again once it ends anew.
 */
export async function askAboutEndedSessions(deps: CoreDeps): Promise<number> {
  const { store, clock } = deps;
  const now = clock.now();
  let queued = 0;
  for (;;) {
    const ended = await store.listEndedUncheckedSessions(now, new Date(now.getTime() - LOOKBACK_MS), BATCH);
    if (ended.length === 0) break;
    const rows: NewNotification[] = ended.flatMap(({ session, endsAt, mentor, mentee }) =>
      (
        [
          ['mentee', mentee],
          ['mentor', mentor],
        ] as const
      ).map(([role, partner]) => ({
        recipientId: partner.personId,
        kind: 'session.check',
        subject: sessionSubject(session.id),
        payload: { sessionId: session.id, sequence: session.sequence },
        // Never at night: a session ending at 19:00 is asked about the next working morning.
        dueAt: nextWorkingMoment(new Date(Math.max(endsAt.getTime(), now.getTime())), partner.timeZone),
        dedupeKey: `session.check:${session.id}:${session.sequence}:${role}`,
      })),
    );
    await store.enqueueNotifications(rows);
    queued += rows.length;
    if (ended.length < BATCH) break;
  }
  return queued;
}

function sessionDay(session: SessionRecord, t: Translator, person: Person): string {
  return formatDay(today(session.startsAt, person.timeZone), t.locale);
}

const composeSessionCheck: Composer = async (deps, notification, recipient) => {
  const { store } = deps;
  const payload = notification.payload as { sessionId?: string; sequence?: number };
  const session = await store.getSession(payload.sessionId ?? '');
  if (!session || session.status === 'cancelled' || session.sequence !== payload.sequence) return null;
  const pair = await store.getPair(session.pairId);
  if (!pair || pair.status === 'ended' || !isPartner(pair, recipient.id)) return null;
  const enrollment = await store.getEnrollment(recipient.id === pair.mentorPersonId ? pair.mentorEnrollmentId : pair.menteeEnrollmentId);
  // Paused or withdrawn people get nothing.
  if (enrollment?.status !== 'approved') return null;
  const answered = await store.getFeedback({ pairId: pair.id, sessionId: session.id, personId: recipient.id, kind: 'session' });
  if (answered?.happened != null) return null;
  const partner = await store.getPerson(partnerId(pair, recipient.id));
  if (!partner) return null;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const text = t('engagement.check.text', { name: recipient.name, partner: partner.name, date: { trusted: sessionDay(session, t, recipient) } });
  const buttons: Button[] = [
    { action: SESSION_CHECK_ACTIONS.happened, label: t('engagement.check.yes'), value: session.id, style: 'primary' },
    { action: SESSION_CHECK_ACTIONS.missed, label: t('engagement.check.no'), value: session.id },
  ];
  if (pair.status === 'active') buttons.push({ action: 'session.form', label: t('engagement.check.reschedule'), value: pair.id });
  return message(
    [
      { type: 'header', text: t('engagement.check.title') },
      { type: 'text', text },
      { type: 'actions', buttons },
    ],
    text,
  );
};

export const SESSION_CHECK_COMPOSERS: Record<string, Composer> = { 'session.check': composeSessionCheck };

interface SessionContext {
  session: SessionRecord;
  pair: PairRecord;
  partner: Person;
}

/** The session the button or form is about, when the person acting is one of its pair. */
async function loadSession(ctx: RequestContext, sessionId: string | undefined): Promise<SessionContext | null> {
  const { store, person } = ctx;
  const session = await store.getSession(sessionId ?? '');
  if (!session) return null;
  const pair = await store.getPair(session.pairId);
  if (!pair || !isPartner(pair, person.id)) return null;
  const partner = await store.getPerson(partnerId(pair, person.id));
  return partner ? { session, pair, partner } : null;
}

/** "Yes, it happened": the session is held; the feedback form opens (with the previous answer, if any). */
export async function answerHappened(ctx: RequestContext, sessionId: string | undefined): Promise<Outcome> {
  const loaded = await loadSession(ctx, sessionId);
  if (!loaded || loaded.session.startsAt.getTime() > ctx.clock.now().getTime()) return showExpired(ctx);
  if (loaded.session.status === 'cancelled') return textReply(ctx.t('engagement.check.cancelled'));
  const answer = await ctx.store.recordSessionAnswer(loaded.session.id, ctx.person.id, true);
  if (!answer) return textReply(ctx.t('engagement.check.cancelled'));
  await afterAnswer(ctx, loaded.pair, answer);
  return { kind: 'form', form: await feedbackForm(ctx, { ...loaded, session: answer.session }) };
}

/** "No, it didn't": recorded (missed unless the partner says it happened), with a way to pick a new date. */
export async function answerMissed(ctx: RequestContext, sessionId: string | undefined): Promise<Outcome> {
  const { t } = ctx;
  const loaded = await loadSession(ctx, sessionId);
  if (!loaded || loaded.session.startsAt.getTime() > ctx.clock.now().getTime()) return showExpired(ctx);
  if (loaded.session.status === 'cancelled') return textReply(t('engagement.check.cancelled'));
  const answer = await ctx.store.recordSessionAnswer(loaded.session.id, ctx.person.id, false);
  if (!answer) return textReply(t('engagement.check.cancelled'));
  await afterAnswer(ctx, loaded.pair, answer);
  const text = t('engagement.check.missed', { partner: loaded.partner.name });
  const pair = await ctx.store.getPair(loaded.pair.id);
  const buttons: Button[] = pair?.status === 'active' ? [{ action: 'session.form', label: t('engagement.check.reschedule'), value: pair.id, style: 'primary' }] : [];
  return {
    kind: 'message',
    message: message([{ type: 'text', text }, ...(buttons.length ? [{ type: 'actions' as const, buttons }] : [])], text),
    replaceSource: true,
  };
}

/** The form again, e.g. from "Edit my feedback". */
export async function openFeedbackForm(ctx: RequestContext, sessionId: string | undefined): Promise<Outcome> {
  const loaded = await loadSession(ctx, sessionId);
  if (!loaded) return showExpired(ctx);
  if (loaded.session.status !== 'held') return textReply(ctx.t('engagement.feedback.not_held'));
  return { kind: 'form', form: await feedbackForm(ctx, loaded) };
}

/** `feedback`: the form of the one held session, or the recent ones to choose from (given or not yet). */
export async function feedbackCommand(ctx: RequestContext): Promise<Outcome> {
  const { t, person, store } = ctx;
  const held = await store.listHeldSessionsOf(person.id, FEEDBACK_LIST_SIZE);
  if (held.length === 0) return textReply(t('engagement.feedback.none'));
  if (held.length === 1) return openFeedbackForm(ctx, held[0]!.session.id);
  const partners = new Map((await Promise.all([...new Set(held.map((h) => h.partnerId))].map((id) => store.getPerson(id)))).filter((p) => p !== null).map((p) => [p.id, p]));
  const short = new Intl.DateTimeFormat(t.locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short', timeZone: person.timeZone });
  const lines = held.map((h) =>
    t(h.answered ? 'engagement.feedback.list.given' : 'engagement.feedback.list.todo', {
      date: { trusted: sessionDay(h.session, t, person) },
      partner: partners.get(h.partnerId)?.name ?? '—',
    }),
  );
  const buttons: Button[] = held.map((h) => ({
    action: SESSION_CHECK_ACTIONS.feedback,
    label: `${short.format(h.session.startsAt)} — ${untrusted(partners.get(h.partnerId)?.name ?? '—')}`,
    value: h.session.id,
    ...(h.answered ? {} : { style: 'primary' as const }),
  }));
  return {
    kind: 'message',
    message: message([
      { type: 'header', text: t('engagement.feedback.list.title') },
      { type: 'text', text: t('engagement.feedback.list.intro') },
      { type: 'text', text: lines.join('\n') },
      { type: 'actions', buttons },
    ]),
  };
}

/** A session just became held: the mentee's adoption question a week later, and the pair closes when its plan is done. */
async function afterAnswer(ctx: RequestContext, pair: PairRecord, answer: SessionAnswer): Promise<void> {
  if (answer.session.status !== 'held' || answer.previousStatus === 'held') return;
  await scheduleAdoptionCheck(ctx, pair, answer.session);
  await closeCompletedPair(ctx, pair.id, answer.heldSessions);
}

const SCALE = ['1', '2', '3', '4', '5'] as const;

async function feedbackForm(ctx: RequestContext, loaded: SessionContext, values?: FormValues): Promise<Form> {
  const { t, person, store } = ctx;
  const { session, pair, partner } = loaded;
  const mentor = person.id === pair.mentorPersonId;
  const previous = values ? null : await store.getFeedback({ pairId: pair.id, sessionId: session.id, personId: person.id, kind: 'session' });
  const pick = (id: string, stored: number | null | undefined): string[] | undefined => {
    if (values) {
      const v = values[id];
      const one = Array.isArray(v) ? v[0] : v;
      return one ? [one] : undefined;
    }
    return stored ? [String(stored)] : undefined;
  };
  const typed = (id: string, stored: string | null | undefined): string | undefined => {
    if (values) {
      const v = values[id];
      return Array.isArray(v) ? v[0] : v;
    }
    return stored ?? undefined;
  };
  const fields: Form['fields'] = [
    {
      kind: 'select',
      id: 'usefulness',
      label: t('engagement.feedback.usefulness'),
      options: SCALE.map((n) => ({ value: n, label: t(`engagement.feedback.usefulness.${n}`) })),
      multiple: false,
      required: true,
      initial: pick('usefulness', previous?.usefulness),
    },
  ];
  if (mentor) {
    fields.push({
      kind: 'select',
      id: 'ease',
      label: t('engagement.feedback.ease'),
      options: SCALE.map((n) => ({ value: n, label: t(`engagement.feedback.ease.${n}`) })),
      multiple: false,
      required: true,
      initial: pick('ease', previous?.ease),
    });
  }
  fields.push(
    {
      kind: 'text',
      id: 'learned',
      label: t(mentor ? 'engagement.feedback.learned.mentor' : 'engagement.feedback.learned.mentee'),
      multiline: true,
      maxLength: FEEDBACK_TEXT_MAX,
      required: false,
      initial: typed('learned', previous?.learned),
    },
    {
      kind: 'text',
      id: 'next',
      label: t('engagement.feedback.next'),
      multiline: true,
      maxLength: FEEDBACK_TEXT_MAX,
      required: false,
      initial: typed('next', previous?.nextStep),
    },
  );
  return {
    id: SESSION_FEEDBACK_FORM_ID,
    title: t('engagement.feedback.title'),
    submitLabel: t('engagement.feedback.submit'),
    cancelLabel: t('form.cancel'),
    requiredError: t('validation.required'),
    state: JSON.stringify({ sessionId: session.id }),
    intro: t('engagement.feedback.intro', { partner: partner.name, date: { trusted: sessionDay(session, t, person) } }),
    fields,
  };
}

export async function submitFeedbackForm(ctx: RequestContext, rawState: string, values: FormValues): Promise<Outcome> {
  const { t, person, store } = ctx;
  let sessionId = '';
  try {
    sessionId = String((JSON.parse(rawState) as { sessionId?: unknown }).sessionId ?? '');
  } catch {
    return showExpired(ctx);
  }
  const loaded = await loadSession(ctx, sessionId);
  if (!loaded) return showExpired(ctx);
  if (loaded.session.status !== 'held') return { kind: 'form_done', message: message([{ type: 'text', text: t('engagement.feedback.not_held') }]) };
  const mentor = person.id === loaded.pair.mentorPersonId;

  const errors: Record<string, string> = {};
  const scale = (id: string): number | null => {
    const v = values[id];
    const one = (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
    if (!(SCALE as readonly string[]).includes(one)) {
      errors[id] = one ? t('validation.choice') : t('validation.required');
      return null;
    }
    return Number(one);
  };
  const text = (id: string): string | null => {
    const v = values[id];
    const raw = (Array.isArray(v) ? v[0] : v) ?? '';
    if (hasControlCharacters(raw.replace(/[\r\n\t]/g, ''))) {
      errors[id] = t('validation.control_characters');
      return null;
    }
    const cleaned = cleanText(raw);
    if (cleaned.length > FEEDBACK_TEXT_MAX) errors[id] = t('validation.too_long', { max: FEEDBACK_TEXT_MAX, length: cleaned.length });
    return cleaned || null;
  };
  const usefulness = scale('usefulness');
  const ease = mentor ? scale('ease') : null;
  const learned = text('learned');
  const nextStep = text('next');
  if (Object.keys(errors).length > 0) return { kind: 'form_errors', errors, form: await feedbackForm(ctx, loaded, values) };

  const key = { pairId: loaded.pair.id, sessionId: loaded.session.id, personId: person.id, kind: 'session' as const };
  const previous: FeedbackRecord | null = await store.getFeedback(key);
  await store.upsertFeedback({ ...key, happened: true, usefulness, ease, learned, nextStep, topic: loaded.session.topic });
  const edited = previous?.usefulness != null;
  const reply = t(edited ? 'engagement.feedback.updated' : 'engagement.feedback.saved', { partner: loaded.partner.name });
  return {
    kind: 'form_done',
    message: message(
      [
        { type: 'text', text: reply },
        { type: 'actions', buttons: [{ action: SESSION_CHECK_ACTIONS.feedback, label: t('engagement.feedback.edit'), value: loaded.session.id }] },
      ],
      reply,
    ),
  };
}

function isPartner(pair: PairRecord, personId: string): boolean {
  return pair.mentorPersonId === personId || pair.menteePersonId === personId;
}

function partnerId(pair: PairRecord, personId: string): string {
  return personId === pair.mentorPersonId ? pair.menteePersonId : pair.mentorPersonId;
}
