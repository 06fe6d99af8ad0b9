// A pairing round of 200 volunteers, end to end through the real HTTP endpoints: 60 mentors and 140
// mentees on Slack (signed /slack/events requests, fake Web API) and Teams (/api/messages activities,
// fake Bot Connector behind a flaky network), reading English or French, on the real core and store
// (PGlite, or Postgres with TEST_DATABASE_URL). The admin previews and confirms the round on Slack;
// the announcements go out through the outbox while both platforms throttle and fail, the app is
// killed in the middle and another one finishes; then partners schedule their first session.
//
// Pacing runs on the test clock (see `pacePacingOnClock`): a paced wait moves the clock instead of
// sleeping, so 200 people's announcements at Slack's and Teams' real rates take seconds, not minutes.
import { DateTime } from 'luxon';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator, trusted } from '../../src/core/i18n/index.js';
import type { MatchResult } from '../../src/core/matching/types.js';
import type { DeliveryStats, PairRecord } from '../../src/core/ports.js';
import type { Topic } from '../../src/core/types.js';
import { describeReasons } from '../../src/core/use-cases/describe-match.js';
import { ROUND_ANNOUNCEMENT_KINDS } from '../../src/core/use-cases/pairing-round.js';
import { reportRoundProgress } from '../../src/core/use-cases/report-round-progress.js';
import type { RecordedActivity } from '../fakes/bot-connector.js';
import type { RecordedCall } from '../fakes/slack-api.js';
import { testClock } from '../support/clock.js';
import { TEAM_ID, button, shown, type BlockJson, type Shown } from './slack-helpers.js';
import { cardOf, inputs, TENANT } from './teams-helpers.js';
import {
  ADMIN,
  everyTenSeconds,
  FORBIDDEN,
  GONE_FROM_SLACK,
  NEVER_WROTE,
  NO_SHARED_LANGUAGE,
  deliveriesSince,
  lead,
  mark,
  pacePacingOnClock,
  readable,
  say,
  signUpOnSlack,
  signUpOnTeams,
  signUpThroughCore,
  slackDriver,
  slackText,
  sleep,
  startRoundWorld,
  teamsConversationOf,
  teamsDriver,
  teamsText,
  until,
  volunteers,
  type Delivery,
  type Lang,
  type Mark,
  type RoundWorld,
  type Volunteer,
} from './round-helpers.js';

const clock = testClock('2026-11-25T09:00:00Z');
const people = volunteers();
const byKey = new Map(people.map((v) => [v.key, v]));
const volunteer = (key: string) => byKey.get(key)!;
const mentors = people.filter((v) => v.role === 'mentor');
const mentees = people.filter((v) => v.role === 'mentee');
const SEATS = mentors.reduce((sum, v) => sum + v.capacity, 0);

let world: RoundWorld;
let restorePacing: () => void;
let programId: string;
let topics: Topic[];
/** Person id ↔ volunteer, once they have signed up. */
const ofPerson = new Map<string, Volunteer>();
const personOf = new Map<string, string>();
let roundId: string;
let result: MatchResult;
let pairs: PairRecord[];
/** Everything the platforms delivered from the confirmation to the final report. */
let deliveries: Delivery[];
let deliveryMark: Mark;
/** Outcome of the app killed in the middle of the round. */
let killed: { stats: DeliveryStats; closedAtOnce: boolean; heldAtKill: number };
let passes: DeliveryStats[] = [];
let throttledOnTeams: string;

const store = () => world.app.store;
const admin = () => world.slackWorld.user(ADMIN.slackId);
const byPerson = (id: string) => ofPerson.get(id)!;
const enrollmentPerson = new Map<string, string>();

/** Where a person's 1:1 messages arrive, as `Delivery` labels. */
function soloLabel(v: Volunteer): string {
  return v.platform === 'slack' ? `slack:${v.slackId}` : `teams:${teamsConversationOf(world, v) ?? `(no conversation for ${v.key})`}`;
}
function groupLabel(a: Volunteer, b: Volunteer): string {
  return `slack:${[a.slackId, b.slackId].sort().join(',')}`;
}
function labelOf(d: Delivery): string {
  return d.platform === 'slack' ? `slack:${d.audience.join(',') || d.destination}` : `teams:${d.destination}`;
}
const sameSlackWorkspace = (a: Volunteer, b: Volunteer) => a.platform === 'slack' && b.platform === 'slack';

/** Runs `work` for every item, `concurrency` at a time (people do sign up at the same time). */
async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** The unmatched mentees and why, from the round's result. */
function unmatchedMentees(): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of result.unmatched) {
    if (entry.role === 'mentee') out.set(byPerson(enrollmentPerson.get(entry.menteeId)!).key, entry.reason.code);
  }
  return out;
}

beforeAll(async () => {
  restorePacing = pacePacingOnClock(clock);
  world = await startRoundWorld(people, clock);
  const program = (await store().findOpenProgram())!;
  programId = program.id;
  topics = await store().listTopics();
  // Mentors need no approval in this program: one switch, as an admin would flip it.
  await world.testDb.database.db.execute(
    sql`UPDATE programs SET settings = jsonb_set(settings, '{approvalRequired}', 'false') WHERE id = ${programId}`,
  );
}, 60_000);

afterAll(async () => {
  await world?.close();
  restorePacing?.();
});

