// `/tandem sessions`: the person's upcoming sessions, pair by pair, each with Reschedule / Cancel / Add to calendar.
import type { RequestContext } from '../context.js';
import { exampleDay, formatDateTime } from '../format.js';
import { trusted } from '../i18n/index.js';
import { message, type Block, type Outcome, textReply } from '../messages.js';
import { partnerIdOf } from './schedule-session.js';
import { sessionActions, sessionTopicLabel } from './session-reminders.js';

/** Slack allows 50 blocks a message: with three pairs (a mentor's most), four sessions each still fit. */
const MAX_SESSIONS_PER_PAIR = 4;

export async function listUpcomingSessions(ctx: RequestContext): Promise<Outcome> {
  const { t, person, store, clock } = ctx;
  const pairs = await store.listActivePairsOfPerson(person.id);
  if (pairs.length === 0) return textReply(t('sessions.no_pair'));
  const now = clock.now().getTime();
  const topics = await store.listTopics();
  const blocks: Block[] = [{ type: 'header', text: t('sessions.list.title') }];
  for (const [index, pair] of pairs.entries()) {
    const partner = await store.getPerson(partnerIdOf(pair, person.id));
    if (!partner) continue;
    if (index > 0) blocks.push({ type: 'divider' });
    const sessions = await store.listSessions(pair.id);
    const upcoming = sessions.filter((s) => s.status === 'scheduled' && s.startsAt.getTime() + s.durationMinutes * 60_000 > now);
    const held = sessions.filter((s) => s.status === 'held').length;
    const planned = pair.plan?.sessionCount;
    blocks.push({
      type: 'text',
      text: planned
        ? t('sessions.list.pair_progress', { partner: partner.name, held, planned })
        : t('sessions.list.pair', { partner: partner.name }),
    });
    if (upcoming.length === 0) {
      blocks.push({ type: 'text', text: t('sessions.list.none', { example: exampleDay(clock.now(), person.timeZone, t.locale) }) });
    }
    for (const session of upcoming.slice(0, MAX_SESSIONS_PER_PAIR)) {
      blocks.push(
        {
          type: 'text',
          text: t('sessions.list.item', {
            when: trusted(formatDateTime(session.startsAt, t.locale, person.timeZone)),
            duration: session.durationMinutes,
            topic: trusted(sessionTopicLabel(t, topics, session)),
          }),
        },
        ...sessionActions(ctx, session),
      );
    }
    if (upcoming.length > MAX_SESSIONS_PER_PAIR) blocks.push({ type: 'context', text: t('sessions.list.more', { count: upcoming.length - MAX_SESSIONS_PER_PAIR }) });
    blocks.push({
      type: 'actions',
      buttons: [
        { action: 'session.form', label: t('sessions.button.schedule_with', { name: partner.name }), value: pair.id, ...(upcoming.length === 0 ? { style: 'primary' as const } : {}) },
        { action: 'plan.form', label: pair.planAgreedAt ? t('sessions.button.plan_edit') : t('sessions.button.plan'), value: pair.id },
      ],
    });
  }
  return { kind: 'message', message: message(blocks) };
}
