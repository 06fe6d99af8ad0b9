// Session reminders (both partners, at the program's offsets) and the mentor's module kit, composed at
// send time in each person's language and time zone, with the buttons to act on the session right there.
import type { CoreDeps, CoreSettings } from '../context.js';
import { commandPrefix } from '../context.js';
import type { TopicKit } from '../catalogue/types.js';
import { formatDateTime } from '../format.js';
import { translator, trusted, type Translator } from '../i18n/index.js';
import { message, type Block, type Button } from '../messages.js';
import type { NewNotification, Notification, PairRecord, SessionRecord, Store } from '../ports.js';
import { DEFAULT_PROGRAM_SETTINGS } from '../program-defaults.js';
import { untrusted } from '../text.js';
import type { Locale, Person, Topic } from '../types.js';
import { topicName } from './describe-match.js';
import type { Composer } from './notification-composers.js';

/** The outbox kinds a reschedule replaces and a cancellation drops. */
export const REMINDER_KINDS = ['session.reminder', 'session.kit'];

export function sessionSubject(sessionId: string): string {
  return `session:${sessionId}`;
}

/** The session's calendar file, served by Tandem; null when Tandem does not know its public address. */
export function calendarUrl(settings: Pick<CoreSettings, 'publicUrl'>, session: Pick<SessionRecord, 'calendarToken'>): string | null {
  if (!settings.publicUrl) return null;
  return `${settings.publicUrl.replace(/\/+$/, '')}/calendar/${session.calendarToken}.ics`;
}

type LinkContext = { settings: Pick<CoreSettings, 'publicUrl'>; t: Translator };

/** Link buttons open https addresses only (Slack and Teams refuse others): an http Tandem (a trial) shows the link as text. */
function isHttps(url: string): boolean {
  return url.startsWith('https://');
}

function calendarButton(ctx: LinkContext, session: SessionRecord): Button | null {
  const url = calendarUrl(ctx.settings, session);
  return url && isHttps(url) ? { action: 'session.calendar', label: ctx.t('sessions.button.calendar'), url } : null;
}

/** The calendar link as text, when it cannot be a button. */
function calendarText(ctx: LinkContext, session: SessionRecord): Block[] {
  const url = calendarUrl(ctx.settings, session);
  return url && !isHttps(url) ? [{ type: 'context', text: ctx.t('sessions.calendar_link', { url }) }] : [];
}

/** "Add to calendar" alone (confirmations). */
export function calendarBlocks(ctx: LinkContext, session: SessionRecord): Block[] {
  const button = calendarButton(ctx, session);
  return button ? [{ type: 'actions', buttons: [button] }] : calendarText(ctx, session);
}

/** Reschedule / Cancel / Add to calendar: the same three wherever a scheduled session is shown. */
export function sessionActions(ctx: LinkContext, session: SessionRecord): Block[] {
  const { t } = ctx;
  const buttons: Button[] = [
    { action: 'session.reschedule', label: t('sessions.button.reschedule'), value: session.id },
    { action: 'session.cancel', label: t('sessions.button.cancel'), value: session.id, style: 'danger' },
  ];
  const calendar = calendarButton(ctx, session);
  if (calendar) buttons.push(calendar);
  return [{ type: 'actions', buttons }, ...calendarText(ctx, session)];
}

/**
 * The reminders of a session just scheduled (or moved): each partner at each of the program's offsets
 * still ahead; the mentor's earliest one carries the module's kit. When no offset is ahead any more
 * (a session in 30 minutes), the kit goes to the mentor at once.
 */
export async function sessionReminderRows(store: Store, pair: PairRecord, session: SessionRecord, now: Date): Promise<NewNotification[]> {
  const program = await store.getProgram(pair.programId);
  const offsets = [...new Set(program?.settings.reminderOffsetsMinutes ?? DEFAULT_PROGRAM_SETTINGS.reminderOffsetsMinutes)]
    .filter((offset) => Number.isInteger(offset) && offset > 0)
    .sort((a, b) => b - a);
  const ahead = offsets.filter((offset) => session.startsAt.getTime() - offset * 60_000 > now.getTime());
  const subject = sessionSubject(session.id);
  const rows: NewNotification[] = [];
  for (const personId of [pair.mentorPersonId, pair.menteePersonId]) {
    for (const offset of ahead) {
      rows.push({
        recipientId: personId,
        kind: 'session.reminder',
        subject,
        payload: { sessionId: session.id, sequence: session.sequence, offset, kit: personId === pair.mentorPersonId && offset === ahead[0] },
        dueAt: new Date(session.startsAt.getTime() - offset * 60_000),
        dedupeKey: `session.reminder:${session.id}:${session.sequence}:${offset}:${personId}`,
      });
    }
  }
  if (ahead.length === 0 && session.topic) {
    rows.push({
      recipientId: pair.mentorPersonId,
      kind: 'session.kit',
      subject,
      payload: { sessionId: session.id, sequence: session.sequence },
      dueAt: now,
      dedupeKey: `session.kit:${session.id}:${session.sequence}:${pair.mentorPersonId}`,
    });
  }
  return rows;
}

interface LiveSession {
  session: SessionRecord;
  pair: PairRecord;
  partner: Person;
  topics: Topic[];
  t: Translator;
}

/**
 * The session a reminder is about, when it still applies: scheduled at the sequence the row was queued
 * for, not started yet, its pair active, and the recipient neither paused nor withdrawn.
 */
