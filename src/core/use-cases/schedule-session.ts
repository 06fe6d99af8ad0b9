// Scheduling a session of a pair (form or command): read in the requester's time zone, stored in UTC,
// shown to each in theirs. The checks of a wanted slot are shared with rescheduling.
import { DateTime } from 'luxon';
import type { RequestContext } from '../context.js';
import { exampleDay, formatDateTime, formatList } from '../format.js';
import { fold, parseDate, parseTarget, type Target } from '../grammar.js';
import { trusted } from '../i18n/index.js';
import { message, type Block, type Button, type Form, type FormValues, type Outcome, textReply } from '../messages.js';
import type { PairRecord, SessionRecord } from '../ports.js';
import { untrusted } from '../text.js';
import type { Person, Topic } from '../types.js';
import { topicName } from './describe-match.js';
import { calendarBlocks, sessionReminderRows } from './session-reminders.js';
import { showExpired } from './show-expired.js';

export const SESSION_FORM_ID = 'session';
export const RESCHEDULE_FORM_ID = 'session.reschedule';
export const SESSION_DURATION = { min: 15, max: 240 } as const;
/** How far ahead a session may be scheduled. */
const MAX_DAYS_AHEAD = 366;

export function isPartner(pair: PairRecord, personId: string): boolean {
  return pair.mentorPersonId === personId || pair.menteePersonId === personId;
}

export function partnerIdOf(pair: PairRecord, personId: string): string {
  return personId === pair.mentorPersonId ? pair.menteePersonId : pair.mentorPersonId;
}

/** The plan's first module not yet covered by a held or scheduled session (the first one when all are). */
export function nextModule(pair: PairRecord, sessions: SessionRecord[]): string | null {
  const modules = pair.plan?.modules ?? [];
  const covered = new Set(sessions.filter((s) => s.status !== 'cancelled' && s.status !== 'missed').map((s) => s.topic));
  return modules.find((slug) => !covered.has(slug)) ?? modules[0] ?? null;
}

// ------------------------------------------------------------------------------------------------
// What people type: times and durations, in English and French habits

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** 14:30, 14h30, 14h, 14.30, 9:05, 2pm, 2:30pm → a time of day; null otherwise. */
export function parseTime(value: string): TimeOfDay | null {
  const text = fold(value.trim());
  const h24 = /^([01]?\d|2[0-3])(?:[:.]([0-5]\d)|h([0-5]\d)?)$/.exec(text);
  if (h24) return { hour: Number(h24[1]), minute: Number(h24[2] ?? h24[3] ?? 0) };
  const h12 = /^(1[0-2]|0?[1-9])(?::([0-5]\d))?\s?(am|pm)$/.exec(text);
  if (h12) return { hour: (Number(h12[1]) % 12) + (h12[3] === 'pm' ? 12 : 0), minute: Number(h12[2] ?? 0) };
  return null;
}

/** 60, 60min, 60 mn, 90 minutes, 1h, 1h30, 1.5h, 1,5 h, 2 hours, 1 heure → minutes; null otherwise. */
export function parseDuration(value: string): number | null {
  const text = fold(value.trim()).replace(/\s+/g, '');
  const minutes = /^(\d{1,4})(m|mn|min|mins|minute|minutes)?$/.exec(text);
  if (minutes) return Number(minutes[1]);
  const hours = /^(\d{1,2})(?:[.,](\d{1,2}))?(h|hr|hrs|hour|hours|heure|heures)$/.exec(text);
  if (hours) return Math.round((Number(hours[1]) + (hours[2] ? Number(`0.${hours[2]}`) : 0)) * 60);
  const hoursMinutes = /^(\d{1,2})h([0-5]\d)(?:min|mn)?$/.exec(text);
  if (hoursMinutes) return Number(hoursMinutes[1]) * 60 + Number(hoursMinutes[2]);
  return null;
}

/** Words that read naturally in a command but carry nothing: "at", "for", "le", "à", "pendant"… */
const FILLERS = new Set(['at', 'on', 'for', 'the', 'with', 'during', 'le', 'a', 'de', 'pendant', 'durant', 'avec', 'pour']);
const UNITS = new Set(['m', 'mn', 'min', 'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours', 'heure', 'heures']);

export interface ScheduleWords {
  target: Target | { kind: 'name'; name: string } | null;
  day: string | null;
  time: TimeOfDay | null;
  duration: number | null;
  /** A word shaped like a date or a time that is not a real one (31/02/2026, 25:00). */
  badDate: boolean;
  badTime: boolean;
  /** Words that are none of the above, as typed. */
  unknown: string[];
}

