// GET /calendar/<token>.ics: a session's iCalendar file, at the unguessable URL its "Add to calendar" buttons open.
// One file per session shared by both partners: neutral title naming both, a stable UID so a reschedule
// (higher SEQUENCE) or a cancellation (STATUS:CANCELLED) updates the event people already imported.
import type { IncomingMessage, ServerResponse } from 'node:http';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Logger } from '../core/context.js';
import { t as translate, type MessageKey, type Param } from '../core/i18n/index.js';
import type { Clock, SessionRecord, Store } from '../core/ports.js';
import { plain } from '../core/text.js';
import type { Locale } from '../core/types.js';

export interface CalendarResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The tokens the store hands out: 24 random bytes, base64url. */
const TOKEN = /^\/calendar\/([A-Za-z0-9_-]{16,128})\.ics$/;

const NOT_FOUND: CalendarResponse = {
  status: 404,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  body: 'No calendar event at this address.\n',
};

/** The answer to GET `path`, as a pure function of the store (the HTTP plumbing is below). */
export async function calendarResponse(deps: { store: Store; clock: Clock }, path: string): Promise<CalendarResponse> {
  const token = TOKEN.exec(path)?.[1];
  if (!token) return NOT_FOUND;
  const session = await deps.store.getSessionByToken(token);
  if (!session) return NOT_FOUND;
  const body = await sessionCalendar(deps, session);
  if (body === null) return NOT_FOUND;
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="tandem-session.ics"',
      // The URL is the only secret: keep it out of shared caches and referrers.
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    },
    body,
  };
}

/** The iCalendar text of one session; null when its pair or people are gone. */
export async function sessionCalendar(deps: { store: Store; clock: Clock }, session: SessionRecord): Promise<string | null> {
  const { store, clock } = deps;
  const pair = await store.getPair(session.pairId);
  if (!pair) return null;
  const [mentor, mentee, topics] = await Promise.all([store.getPerson(pair.mentorPersonId), store.getPerson(pair.menteePersonId), store.listTopics()]);
  if (!mentor || !mentee) return null;
  // Both partners import the same file: their language when they share it, else both languages in the description.
  const locales: Locale[] = mentor.locale === mentee.locale ? [mentor.locale] : [mentee.locale, mentor.locale];
  const text = (locale: Locale, key: MessageKey, params: Record<string, Param>) => plain(translate(locale, key, params));
  const topicIn = (locale: Locale) => {
    if (!session.topic) return text(locale, 'sessions.no_topic', {});
    return topics.find((topic) => topic.slug === session.topic)?.name[locale] ?? session.topic;
  };
  const titleLocale = locales.length === 1 ? locales[0]! : 'en';
  const calendar = ical({
    prodId: { company: 'Tandem', product: 'Tandem', language: titleLocale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    name: 'Tandem',
  });
  calendar.createEvent({
    id: `${session.id}@tandem`,
    sequence: session.sequence,
    stamp: clock.now(),
    start: session.startsAt,
    end: new Date(session.startsAt.getTime() + session.durationMinutes * 60_000),
    summary: text(titleLocale, 'sessions.ics.summary', { mentor: mentor.name, mentee: mentee.name, topic: topicIn(titleLocale) }),
    description: locales
      .map((locale) => text(locale, 'sessions.ics.description', { mentor: mentor.name, mentee: mentee.name, duration: session.durationMinutes, topic: topicIn(locale) }))
      .join('\n\n'),
    status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

/** The route as the HTTP server mounts it: GET and HEAD on /calendar/<token>.ics. */
export function createCalendarRoute(deps: { store: Store; clock: Clock; logger: Logger }) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    void calendarResponse(deps, path)
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'calendar file failed');
        return { status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'The calendar file could not be produced. Please try again.\n' };
      })
      .then((answer) => {
        res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)) });
        res.end(req.method === 'HEAD' ? undefined : answer.body);
      });
  };
}