describe('a pairing round of 200 volunteers on Slack and Teams', () => {
  it('signs everyone up: a quarter through the real Slack modal and Teams card, the rest through the core', async () => {
    await inParallel(people, 4, (v) =>
      v.via === 'form' ? (v.platform === 'slack' ? signUpOnSlack(world, v) : signUpOnTeams(world, v)) : signUpThroughCore(world, v),
    );
    const through = (platform: string, via: string) => people.filter((v) => v.platform === platform && v.via === via).length;
    expect(through('slack', 'form')).toBeGreaterThan(20);
    expect(through('teams', 'form')).toBeGreaterThan(15);

    const enrollments = await store().listEnrollments(programId);
    expect(enrollments).toHaveLength(200);
    expect(enrollments.filter((e) => e.status === 'approved')).toHaveLength(200);
    for (const person of await store().listPeople()) {
      const found = people.find((v) =>
        person.platform === 'slack' ? person.tenantId === TEAM_ID && person.userId === v.slackId : person.tenantId === TENANT && person.userId === `aad-${v.teamsKey}`,
      );
      if (!found) continue;
      ofPerson.set(person.id, found);
      personOf.set(found.key, person.id);
      expect({ name: person.name, locale: person.locale, timeZone: person.timeZone }, found.key).toEqual({
        name: found.name,
        locale: found.locale,
        timeZone: found.timeZone,
      });
    }
    expect(ofPerson.size).toBe(200);
    for (const e of enrollments) enrollmentPerson.set(e.id, e.personId);
    const mentorEnrollment = enrollments.find((e) => e.personId === personOf.get('m03'))!;
    expect(mentorEnrollment).toMatchObject({ role: 'mentor', capacity: volunteer('m03').capacity, languages: ['fr'] });
  }, 180_000);

  it('refuses the round to people who are not admins, on Slack and on Teams', async () => {
    const slackMentee = people.find((v) => v.platform === 'slack' && v.role === 'mentee' && v.locale === 'fr' && v.via === 'form')!;
    expect(slackText(await slackDriver(world, slackMentee).ask('admin binomes'))).toContain(say('fr', 'error.forbidden'));
    const teamsMentor = people.find((v) => v.platform === 'teams' && v.role === 'mentor' && v.locale === 'en' && v.via === 'form')!;
    expect(teamsText(await teamsDriver(world, teamsMentor).say('admin pair'))).toContain(say('en', 'error.forbidden'));
  });

  let preview: Shown;
  let superseded: Shown;

  it('previews the round for the admin within Slack’s 3 seconds: pairs, average score, reasons, the unmatched and why', async () => {
    superseded = await admin().ask('admin pair');
    const command = await admin().command('admin pair');
    expect(command.status).toBe(200);
    expect(command.elapsedMs, 'Slack is answered within its 3-second window').toBeLessThan(3000);
    preview = command.json
      ? shown(command.json)
      : shown((await world.slack.waitFor('respond', (call) => call.responseId === command.responseId, 10_000)).body);
    roundId = button(preview, 'tandem:round.confirm').value!;
    const round = (await store().getRound(roundId))!;
    expect(round.status).toBe('preview');
    result = round.result;

    // The round itself: every seat taken, hard rules kept, the unmatched explained.
    expect(result.pairs).toHaveLength(SEATS);
    const load = new Map<string, number>();
    for (const pair of result.pairs) {
      const mentor = byPerson(enrollmentPerson.get(pair.mentorId)!);
      const mentee = byPerson(enrollmentPerson.get(pair.menteeId)!);
      expect([mentor.role, mentee.role]).toEqual(['mentor', 'mentee']);
      expect(mentee.languages.some((l) => mentor.languages.includes(l)), `${mentor.key}–${mentee.key} share a language`).toBe(true);
      expect(FORBIDDEN, `${mentor.key}–${mentee.key}: reporting chain`).not.toContainEqual([mentor.key, mentee.key]);
      load.set(mentor.key, (load.get(mentor.key) ?? 0) + 1);
      expect(pair.reasons.length, 'every pair has its reasons').toBeGreaterThan(0);
    }
    for (const mentor of mentors) expect(load.get(mentor.key), `${mentor.key}'s capacity`).toBe(mentor.capacity);
    const unmatched = unmatchedMentees();
    expect(unmatched.size).toBe(mentees.length - SEATS);
    expect(result.unmatched.filter((u) => u.role === 'mentor')).toEqual([]);
    for (const key of NO_SHARED_LANGUAGE) expect(unmatched.get(key), key).toBe('no_shared_language');
    expect([...unmatched.values()].filter((code) => code === 'all_compatible_full')).toHaveLength(unmatched.size - NO_SHARED_LANGUAGE.length);
    const total = result.pairs.reduce((sum, pair) => sum + pair.score, 0);
    expect(result.totalScore).toBeCloseTo(total, 6);

    // What the admin reads.
    const text = slackText(preview);
    const average = Math.round((result.totalScore / result.pairs.length) * 10) / 10;
    expect(preview.blocks.find((b) => b.type === 'header')?.text?.text).toBe(say('en', 'round.preview.title'));
    expect(text).toContain(
      say('en', 'round.preview.summary', { pairs: SEATS, mentees: mentees.length, mentors: mentors.length, average, unmatched: unmatched.size }),
    );
    const t = translator('en', '/tandem ');
    const pairLines = text.split('\n').filter((line) => line.includes('↔'));
    expect(pairLines).toHaveLength(20);
    pairLines.forEach((line, i) => {
      const pair = result.pairs[i]!;
      const mentor = byPerson(enrollmentPerson.get(pair.mentorId)!);
      const mentee = byPerson(enrollmentPerson.get(pair.menteeId)!);
      expect(line).toBe(`• ${mentor.name} ↔ ${mentee.name} — ${Math.round(pair.score)} pts: ${readable(describeReasons(t, topics, pair.reasons))}`);
    });
    expect(text).toContain(say('en', 'round.preview.more', { count: SEATS - 20 }));
    expect(text).toContain(say('en', 'round.preview.unmatched_title'));
    const unmatchedLines = text.split('\n').filter((line) => /^• .+ \((mentee|mentor)\): /.test(line));
    expect(unmatchedLines).toHaveLength(15);
    for (const line of unmatchedLines) {
      const [, name, reason] = /^• (.+) \(mentee\): (.+)$/.exec(line) ?? [];
      const who = mentees.find((v) => v.name === name);
      expect(who, line).toBeDefined();
      const code = unmatched.get(who!.key);
      expect(reason, line).toMatch(code === 'no_shared_language' ? /^no approved mentor speaks their language$/ : /^all \d+ mentors who could take them are full$/);
    }
    expect(text).toContain(say('en', 'round.preview.unmatched_more', { count: unmatched.size - 15 }));
    expect(preview.blocks.length, 'within Slack’s 50 blocks').toBeLessThanOrEqual(50);
    expect(
      preview.blocks.filter((b) => b.type === 'actions').flatMap((b) => (b.elements as BlockJson[]).map((e) => [e.action_id, e.text.text])),
    ).toEqual([
      ['tandem:round.confirm', say('en', 'round.confirm')],
      ['tandem:round.all', say('en', 'round.see_all')],
      ['tandem:round.cancel', say('en', 'round.cancel')],
    ]);
    // Nothing is stored or announced before the confirmation.
    expect(await store().listPairs(programId)).toEqual([]);
    expect(await store().listNotifications({ kinds: ROUND_ANNOUNCEMENT_KINDS })).toEqual([]);
  });

  it('shows all the pairs on demand, and refuses to confirm the preview that was replaced', async () => {
    const all = (await admin().click(button(preview, 'tandem:round.all'))).reply!;
    const text = slackText(all);
    expect(text).toContain(say('en', 'round.all.title', { count: SEATS }));
    // 100 pairs a page: the first page, then the rest behind "Next".
    expect(text.split('\n').filter((line) => line.includes('↔'))).toHaveLength(Math.min(SEATS, 100));
    expect(all.blocks.length).toBeLessThanOrEqual(50);
    if (SEATS > 100) {
      const next = (await admin().click(button(all, 'tandem:round.all'))).reply!;
      expect(slackText(next).split('\n').filter((line) => line.includes('↔'))).toHaveLength(Math.min(SEATS - 100, 100));
      expect(slackText(next)).toContain(say('en', 'round.all.page', { from: 101, to: Math.min(SEATS, 200), total: SEATS }));
    }
    const stale = (await admin().click(button(superseded, 'tandem:round.confirm'))).reply!;
    expect(slackText(stale)).toContain(say('en', 'round.not_current', { prefix: trusted('/tandem ') }));
  });

  let doubleClick: string[];

  it('confirms once when the admin double-clicks: the pairs and their announcements stored once', async () => {
    const confirm = button(preview, 'tandem:round.confirm');
    const clicks = await Promise.all([admin().click(confirm), admin().click(confirm)]);
    doubleClick = clicks.map((click) => slackText(click.reply!));
    expect(clicks.every((click) => click.reply!.body.replace_original === true), 'both answers replace the preview').toBe(true);

    pairs = await store().listPairs(programId);
    expect(pairs).toHaveLength(SEATS);
    expect(pairs.every((p) => p.roundId === roundId && p.status === 'active')).toBe(true);
    expect(pairs.map((p) => `${p.mentorEnrollmentId}>${p.menteeEnrollmentId}`).sort()).toEqual(
      result.pairs.map((p) => `${p.mentorId}>${p.menteeId}`).sort(),
    );
    // The announcements were queued with the pairs: one group DM per Slack pair, one message per partner otherwise.
    const slackPairs = pairs.filter((p) => sameSlackWorkspace(byPerson(p.mentorPersonId), byPerson(p.menteePersonId))).length;
    expect(slackPairs).toBeGreaterThan(10);
    expect(SEATS - slackPairs).toBeGreaterThan(10);
    expect(await store().listNotifications({ kinds: ['pair.intro'] })).toHaveLength(slackPairs + 2 * (SEATS - slackPairs));
    expect(await store().listNotifications({ kinds: ['round.unmatched'] })).toHaveLength(mentees.length - SEATS);
    expect(await store().listNotifications({ kinds: ['round.progress'] })).toHaveLength(1);
  });

  it('answers the double click with one “Round confirmed” and one “already confirmed”', () => {
    expect(doubleClick.filter((a) => a.includes(say('en', 'round.confirmed', { pairs: SEATS })))).toHaveLength(1);
    // Not "no longer current … run admin pair again": that would invite a second round.
    expect(doubleClick.filter((a) => a.includes(say('en', 'round.already_confirmed'))), doubleClick.join(' | ')).toHaveLength(1);
  });

  it('announces through the outbox while Slack and Teams throttle and fail, across a restart in the middle', async () => {
    const { slack, network } = world;
    deliveryMark = mark(world);
    const app1 = world.app;
    const gone = volunteer(GONE_FROM_SLACK);
    // A Slack account deleted since sign-up: it can never be reached.
    slack.failWhen('conversations.open', (body) => String(body.users).split(',').includes(gone.slackId), 'user_not_found');
    // Throttling and server errors on both platforms, a few calls into the round (the admin's own DM
    // spared: a progress message changes between attempts, so its retry could not be recognized).
    const nth = (n: number) => {
      let seen = 0;
      return (body: Record<string, unknown>) => body.channel !== `D${ADMIN.slackId}` && ++seen === n;
    };
    slack.failWhen('chat.postMessage', nth(5), { status: 429, retryAfter: 2 }, 1);
    slack.failWhen('chat.postMessage', nth(9), { status: 503 }, 1);
    slack.failWhen('conversations.open', nth(4), { status: 429, retryAfter: 3 }, 1);
    const teamsPartners = pairs
      .flatMap((p) => [byPerson(p.mentorPersonId), byPerson(p.menteePersonId)])
      .filter((v) => v.platform === 'teams' && v.via !== 'facade-unreachable');
    // The Teams SDK retries a 429 three times itself (Retry-After 0 here): the fourth reaches the dispatcher.
    throttledOnTeams = teamsConversationOf(world, teamsPartners[0]!)!;
    for (const retryAfter of ['0', '0', '0', '2']) network.failConversation(throttledOnTeams, 429, retryAfter);
    // A 5xx the Teams SDK retries by itself (after a second or two of real time).
    network.failConversation(teamsConversationOf(world, teamsPartners[1]!)!, 503);

    // App 1 delivers, its progress job running, until some 30 Slack posts have gone out; then it is
    // killed with posts in flight: Slack has posted them, app 1 never hears back.
    let posts = 0;
    slack.hold((call) => call.method === 'chat.postMessage' && ++posts > 30);
    let settled = false;
    const stopProgress1 = everyTenSeconds(clock, () => reportRoundProgress(app1.deps));
    const drain1 = app1.deliver().then(
      (handled) => ({ handled }),
      (error: unknown) => ({ error }),
    );
    void drain1.finally(() => (settled = true));
    await until(() => slack.heldCount() > 0 || settled, 'a Slack post in flight');
    await stopProgress1();
    const heldAtKill = slack.heldCount();
    expect(heldAtKill, 'app 1 dies with sends in flight').toBeGreaterThan(0);
    // SIGTERM: close() — which, for an app that owns its database, ends by closing it — then the process
    // exits. A close() that waits for the sends in flight gets their answers (Slack answers within 1 s).
    const closing = app1.close();
    const closedAtOnce = await Promise.race([closing.then(() => true), sleep(1000).then(() => false)]);
    if (closedAtOnce) await world.firstHandle.close();
    slack.release();
    await closing;
    await world.firstHandle.close();
    await drain1;

    // App 2 on the same database finishes the round.
    const app2 = await world.start();
    const stats = await app2.store.roundDeliveryStats(roundId, ROUND_ANNOUNCEMENT_KINDS);
    killed = { stats, closedAtOnce, heldAtKill };
    expect(stats.sent, 'app 1 delivered part of the round').toBeGreaterThan(0);
    expect(stats.pending, 'app 1 left part of the round').toBeGreaterThan(0);
    slack.failWhen('chat.postMessage', nth(3), { status: 429, retryAfter: 1 }, 1);
    const waiting = (await app2.store.listNotifications({ kinds: ['pair.intro'] })).filter((n) => n.status === 'pending');
    const waitingOnTeams = waiting.map((n) => byPerson(n.recipientId)).find((v) => v.platform === 'teams' && v.via !== 'facade-unreachable');
    if (waitingOnTeams) network.failConversation(teamsConversationOf(world, waitingOnTeams)!, 502);
    passes = [];
    const stopProgress2 = everyTenSeconds(clock, () => reportRoundProgress(app2.deps));
    try {
      for (let pass = 0; pass < 12; pass++) {
        await app2.deliver();
        const now = await app2.store.roundDeliveryStats(roundId, ROUND_ANNOUNCEMENT_KINDS);
        passes.push(now);
        if (now.pending === 0) break;
        // Past every Retry-After and backoff due by now, and past any lease a dead app left behind.
        clock.advance(61_000);
      }
    } finally {
      await stopProgress2();
    }
    expect(passes.at(-1)!.pending, 'nothing left to send').toBe(0);
    // Everything handled: the progress job queues the final report.
    for (let pass = 0; pass < 3; pass++) {
      await reportRoundProgress(app2.deps);
      await app2.deliver();
      if ((await app2.store.findNotificationByKey(`round.report:${roundId}`))?.status === 'sent') break;
      clock.advance(61_000);
    }
    expect((await app2.store.findNotificationByKey(`round.report:${roundId}`))?.status).toBe('sent');
    deliveries = deliveriesSince(world, deliveryMark);
  });

  it('does not announce twice what the killed app had in flight', () => {
    const posts = world.slack
      .calls()
      .slice(deliveryMark.slack)
      .filter((c) => c.method === 'chat.postMessage' && !c.failed && c.response?.ok === true);
    const inFlight = posts.filter((c) => c.held);
    expect(inFlight.length).toBeGreaterThanOrEqual(killed.heldAtKill);
    const again = inFlight.filter(
      (held) => posts.filter((c) => c.body.channel === held.body.channel && JSON.stringify(c.body.blocks) === JSON.stringify(held.body.blocks)).length > 1,
    );
    const how = killed.closedAtOnce ? 'close() returned at once, the database closed under the outbox' : 'close() waited for the sends';
    expect(again.map((c) => c.body.channel), `posted by app 1 as it died (${how}), posted again by app 2`).toEqual([]);
  });

  /** The intro deliveries of the phase: messages carrying a pair's "Schedule the first session" button. */
  const intros = () => deliveries.filter((d) => d.kind === 'post' && d.buttons.some((b) => b.action === 'session.form'));
  const pairOf = (d: Delivery) => {
    const ids = [...new Set(d.buttons.filter((b) => b.action === 'session.form').map((b) => b.value))];
    expect(ids, 'one pair per intro').toHaveLength(1);
    return ids[0]!;
  };

  /** Each pair's expected intros: where, who reads them, who the message was addressed to. */
  function expectedIntros(): Map<string, { pair: PairRecord; recipient: Volunteer; readers: Volunteer[] }> {
    const out = new Map<string, { pair: PairRecord; recipient: Volunteer; readers: Volunteer[] }>();
    for (const pair of pairs) {
      const mentor = byPerson(pair.mentorPersonId);
      const mentee = byPerson(pair.menteePersonId);
      if (sameSlackWorkspace(mentor, mentee)) out.set(`${pair.id} ${groupLabel(mentor, mentee)}`, { pair, recipient: mentor, readers: [mentor, mentee] });
      else for (const partner of [mentor, mentee]) out.set(`${pair.id} ${soloLabel(partner)}`, { pair, recipient: partner, readers: [partner] });
    }
    return out;
  }

  /** Counts per key, reported as the differences from "exactly once each". */
  function exactlyOnce(expected: Iterable<string>, got: string[]): { missing: string[]; duplicated: string[]; unexpected: string[] } {
    const want = new Set(expected);
    const counts = new Map<string, number>();
    for (const key of got) counts.set(key, (counts.get(key) ?? 0) + 1);
    return {
      missing: [...want].filter((key) => !counts.has(key)).sort(),
      duplicated: [...counts].filter(([key, n]) => want.has(key) && n > 1).map(([key, n]) => `${key} ×${n}`).sort(),
      unexpected: [...counts.keys()].filter((key) => !want.has(key)).sort(),
    };
  }

  it('announces every pair exactly once: one group DM per Slack pair, one message per partner otherwise — no loss, no duplicate', () => {
    const got = intros().map((d) => `${pairOf(d)} ${labelOf(d)}`);
    expect(exactlyOnce(expectedIntros().keys(), got)).toEqual({ missing: [], duplicated: [], unexpected: [] });
    // A Slack pair's group DM is the conversation opened with both of them (and the bot).
    const opened = world.slack
      .calls()
      .slice(deliveryMark.slack)
      .filter((c) => c.method === 'conversations.open' && c.response?.ok === true)
      .map((c) => String(c.body.users).split(',').sort().join(','));
    for (const { readers } of expectedIntros().values()) {
      if (readers.length === 2) expect(opened, 'conversations.open with both partners').toContain(readers.map((r) => r.slackId).sort().join(','));
    }
  });

  it('writes each intro in its readers’ languages, with both names, the reasons, the plan and the schedule button', () => {
    for (const [key, { pair, recipient, readers }] of expectedIntros()) {
      const delivery = intros().find((d) => `${pairOf(d)} ${labelOf(d)}` === key);
      if (!delivery) continue; // reported by the test above
      const mentor = byPerson(pair.mentorPersonId);
      const mentee = byPerson(pair.menteePersonId);
      const languages = [...new Set([recipient.locale, ...readers.map((r) => r.locale)])];
      const context = `${key} (${mentor.key} ${mentor.platform}/${mentor.locale} ↔ ${mentee.key} ${mentee.platform}/${mentee.locale})`;
      if (delivery.platform === 'slack') {
        expect(delivery.headers, context).toEqual(languages.map((lang) => say(lang, 'intro.title')));
        expect(delivery.blocks, `${context}: within Slack’s 50 blocks`).toBeLessThanOrEqual(50);
      }
      for (const lang of ['en', 'fr'] as const) {
        if (!languages.includes(lang)) expect(delivery.text, `${context}: nothing in ${lang}`).not.toContain(say(lang, 'intro.title'));
      }
      for (const lang of languages) {
        const t = translator(lang, '');
        expect(delivery.text, context).toContain(say(lang, 'intro.title'));
        expect(delivery.text, context).toContain(say(lang, 'intro.text', { mentor: mentor.name, mentee: mentee.name, program: 'Tandem' }));
        expect(delivery.text, context).toContain(say(lang, 'intro.why', { reasons: trusted(describeReasons(t, topics, pair.reasons, 4)) }));
        expect(delivery.text, context).toContain(lead(lang, 'intro.plan'));
        expect(delivery.text, context).toContain(say(lang, 'intro.about', { name: mentor.name }));
        expect(delivery.text, context).toContain(say(lang, 'intro.about', { name: mentee.name }));
        expect(delivery.buttons.filter((b) => b.action === 'session.form').map((b) => b.title), context).toContain(say(lang, 'intro.schedule'));
      }
      const partner = recipient === mentor ? mentee : mentor;
      if (readers.length === 1 && partner.platform !== recipient.platform) {
        expect(delivery.text, `${context}: how to reach a partner on the other platform`).toContain(
          say(recipient.locale, 'intro.contact', { name: partner.name, email: partner.email }),
        );
      }
      if (recipient.platform === 'teams' && partner.platform === 'teams') {
        expect(delivery.text, `${context}: a link to chat with the partner`).toContain(say(recipient.locale, 'intro.open_chat', { name: partner.name }));
      }
    }
    // Both kinds of Slack group DM were seen: one language, and two.
    const groups = [...expectedIntros().values()].filter((e) => e.readers.length === 2);
    expect(groups.some((e) => e.readers[0]!.locale !== e.readers[1]!.locale)).toBe(true);
    expect(groups.some((e) => e.readers[0]!.locale === e.readers[1]!.locale)).toBe(true);
  });

  it('tells each unmatched mentee once, in their language, why — the one whose Slack account is gone excepted', () => {
    const unmatched = unmatchedMentees();
    const expected = new Map<string, string>();
    for (const [key, code] of unmatched) {
      if (key === GONE_FROM_SLACK) continue;
      const v = volunteer(key);
      const reason = say(v.locale, code === 'no_shared_language' ? 'unmatched.you.no_shared_language' : 'unmatched.you.all_compatible_full');
      expected.set(`${soloLabel(v)} ${say(v.locale, 'unmatched.notice', { name: v.name, reason: trusted(reason) })}`, key);
    }
    const notices = deliveries.filter(
      (d) => d.kind === 'post' && (d.text.includes(lead('en', 'unmatched.notice').trim()) || d.text.includes(lead('fr', 'unmatched.notice').trim())) && !d.buttons.length,
    );
    const got = notices.map((d) => {
      const match = [...expected.keys()].find((key) => key.startsWith(`${labelOf(d)} `) && d.text.includes(key.slice(labelOf(d).length + 1)));
      return match ?? `${labelOf(d)} ${d.text.slice(0, 120)}`;
    });
    expect(exactlyOnce(expected.keys(), got)).toEqual({ missing: [], duplicated: [], unexpected: [] });
  });

  it('reaches Teams people who never wrote to the bot: one 1:1 chat created for each, in their tenant', () => {
    const created = world.connector.createdConversations;
    for (const key of NEVER_WROTE) {
      const mine = created.filter((c) => c.members.some((m) => m.id === `aad-${key}`));
      expect(mine, `${key}: one chat created`).toHaveLength(1);
      expect(mine[0]).toMatchObject({ tenantId: TENANT, isGroup: false });
      const received = deliveries.filter((d) => labelOf(d) === `teams:${mine[0]!.conversationId}`);
      expect(received, `${key}: told once, there`).toHaveLength(1);
      expect(received[0]!.text).toContain(say(volunteer(key).locale, volunteer(key).role === 'mentee' && unmatchedMentees().has(key) ? 'unmatched.you.all_compatible_full' : 'intro.title'));
    }
    expect(created, 'nobody else needed a new chat').toHaveLength(NEVER_WROTE.length);
  });

  it('sends nothing to anyone else: the partners, the unmatched and the admin, nobody more', () => {
    const expected = new Map<string, number>();
    const add = (label: string) => expected.set(label, (expected.get(label) ?? 0) + 1);
    for (const key of expectedIntros().keys()) add(key.slice(key.indexOf(' ') + 1));
    for (const key of unmatchedMentees().keys()) if (key !== GONE_FROM_SLACK) add(soloLabel(volunteer(key)));
    add(`slack:${ADMIN.slackId}`); // the progress message
    add(`slack:${ADMIN.slackId}`); // the final report
    const got = new Map<string, number>();
    for (const d of deliveries.filter((d) => d.kind === 'post')) got.set(labelOf(d), (got.get(labelOf(d)) ?? 0) + 1);
    const differences = [...new Set([...expected.keys(), ...got.keys()])]
      .filter((label) => expected.get(label) !== got.get(label))
      .map((label) => `${label}: expected ${expected.get(label) ?? 0}, got ${got.get(label) ?? 0}`);
    expect(differences).toEqual([]);
    expect(deliveries.filter((d) => d.kind === 'update').every((d) => labelOf(d) === `slack:${ADMIN.slackId}`)).toBe(true);
  });

  const PROGRESS = /Pairing round of .+: (\d+) \/ (\d+) announcements handled \((\d+) delivered\)…/;

  it('sends the admin a final report: how many were delivered, how many failed and why', () => {
    const toAdmin = deliveries.filter((d) => labelOf(d) === `slack:${ADMIN.slackId}` && d.kind === 'post' && !PROGRESS.test(d.text));
    const total = passes.at(-1)!.total;
    expect(passes.at(-1)).toMatchObject({ sent: total - 1, failed: 1, cancelled: 0, pending: 0 });
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]!.text).toMatch(new RegExp(`announced: ${total - 1} of ${total} messages delivered\\.`));
    expect(toAdmin[0]!.text).toMatch(/\b1 could not be delivered \(.*user_not_found × 1\)/);
  });

  it('keeps the admin posted while the round goes out: one progress message, edited as the count grows', () => {
    const toAdmin = deliveries.filter((d) => labelOf(d) === `slack:${ADMIN.slackId}` && PROGRESS.test(d.text));
    const posted = toAdmin.filter((d) => d.kind === 'post');
    expect(posted, 'one progress message').toHaveLength(1);
    const { channel, ts } = (posted[0]!.raw as RecordedCall).response as { channel: string; ts: string };
    const edits = toAdmin.filter((d) => d.kind === 'update');
    for (const edit of edits) expect((edit.raw as RecordedCall).body).toMatchObject({ channel, ts });
    const counts = toAdmin.map((d) => Number(PROGRESS.exec(d.text)![1]));
    expect(counts, 'the count only goes up').toEqual([...counts].sort((a, b) => a - b));
    // While the round goes out: the message comes with the first announcements, then is edited.
    const posts = deliveries.filter((d) => d.kind === 'post');
    const announcementsBefore = posts.indexOf(posted[0]!);
    expect(announcementsBefore, 'announcements out before the admin’s progress message').toBeLessThanOrEqual(posts.length / 10);
    // How many edits depends on how fast the outbox drains between progress ticks: at least one while
    // announcements are still going out, and the last one with the final count.
    expect(edits.length, 'edits as the count grows').toBeGreaterThanOrEqual(2);
    expect(new Set(counts).size, 'distinct counts shown').toBeGreaterThanOrEqual(2);
  });

  it('honours Retry-After and backs off on 5xx: the throttled workspace waits, the failed messages go out later, once', () => {
    const calls = world.slack.calls().slice(deliveryMark.slack);
    const ok = (c: RecordedCall) => !c.failed && !c.limited && c.response?.ok === true;
    const posts = calls.filter((c) => c.method === 'chat.postMessage');
    const same = (a: RecordedCall) => (b: RecordedCall) => b.body.channel === a.body.channel && JSON.stringify(b.body.blocks) === JSON.stringify(a.body.blocks);
    const failedPosts = posts.filter((c) => c.failed);
    // In the order injected: 429 (Retry-After 2 s), 503, and after the restart 429 (Retry-After 1 s).
    expect(failedPosts).toHaveLength(3);
    for (const [index, waitMs] of [[0, 2000], [1, 15_000], [2, 1000]] as const) {
      const failed = failedPosts[index]!;
      const retried = posts.filter((c) => ok(c) && c.clockAt! > failed.clockAt! && same(failed)(c));
      expect(retried, `post ${index} went out once after failing`).toHaveLength(1);
      expect(retried[0]!.clockAt! - failed.clockAt!, `post ${index} waited`).toBeGreaterThanOrEqual(waitMs);
    }
    for (const [index, waitMs] of [[0, 2000], [2, 1000]] as const) {
      const limited = failedPosts[index]!;
      const during = posts.filter((c) => ok(c) && c.clockAt! > limited.clockAt! && c.clockAt! < limited.clockAt! + waitMs);
      expect(during.length, 'during Retry-After only the posts already in flight reach Slack').toBeLessThanOrEqual(3);
    }
    const opens = calls.filter((c) => c.method === 'conversations.open');
    const gone = volunteer(GONE_FROM_SLACK).slackId;
    const throttledOpen = opens.filter((c) => c.failed && String(c.body.users) !== gone);
    expect(throttledOpen).toHaveLength(1);
    const reopened = opens.filter((c) => ok(c) && c.body.users === throttledOpen[0]!.body.users && c.clockAt! > throttledOpen[0]!.clockAt!);
    expect(reopened.length).toBeGreaterThanOrEqual(1);
    expect(reopened[0]!.clockAt! - throttledOpen[0]!.clockAt!).toBeGreaterThanOrEqual(3000);
    const opensDuring = opens.filter((c) => ok(c) && c.clockAt! > throttledOpen[0]!.clockAt! && c.clockAt! < throttledOpen[0]!.clockAt! + 3000);
    expect(opensDuring.length, 'conversations.open waits out its Retry-After').toBeLessThanOrEqual(3);
    // The gone account is tried once: user_not_found is final.
    expect(opens.filter((c) => String(c.body.users).split(',').includes(gone))).toHaveLength(1);

    // Teams: the fourth 429 in a row reached the dispatcher, which waited its Retry-After (2 s).
    const teamsFailures = world.network.failed.filter((f) => f.conversationId === throttledOnTeams);
    expect(teamsFailures.map((f) => f.status)).toEqual([429, 429, 429, 429]);
    const card = (body: string) => JSON.stringify((JSON.parse(body || '{}') as { attachments?: unknown }).attachments ?? null);
    const next = world.network.forwarded.find((f) => f.conversationId === throttledOnTeams && card(f.body) === card(teamsFailures[3]!.body));
    expect(next, 'the throttled Teams message was sent again').toBeDefined();
    expect(next!.at - teamsFailures[3]!.at).toBeGreaterThanOrEqual(2000);
    expect(world.network.failed.filter((f) => f.status >= 500).length).toBeGreaterThanOrEqual(1);
  });

  /** Pairs across platforms whose partners differ in language and in time zone (the Teams one in a personal chat). */
  function acrossPlatforms(): { pair: PairRecord; slackSide: Volunteer; teamsSide: Volunteer }[] {
    const offset = (zone: string) => DateTime.fromISO('2026-12-08T12:00', { zone }).offset;
    return pairs
      .map((pair) => ({ pair, mentor: byPerson(pair.mentorPersonId), mentee: byPerson(pair.menteePersonId) }))
      .filter(({ mentor, mentee }) => mentor.platform !== mentee.platform)
      .map(({ pair, mentor, mentee }) => ({ pair, slackSide: mentor.platform === 'slack' ? mentor : mentee, teamsSide: mentor.platform === 'teams' ? mentor : mentee }))
      .filter(({ slackSide, teamsSide }) => slackSide.key !== GONE_FROM_SLACK && teamsSide.via !== 'facade-unreachable')
      .filter(({ slackSide, teamsSide }) => slackSide.locale !== teamsSide.locale && offset(slackSide.timeZone) !== offset(teamsSide.timeZone));
  }

  /** "Tuesday 8 December 2026, 14:30 (Europe/Paris)" / "mardi 8 décembre 2026 à 14:30 (Europe/Paris)". */
  function when(at: DateTime, lang: Lang, zone: string): string {
    const local = at.setZone(zone).setLocale(lang === 'fr' ? 'fr-FR' : 'en-GB');
    return `${local.toFormat(lang === 'fr' ? "cccc d LLLL yyyy 'à' HH:mm" : 'cccc d LLLL yyyy, HH:mm')} (${zone})`;
  }

  const topicLabel = (slug: string, lang: Lang) => topics.find((topic) => topic.slug === slug)!.name[lang];

  it('a Slack partner schedules the first session from the intro: a modal, stored in UTC, the Teams partner told in their language and time', async () => {
    const chosen = acrossPlatforms()[0];
    expect(chosen, 'a pair across platforms, languages and time zones').toBeDefined();
    const { pair, slackSide, teamsSide } = chosen!;
    const intro = deliveries.find((d) => labelOf(d) === `slack:${slackSide.slackId}` && d.buttons.some((b) => b.value === pair.id))!;
    expect(intro.buttons.find((b) => b.action === 'session.form')!.title).toBe(say(slackSide.locale, 'intro.schedule'));
    const driver = slackDriver(world, slackSide);
    const before = mark(world);
    await driver.click({ action_id: 'tandem:session.form', value: pair.id }, { expectReply: false });
    const opened = await world.slack.waitFor('views.open', (c) => world.slack.calls().indexOf(c) >= before.slack);
    const view = opened.body.view as BlockJson;
    expect(view.title.text).toBe(say(slackSide.locale, 'form.session.title'));
    expect((view.blocks as BlockJson[]).map((b) => b.label?.text)).toContain(say(slackSide.locale, 'form.session.time', { zone: slackSide.timeZone }));

    const day = '2026-12-08';
    const answer = await driver.submit(view, { date: slackSide.locale === 'fr' ? '08/12/2026' : day, time: '14:30', duration: '45' });
    expect(answer.status).toBe(200);
    expect(answer.raw, 'the modal closes').toBe('');
    const startsAt = DateTime.fromISO(`${day}T14:30`, { zone: slackSide.timeZone }).toUTC();
    const sessions = await store().listSessions(pair.id);
    expect(sessions.map((s) => ({ startsAt: s.startsAt.toISOString(), duration: s.durationMinutes, status: s.status }))).toEqual([
      { startsAt: startsAt.toISO(), duration: 45, status: 'scheduled' },
    ]);
    const topic = pair.plan!.modules[0]!;
    expect(sessions[0]!.topic).toBe(topic);
    const confirmation = await world.slack.waitFor(
      'chat.postMessage',
      (c) => world.slack.calls().indexOf(c) >= before.slack && c.body.channel === `D${slackSide.slackId}`,
    );
    expect(slackText(shown(confirmation.body))).toContain(
      say(slackSide.locale, 'session.scheduled', {
        when: trusted(when(startsAt, slackSide.locale, slackSide.timeZone)),
        duration: 45,
        topic: trusted(topicLabel(topic, slackSide.locale)),
        partner: teamsSide.name,
      }),
    );

    await world.app.deliver();
    const told = deliveriesSince(world, before).filter((d) => d !== undefined && labelOf(d) !== `slack:${slackSide.slackId}`);
    expect(told.map(labelOf), 'only the partner is told').toEqual([`teams:${teamsConversationOf(world, teamsSide)}`]);
    expect(told[0]!.text).toContain(
      say(teamsSide.locale, 'session.scheduled_partner', {
        name: slackSide.name,
        when: trusted(when(startsAt, teamsSide.locale, teamsSide.timeZone)),
        duration: 45,
        topic: trusted(topicLabel(topic, teamsSide.locale)),
      }),
    );
  });

  it('a Teams partner schedules from the intro card: a form card, stored in UTC, the Slack partner told in their language and time', async () => {
    const chosen = acrossPlatforms().find((c) => c.pair.id !== acrossPlatforms()[0]!.pair.id);
    expect(chosen, 'another pair across platforms, languages and time zones').toBeDefined();
    const { pair, slackSide, teamsSide } = chosen!;
    const conversation = teamsConversationOf(world, teamsSide)!;
    const intro = deliveries.find((d) => labelOf(d) === `teams:${conversation}` && d.buttons.some((b) => b.value === pair.id))!;
    const driver = teamsDriver(world, teamsSide);
    const before = mark(world);
    const form = await driver.click(intro.raw as RecordedActivity, say(teamsSide.locale, 'intro.schedule'));
    expect(teamsText(form)).toContain(say(teamsSide.locale, 'form.session.title'));
    expect(teamsText(form)).toContain(say(teamsSide.locale, 'form.session.time', { zone: teamsSide.timeZone }));

    const day = '2026-12-09';
    // Teams sends every input's value, the untouched defaults (the first module) included.
    const defaults = Object.fromEntries(inputs(cardOf(form)).filter((i) => i.value !== undefined).map((i) => [i.id as string, String(i.value)]));
    const done = await driver.submit(form, { ...defaults, date: teamsSide.locale === 'fr' ? '09/12/2026' : day, time: '09:15', duration: '60' });
    expect(done.kind, 'the form card turns into the confirmation').toBe('update');
    const startsAt = DateTime.fromISO(`${day}T09:15`, { zone: teamsSide.timeZone }).toUTC();
    const topic = pair.plan!.modules[0]!;
    expect(teamsText(done)).toContain(
      say(teamsSide.locale, 'session.scheduled', {
        when: trusted(when(startsAt, teamsSide.locale, teamsSide.timeZone)),
        duration: 60,
        topic: trusted(topicLabel(topic, teamsSide.locale)),
        partner: slackSide.name,
      }),
    );
    const sessions = await store().listSessions(pair.id);
    expect(sessions.map((s) => s.startsAt.toISOString())).toEqual([startsAt.toISO()]);

    await world.app.deliver();
    const told = deliveriesSince(world, before).filter((d) => labelOf(d) !== `teams:${conversation}`);
    expect(told.map(labelOf), 'only the partner is told').toEqual([`slack:${slackSide.slackId}`]);
    expect(told[0]!.text).toContain(
      say(slackSide.locale, 'session.scheduled_partner', {
        name: teamsSide.name,
        when: trusted(when(startsAt, slackSide.locale, slackSide.timeZone)),
        duration: 60,
        topic: trusted(topicLabel(topic, slackSide.locale)),
      }),
    );
  });
});