/**
 * `2026-12-03 14:30 60min`, `le 03/12/2026 à 14h30 pendant 1h`, `@Mona 3/12/2026 2:30 pm 90 min`.
 * The first time-like word is the start, a later one the duration; `60min`-like words are always durations.
 */
export function parseScheduleWords(words: string[]): ScheduleWords {
  const tokens: string[] = [];
  for (const word of words) {
    const folded = fold(word);
    const last = tokens.length - 1;
    // "90 min", "2:30 pm", "1 h": a number and its unit typed apart.
    if (last >= 0 && (UNITS.has(folded) || folded === 'am' || folded === 'pm') && /^\d+(?:[:.,]\d+)?$/.test(tokens[last]!)) {
      tokens[last] = `${tokens[last]}${folded}`;
    } else tokens.push(word);
  }
  const out: ScheduleWords = { target: null, day: null, time: null, duration: null, badDate: false, badTime: false, unknown: [] };
  for (const token of tokens) {
    const folded = fold(token).replace(/^[«"']|[»"',;]$/g, '');
    if (FILLERS.has(folded) || folded === '') continue;
    if (!out.target && (token.startsWith('<') || token.includes('@'))) {
      const target = parseTarget(token);
      if (target) {
        out.target = target;
        continue;
      }
      if (/^@[\p{L}][\p{L}\p{M}'’.-]*$/u.test(token)) {
        out.target = { kind: 'name', name: token.slice(1) };
        continue;
      }
    }
    const day = out.day ? null : parseDate(folded);
    if (day) {
      out.day = day;
      continue;
    }
    const explicitMinutes = /^\d+(m|mn|min|mins|minute|minutes)$/.test(folded);
    if (!out.time && !explicitMinutes) {
      const time = parseTime(folded);
      if (time) {
        out.time = time;
        continue;
      }
    }
    if (out.duration === null && (out.time || explicitMinutes)) {
      const duration = parseDuration(folded);
      if (duration !== null) {
        out.duration = duration;
        continue;
      }
    }
    if (/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(folded)) out.badDate = true;
    else if (!out.time && /^\d{1,2}[:h.]\d{0,2}$/.test(folded)) out.badTime = true;
    else out.unknown.push(token);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// The checks every way of choosing a slot goes through

export interface SlotRequest {
  /** YYYY-MM-DD, null when missing or unreadable. */
  day: string | null;
  time: TimeOfDay | null;
  duration: number | null;
  topic: string | null;
}

export type SlotField = 'date' | 'time' | 'duration' | 'topic';

export interface SlotCheck {
  errors: Partial<Record<SlotField, string>>;
  /** The start in UTC when the request is valid. */
  startsAt: Date | null;
}

/** Past, more than a year ahead, duration out of range, unknown module, overlap with the pair's other sessions. */
export async function checkSlot(ctx: RequestContext, pair: PairRecord, request: SlotRequest, options: { ignoreSessionId?: string } = {}): Promise<SlotCheck> {
  const { t, person, store, clock } = ctx;
  const errors: SlotCheck['errors'] = {};
  const now = clock.now();
  if (!request.day) errors.date = t('session.invalid_date', { example: exampleDay(now, person.timeZone, t.locale) });
  if (!request.time) errors.time = t('session.invalid_time');
  const duration = request.duration;
  if (duration === null || !Number.isInteger(duration) || duration < SESSION_DURATION.min || duration > SESSION_DURATION.max) {
    errors.duration = t('session.duration', { min: SESSION_DURATION.min, max: SESSION_DURATION.max });
  }
  if (request.topic && !(await store.listTopics()).some((topic) => topic.slug === request.topic)) errors.topic = t('validation.choice');
  let startsAt: Date | null = null;
  if (request.day && request.time) {
    const local = DateTime.fromObject(
      { year: Number(request.day.slice(0, 4)), month: Number(request.day.slice(5, 7)), day: Number(request.day.slice(8, 10)), hour: request.time.hour, minute: request.time.minute },
      { zone: person.timeZone },
    );
    // A time the clocks skip (spring forward) does not exist there: luxon moves it; say so rather than guess.
    if (!local.isValid || local.hour !== request.time.hour || local.minute !== request.time.minute) errors.time = t('sessions.time_skipped', { zone: person.timeZone });
    else {
      startsAt = local.toUTC().toJSDate();
      if (startsAt.getTime() <= now.getTime()) errors.date = t('session.past');
      else if (startsAt.getTime() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) errors.date = t('session.too_far');
    }
  }
  if (startsAt && !errors.date && !errors.time && duration !== null && !errors.duration) {
    const start = startsAt.getTime();
    const end = start + duration * 60_000;
    const clash = (await store.listSessions(pair.id)).find(
      (s) => s.id !== options.ignoreSessionId && s.status === 'scheduled' && s.startsAt.getTime() < end && s.startsAt.getTime() + s.durationMinutes * 60_000 > start,
    );
    if (clash) {
      const partner = await store.getPerson(partnerIdOf(pair, person.id));
      errors.date = t('session.overlap', { name: partner?.name ?? '—', when: trusted(formatDateTime(clash.startsAt, t.locale, person.timeZone)) });
    }
  }
  return { errors, startsAt: Object.keys(errors).length === 0 ? startsAt : null };
}

/** Stores the session, tells the partner, queues both partners' reminders; one transaction. */
export async function createScheduledSession(
  ctx: RequestContext,
  pair: PairRecord,
  partner: Person,
  slot: { startsAt: Date; durationMinutes: number; topic: string | null },
): Promise<SessionRecord> {
  const { person, clock } = ctx;
  const now = clock.now();
  return ctx.store.transaction(async (tx) => {
    const created = await tx.createSession({ pairId: pair.id, topic: slot.topic, startsAt: slot.startsAt, durationMinutes: slot.durationMinutes, createdBy: person.id });
    await tx.enqueueNotifications([
      {
        recipientId: partner.id,
        kind: 'session.scheduled',
        subject: `session:${created.id}`,
        payload: { sessionId: created.id, pairId: pair.id, by: person.id },
        dueAt: now,
        dedupeKey: `session.scheduled:${created.id}:${partner.id}`,
      },
      ...(await sessionReminderRows(tx, pair, created, now)),
    ]);
    await tx.audit({
      actorId: person.id,
      programId: pair.programId,
      action: 'session.scheduled',
      targetType: 'session',
      targetId: created.id,
      details: { startsAt: created.startsAt.toISOString(), durationMinutes: created.durationMinutes, topic: created.topic },
    });
    return created;
  });
}

/** What the person who scheduled reads: the session in their time zone, and its calendar file. */
function scheduledMessage(ctx: RequestContext, session: SessionRecord, partner: Person, topics: Topic[]) {
  const { t, person } = ctx;
  const blocks: Block[] = [
    {
      type: 'text',
      text: t('session.scheduled', {
        when: trusted(formatDateTime(session.startsAt, t.locale, person.timeZone)),
        duration: session.durationMinutes,
        topic: trusted(session.topic ? topicName(topics, session.topic, t) : t('sessions.no_topic')),
        partner: partner.name,
      }),
    },
    { type: 'context', text: t('sessions.scheduled.reminders') },
  ];
  blocks.push(...calendarBlocks(ctx, session));
  return message(blocks);
}

// ------------------------------------------------------------------------------------------------
// The form

export async function sessionForm(ctx: RequestContext, pairId: string, values?: FormValues): Promise<Outcome> {
  const { t, person, store } = ctx;
  const pair = await store.getPair(pairId);
  if (!pair || !isPartner(pair, person.id)) return showExpired(ctx);
  if (pair.status !== 'active') return textReply(t('session.not_in_pair'));
  return { kind: 'form', form: await buildSessionForm(ctx, pair, { values }) };
}

export interface SessionFormOptions {
  values?: FormValues;
  /** Rescheduling: the session being moved (prefills the form, changes its id and wording). */
  session?: SessionRecord;
}

export async function buildSessionForm(ctx: RequestContext, pair: PairRecord, options: SessionFormOptions = {}): Promise<Form> {
  const { t, person, store } = ctx;
  const { values, session } = options;
  const topics = await store.listTopics();
  const sessions = await store.listSessions(pair.id);
  const planModules = pair.plan?.modules ?? [];
  const modules = [...planModules, ...topics.map((topic) => topic.slug).filter((slug) => !planModules.includes(slug))];
  const value = (id: string) => {
    const v = values?.[id];
    return Array.isArray(v) ? v[0] : v;
  };
  const example = exampleDay(ctx.clock.now(), person.timeZone, t.locale);
  const local = session ? DateTime.fromJSDate(session.startsAt).setZone(person.timeZone) : null;
  const initialDay = value('date') ?? (local ? (t.locale === 'fr' ? local.toFormat('dd/LL/yyyy') : local.toISODate()!) : undefined);
  const initialTime = value('time') ?? local?.toFormat('HH:mm');
  const initialTopic = value('topic') ?? session?.topic ?? nextModule(pair, sessions) ?? undefined;
  return {
    id: session ? RESCHEDULE_FORM_ID : SESSION_FORM_ID,
    title: session ? t('sessions.reschedule.title') : t('form.session.title'),
    submitLabel: session ? t('sessions.reschedule.submit') : t('form.session.submit'),
    cancelLabel: t('form.cancel'),
    requiredError: t('validation.required'),
    state: JSON.stringify(session ? { sessionId: session.id, sequence: session.sequence } : { pairId: pair.id }),
    fields: [
      { kind: 'text', id: 'date', label: t('form.session.date'), placeholder: example, hint: t('pause.form.hint', { example }), multiline: false, maxLength: 10, required: true, initial: initialDay },
      { kind: 'text', id: 'time', label: t('form.session.time', { zone: person.timeZone }), placeholder: t.locale === 'fr' ? '14h30' : '14:30', multiline: false, maxLength: 8, required: true, initial: initialTime },
      {
        kind: 'number',
        id: 'duration',
        label: t('form.session.duration'),
        min: SESSION_DURATION.min,
        max: SESSION_DURATION.max,
        required: true,
        initial: Number(value('duration')) || session?.durationMinutes || pair.plan?.durationMinutes || 60,
      },
      {
        kind: 'select',
        id: 'topic',
        label: t('form.session.topic'),
        options: modules.map((slug) => ({ value: slug, label: topicName(topics, slug, t) })),
        multiple: false,
        required: false,
        initial: initialTopic ? [initialTopic] : undefined,
      },
    ],
  };
}

/** The form's answers as a slot request. */
export function slotFromForm(values: FormValues): SlotRequest {
  const one = (id: string) => {
    const v = values[id];
    return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
  };
  const duration = one('duration') === '' ? null : Number(one('duration'));
  return {
    day: parseDate(one('date')),
    time: parseTime(one('time')),
    duration: duration !== null && Number.isFinite(duration) ? duration : null,
    topic: one('topic') || null,
  };
}

export async function submitSessionForm(ctx: RequestContext, rawState: string, values: FormValues): Promise<Outcome> {
  const { t, person, store } = ctx;
  let pairId = '';
  try {
    pairId = String((JSON.parse(rawState) as { pairId?: unknown }).pairId ?? '');
  } catch {
    return showExpired(ctx);
  }
  const pair = await store.getPair(pairId);
  if (!pair || !isPartner(pair, person.id)) return showExpired(ctx);
  if (pair.status !== 'active') return { kind: 'form_done', message: message([{ type: 'text', text: t('session.not_in_pair') }]) };
  const partner = await store.getPerson(partnerIdOf(pair, person.id));
  if (!partner) return showExpired(ctx);

  const request = slotFromForm(values);
  const check = await checkSlot(ctx, pair, request);
  if (!check.startsAt || request.duration === null) {
    return { kind: 'form_errors', errors: check.errors, form: await buildSessionForm(ctx, pair, { values }) };
  }
  const session = await createScheduledSession(ctx, pair, partner, { startsAt: check.startsAt, durationMinutes: request.duration, topic: request.topic });
  return { kind: 'form_done', message: scheduledMessage(ctx, session, partner, await store.listTopics()) };
}

// ------------------------------------------------------------------------------------------------
// The command: `schedule 2026-12-03 14:30 60min`, `planifier @Mona 03/12/2026 14h30 1h`

export async function scheduleByCommand(ctx: RequestContext, words: string[], onlyPairId?: string): Promise<Outcome> {
  const { t, person, store } = ctx;
  const pairs = (await store.listActivePairsOfPerson(person.id)).filter((p) => !onlyPairId || p.id === onlyPairId);
  if (pairs.length === 0) return textReply(onlyPairId ? t('session.not_in_pair') : t('sessions.no_pair'));
  const parsed = parseScheduleWords(words);
  const partners = new Map<string, Person>();
  for (const pair of pairs) {
    const partner = await store.getPerson(partnerIdOf(pair, person.id));
    if (partner) partners.set(pair.id, partner);
  }

  let candidates = pairs.filter((pair) => partners.has(pair.id));
  if (parsed.target) {
    const target = parsed.target;
    candidates = candidates.filter((pair) => matchesTarget(partners.get(pair.id)!, target));
    if (candidates.length === 0) {
      const names = pairs.map((pair) => partners.get(pair.id)?.name).filter((name): name is string => !!name);
      return textReply(t('sessions.command.not_partner', { partners: trusted(formatList(names.map(untrusted), t.locale)) }));
    }
  }
  if (words.length === 0 || (parsed.target && words.length === 1)) {
    if (candidates.length === 1) return sessionForm(ctx, candidates[0]!.id);
    return choosePartner(ctx, candidates, partners, 'session.form', null);
  }
  if (parsed.unknown.length > 0) {
    return usageReply(ctx, t('sessions.command.unreadable', { words: parsed.unknown.join(' ').slice(0, 80) }));
  }
  if (parsed.badDate) return usageReply(ctx, t('session.invalid_date', { example: exampleDay(ctx.clock.now(), person.timeZone, t.locale) }));
  if (!parsed.day) return usageReply(ctx, t('sessions.command.no_date'));
  if (parsed.badTime) return usageReply(ctx, t('session.invalid_time'));
  if (!parsed.time) return usageReply(ctx, t('sessions.command.no_time'));
  if (candidates.length > 1) return choosePartner(ctx, candidates, partners, 'session.command', words.join(' '));

  const pair = candidates[0]!;
  const partner = partners.get(pair.id)!;
  const sessions = await store.listSessions(pair.id);
  const duration = parsed.duration ?? pair.plan?.durationMinutes ?? ctx.program?.settings.defaultPlan.durationMinutes ?? 60;
  const check = await checkSlot(ctx, pair, { day: parsed.day, time: parsed.time, duration, topic: nextModule(pair, sessions) });
  if (!check.startsAt) {
    const problems = (['date', 'time', 'duration', 'topic'] as const).map((field) => check.errors[field]).filter((e): e is string => !!e);
    return usageReply(ctx, problems.join('\n'));
  }
  const session = await createScheduledSession(ctx, pair, partner, { startsAt: check.startsAt, durationMinutes: duration, topic: nextModule(pair, sessions) });
  return { kind: 'message', message: scheduledMessage(ctx, session, partner, await store.listTopics()) };
}

function matchesTarget(partner: Person, target: Target | { kind: 'name'; name: string }): boolean {
  if (target.kind === 'user') return partner.userId === target.userId;
  if (target.kind === 'email') return (partner.email ?? '').toLowerCase() === target.email;
  const wanted = fold(target.name);
  const name = fold(partner.name);
  return name === wanted || name.split(/\s+/).some((part) => part === wanted);
}

/** Several active pairs (a mentor with capacity): which partner is this about? */
function choosePartner(ctx: RequestContext, pairs: PairRecord[], partners: Map<string, Person>, action: 'session.form' | 'session.command', args: string | null): Outcome {
  const { t } = ctx;
  const buttons: Button[] = pairs.map((pair) => ({
    action,
    label: t('sessions.with_partner', { name: partners.get(pair.id)!.name }),
    value: args === null ? pair.id : JSON.stringify({ pairId: pair.id, args }),
  }));
  return { kind: 'message', message: message([{ type: 'text', text: t('sessions.which_partner') }, { type: 'actions', buttons }]) };
}

/** A click on "With Mona" after a command that named no partner: the same command for that pair. */
export async function scheduleForChosenPair(ctx: RequestContext, value: string | undefined): Promise<Outcome> {
  let chosen: { pairId?: unknown; args?: unknown } = {};
  try {
    chosen = JSON.parse(value ?? '{}') as typeof chosen;
  } catch {
    return showExpired(ctx);
  }
  if (typeof chosen.pairId !== 'string' || typeof chosen.args !== 'string') return showExpired(ctx);
  return scheduleByCommand(ctx, chosen.args.split(/\s+/).filter(Boolean), chosen.pairId);
}

function usageReply(ctx: RequestContext, problem: string): Outcome {
  const { t, person, clock } = ctx;
  const example = exampleDay(clock.now(), person.timeZone, t.locale);
  return {
    kind: 'message',
    message: message([
      { type: 'text', text: problem },
      { type: 'context', text: t('sessions.command.usage', { example }) },
    ]),
  };
}