async function liveSession(deps: CoreDeps, notification: Notification, recipient: Person): Promise<LiveSession | null> {
  const { store, clock } = deps;
  const payload = notification.payload as { sessionId?: string; sequence?: number };
  const session = await store.getSession(payload.sessionId ?? '');
  if (!session || session.status !== 'scheduled' || session.sequence !== payload.sequence) return null;
  if (session.startsAt.getTime() <= clock.now().getTime()) return null;
  const pair = await store.getPair(session.pairId);
  if (!pair || pair.status !== 'active') return null;
  const isMentor = recipient.id === pair.mentorPersonId;
  if (!isMentor && recipient.id !== pair.menteePersonId) return null;
  const enrollment = await store.getEnrollment(isMentor ? pair.mentorEnrollmentId : pair.menteeEnrollmentId);
  if (!enrollment || enrollment.status === 'paused' || enrollment.status === 'withdrawn') return null;
  const partner = await store.getPerson(isMentor ? pair.menteePersonId : pair.mentorPersonId);
  if (!partner) return null;
  return { session, pair, partner, topics: await store.listTopics(), t: translator(recipient.locale, commandPrefix(recipient.platform)) };
}

/** "in 24 hours", "dans 1 heure", "in 45 minutes": from now, as the recipient reads it. */
export function startsIn(startsAt: Date, now: Date, locale: Locale): string {
  const minutes = Math.max(1, Math.round((startsAt.getTime() - now.getTime()) / 60_000));
  const format = new Intl.RelativeTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { numeric: 'always' });
  if (minutes < 60) return format.format(minutes, 'minute');
  if (minutes < 36 * 60) return format.format(Math.round(minutes / 60), 'hour');
  return format.format(Math.round(minutes / 1440), 'day');
}

export function sessionTopicLabel(t: Translator, topics: Topic[], session: Pick<SessionRecord, 'topic'>): string {
  return session.topic ? topicName(topics, session.topic, t) : t('sessions.no_topic');
}

const composeReminder: Composer = async (deps, notification, recipient) => {
  const live = await liveSession(deps, notification, recipient);
  if (!live) return null;
  const { session, pair, partner, topics, t } = live;
  const blocks: Block[] = [
    { type: 'header', text: t('sessions.reminder.title') },
    {
      type: 'text',
      text: t('sessions.reminder.text', {
        partner: partner.name,
        relative: trusted(startsIn(session.startsAt, deps.clock.now(), t.locale)),
        when: trusted(formatDateTime(session.startsAt, t.locale, recipient.timeZone)),
        duration: session.durationMinutes,
        topic: trusted(sessionTopicLabel(t, topics, session)),
      }),
    },
    ...sessionActions({ settings: deps.settings, t }, session),
  ];
  const withKit = (notification.payload as { kit?: unknown }).kit === true && recipient.id === pair.mentorPersonId;
  if (withKit && session.topic) {
    const kit = await deps.store.getTopicKit(session.topic);
    if (kit) blocks.push({ type: 'divider' }, ...kitBlocks(t, kit, topicName(topics, session.topic, t), partner));
  }
  return message(blocks, t('sessions.reminder.fallback', { partner: partner.name, relative: trusted(startsIn(session.startsAt, deps.clock.now(), t.locale)) }));
};

const composeKit: Composer = async (deps, notification, recipient) => {
  const live = await liveSession(deps, notification, recipient);
  if (!live || recipient.id !== live.pair.mentorPersonId || !live.session.topic) return null;
  const { session, partner, topics, t } = live;
  const kit = await deps.store.getTopicKit(session.topic!);
  if (!kit) return null;
  const topic = topicName(topics, session.topic!, t);
  return message(
    [
      ...kitBlocks(t, kit, topic, partner),
      { type: 'context', text: t('sessions.kit.when', { partner: partner.name, when: trusted(formatDateTime(session.startsAt, t.locale, recipient.timeZone)) }) },
    ],
    t('sessions.kit.title', { topic: trusted(topic) }),
  );
};

/** The module's kit, for the mentor: key figures, examples, an exercise, questions, resources. */
export function kitBlocks(t: Translator, kit: TopicKit, topic: string, mentee: Person): Block[] {
  const locale = t.locale;
  const bullets = (items: string[]) => items.map((item) => `• ${untrusted(item)}`).join('\n');
  const blocks: Block[] = [
    { type: 'header', text: t('sessions.kit.title', { topic: trusted(topic) }) },
    { type: 'text', text: t('sessions.kit.intro', { mentee: mentee.name }) },
  ];
  if (kit.keyFigures.length > 0) blocks.push({ type: 'text', text: `${t('sessions.kit.figures')}\n${bullets(kit.keyFigures.map((f) => f[locale]))}` });
  if (kit.examples.length > 0) blocks.push({ type: 'text', text: `${t('sessions.kit.examples')}\n${bullets(kit.examples.map((e) => e[locale]))}` });
  blocks.push({ type: 'text', text: `${t('sessions.kit.exercise')}\n${untrusted(kit.exercise[locale])}` });
  if (kit.questions.length > 0) blocks.push({ type: 'text', text: `${t('sessions.kit.questions')}\n${bullets(kit.questions.map((q) => q[locale]))}` });
  const resources = kit.resources.map((r) => (r.url ? `${r.title[locale]} — ${r.url}` : r.title[locale]));
  if (resources.length > 0) blocks.push({ type: 'context', text: `${t('sessions.kit.resources')} ${resources.map(untrusted).join(' · ')}` });
  return blocks;
}

export const SESSION_REMINDER_COMPOSERS: Record<string, Composer> = {
  'session.reminder': composeReminder,
  'session.kit': composeKit,
};

