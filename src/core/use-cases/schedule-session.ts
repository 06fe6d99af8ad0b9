// Scheduling a session of a pair: read in the requester's time zone, stored in UTC, shown to each in theirs.
import { DateTime } from 'luxon';
import type { RequestContext } from '../context.js';
import { exampleDay, formatDateTime } from '../format.js';
import { parseDate } from '../grammar.js';
import { message, type Form, type FormValues, type Outcome, textReply } from '../messages.js';
import type { PairRecord } from '../ports.js';
import { topicName } from './describe-match.js';
import { showExpired } from './show-expired.js';

export const SESSION_FORM_ID = 'session';
export const SESSION_DURATION = { min: 15, max: 240 } as const;

export async function sessionForm(ctx: RequestContext, pairId: string, values?: FormValues): Promise<Outcome> {
  const { t, person, store } = ctx;
  const pair = await store.getPair(pairId);
  if (!pair || !isPartner(pair, person.id)) return showExpired(ctx);
  if (pair.status !== 'active') return textReply(t('session.not_in_pair'));
  return { kind: 'form', form: await buildForm(ctx, pair, values) };
}

async function buildForm(ctx: RequestContext, pair: PairRecord, values?: FormValues): Promise<Form> {
  const { t, person, store } = ctx;
  const topics = await store.listTopics();
  const modules = pair.plan?.modules.length ? pair.plan.modules : topics.map((topic) => topic.slug);
  const value = (id: string) => {
    const v = values?.[id];
    return Array.isArray(v) ? v[0] : v;
  };
  const example = exampleDay(ctx.clock.now(), person.timeZone, t.locale);
  return {
    id: SESSION_FORM_ID,
    title: t('form.session.title'),
    submitLabel: t('form.session.submit'),
    cancelLabel: t('form.cancel'),
    requiredError: t('validation.required'),
    state: JSON.stringify({ pairId: pair.id }),
    fields: [
      { kind: 'text', id: 'date', label: t('form.session.date'), placeholder: example, hint: t('pause.form.hint', { example }), multiline: false, maxLength: 10, required: true, initial: value('date') },
      { kind: 'text', id: 'time', label: t('form.session.time', { zone: person.timeZone }), placeholder: '14:30', multiline: false, maxLength: 5, required: true, initial: value('time') },
      {
        kind: 'number',
        id: 'duration',
        label: t('form.session.duration'),
        min: SESSION_DURATION.min,
        max: SESSION_DURATION.max,
        required: true,
        initial: Number(value('duration')) || pair.plan?.durationMinutes || 60,
      },
      {
        kind: 'select',
        id: 'topic',
        label: t('form.session.topic'),
        options: modules.map((slug) => ({ value: slug, label: topicName(topics, slug, t) })),
        multiple: false,
        required: false,
        initial: value('topic') ? [value('topic')!] : modules[0] ? [modules[0]] : undefined,
      },
    ],
  };
}

export async function submitSessionForm(ctx: RequestContext, rawState: string, values: FormValues): Promise<Outcome> {
  const { t, person, store, clock } = ctx;
  let pairId = '';
  try {
    pairId = String((JSON.parse(rawState) as { pairId?: unknown }).pairId ?? '');
  } catch {
    return showExpired(ctx);
  }
  const pair = await store.getPair(pairId);
  if (!pair || !isPartner(pair, person.id)) return showExpired(ctx);
  if (pair.status !== 'active') return { kind: 'form_done', message: message([{ type: 'text', text: t('session.not_in_pair') }]) };

  const one = (id: string) => {
    const v = values[id];
    return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
  };
  const errors: Record<string, string> = {};
  const day = parseDate(one('date'));
  if (!day) errors.date = t('session.invalid_date', { example: exampleDay(clock.now(), person.timeZone, t.locale) });
  const time = /^([01]?\d|2[0-3])[:h.]([0-5]\d)$/.exec(one('time'));
  if (!time) errors.time = t('session.invalid_time');
  const duration = Number(one('duration'));
  if (!Number.isInteger(duration) || duration < SESSION_DURATION.min || duration > SESSION_DURATION.max) {
    errors.duration = t('session.duration', { min: SESSION_DURATION.min, max: SESSION_DURATION.max });
  }
  const topics = await store.listTopics();
  const topic = one('topic') || null;
  if (topic && !topics.some((tp) => tp.slug === topic)) errors.topic = t('validation.choice');
  let startsAt: Date | null = null;
  if (day && time) {
    const local = DateTime.fromISO(`${day}T${time[1]!.padStart(2, '0')}:${time[2]}`, { zone: person.timeZone });
    startsAt = local.toUTC().toJSDate();
    if (startsAt.getTime() <= clock.now().getTime()) errors.date = t('session.past');
    else if (startsAt.getTime() > clock.now().getTime() + 366 * 86_400_000) errors.date = t('session.too_far');
  }
  const partnerId = person.id === pair.mentorPersonId ? pair.menteePersonId : pair.mentorPersonId;
  const partner = await store.getPerson(partnerId);
  if (startsAt && !errors.date && !errors.duration && partner) {
    const end = startsAt.getTime() + duration * 60_000;
    const clash = (await store.listSessions(pair.id)).find(
      (s) => s.status === 'scheduled' && s.startsAt.getTime() < end && s.startsAt.getTime() + s.durationMinutes * 60_000 > startsAt!.getTime(),
    );
    if (clash) errors.date = t('session.overlap', { name: partner.name, when: { trusted: formatDateTime(clash.startsAt, t.locale, person.timeZone) } });
  }
  if (Object.keys(errors).length > 0 || !startsAt || !partner) {
    return { kind: 'form_errors', errors, form: await buildForm(ctx, pair, values) };
  }

  const now = clock.now();
  const session = await store.transaction(async (tx) => {
    const created = await tx.createSession({ pairId: pair.id, topic, startsAt: startsAt!, durationMinutes: duration, createdBy: person.id });
    await tx.enqueueNotifications([
      {
        recipientId: partner.id,
        kind: 'session.scheduled',
        payload: { sessionId: created.id, pairId: pair.id, by: person.id },
        dueAt: now,
        dedupeKey: `session.scheduled:${created.id}:${partner.id}`,
      },
    ]);
    await tx.audit({ actorId: person.id, programId: pair.programId, action: 'session.scheduled', targetType: 'session', targetId: created.id });
    return created;
  });
  const topicLabel = session.topic ? topicName(topics, session.topic, t) : '—';
  return {
    kind: 'form_done',
    message: message([
      {
        type: 'text',
        text: t('session.scheduled', {
          when: { trusted: formatDateTime(session.startsAt, t.locale, person.timeZone) },
          duration: session.durationMinutes,
          topic: { trusted: topicLabel },
          partner: partner.name,
        }),
      },
    ]),
  };
}

function isPartner(pair: PairRecord, personId: string): boolean {
  return pair.mentorPersonId === personId || pair.menteePersonId === personId;
}

