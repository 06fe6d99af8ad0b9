// The dispatcher's group delivery, pacing, 429 pauses and lease-bounded claims, on a real store.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { SlackMessenger } from '../../src/adapters/slack/messenger.js';
import type { Message } from '../../src/core/messages.js';
import { DeliveryError, type Messenger, type Notification } from '../../src/core/ports.js';
import type { Person } from '../../src/core/types.js';
import { createDispatcher, type DispatcherOptions } from '../../src/scheduler/dispatcher.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { testClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { clockTime } from './virtual-time.js';

const BOT_TOKEN = 'xoxb-delivery';
let testDb: TestDatabase;
let store: DrizzleStore;
let fakeSlack: FakeSlack;
let ana: Person;
let ben: Person;
let cleo: Person;
let otherWorkspace: Person;
let tom: Person;
let tess: Person;
const clock = testClock();
const limiterTime = clockTime(clock);
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const hello: Message = { text: 'hello', blocks: [{ type: 'text', text: 'hello' }] };

beforeAll(async () => {
  fakeSlack = await startFakeSlack({ token: BOT_TOKEN });
  testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  store = DrizzleStore.from(testDb.database);
  const base = { name: 'N', email: null, locale: 'en' as const, timeZone: 'UTC', profileFetchedAt: new Date() };
  ana = await store.savePerson({ ...base, platform: 'slack', tenantId: 'T1', userId: 'U0ANA' });
  ben = await store.savePerson({ ...base, platform: 'slack', tenantId: 'T1', userId: 'U0BEN' });
  cleo = await store.savePerson({ ...base, platform: 'slack', tenantId: 'T1', userId: 'U0CLEO' });
  otherWorkspace = await store.savePerson({ ...base, platform: 'slack', tenantId: 'T2', userId: 'U0OTHER' });
  tom = await store.savePerson({ ...base, platform: 'teams', tenantId: 'X1', userId: 'aad-tom' });
  tess = await store.savePerson({ ...base, platform: 'teams', tenantId: 'X1', userId: 'aad-tess' });
});
afterAll(async () => {
  await testDb?.dispose();
  await fakeSlack?.close();
});
beforeEach(async () => {
  clock.set('2026-11-25T09:00:00Z');
  fakeSlack.reset();
  // Each test starts with an empty outbox.
  for (const row of await store.listNotifications()) {
    if (row.status === 'pending') await store.markNotificationCancelled(row.id, 'test reset');
  }
});

let keyCounter = 0;
async function enqueue(recipient: Person, extra: { audience?: Person[]; dueOffsetMs?: number } = {}): Promise<string> {
  const dedupeKey = `d${++keyCounter}`;
  await store.enqueueNotifications([
    {
      recipientId: recipient.id,
      ...(extra.audience ? { audienceIds: extra.audience.map((p) => p.id) } : {}),
      kind: 'test',
      payload: {},
      dueAt: new Date(clock.now().getTime() + (extra.dueOffsetMs ?? 0)),
      dedupeKey,
    },
  ]);
  return dedupeKey;
}

async function row(dedupeKey: string): Promise<Notification> {
  return (await store.listNotifications()).find((n) => n.dedupeKey === dedupeKey)!;
}

function slackMessenger(): SlackMessenger {
  const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fakeSlack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  return new SlackMessenger(client, { time: limiterTime });
}

interface Sent {
  to: string[];
  at: number;
}

/** Records who each message went to and when (test-clock time); `fail` may throw for a send. */
function recordingMessenger(options: { groups: boolean; fail?: (to: string[], n: number) => void }): Messenger & { sent: Sent[] } {
  const sent: Sent[] = [];
  let n = 0;
  const deliver = async (to: string[]) => {
    options.fail?.(to, ++n);
    sent.push({ to, at: clock.now().getTime() });
    return { messageId: `m${n}` };
  };
  return {
    sent,
    send: (person) => deliver([person.userId]),
    ...(options.groups ? { sendToGroup: (people: Person[]) => deliver(people.map((p) => p.userId)) } : {}),
    async update() {},
  };
}

function dispatcher(overrides: Partial<DispatcherOptions>) {
  return createDispatcher({ store, clock, logger: silent, messengers: {}, compose: async () => hello, limiterTime, ...overrides });
}

describe('group delivery', () => {
  it('sends one Slack group DM to the whole audience, opening it once', async () => {
    const slack = slackMessenger();
    const first = await enqueue(ana, { audience: [ana, ben] });
    const second = await enqueue(ben, { audience: [ben, ana] });
    expect(await dispatcher({ messengers: { slack } }).drain()).toBe(2);

    const opens = fakeSlack.calls('conversations.open');
    expect(opens.map((call) => call.body.users)).toEqual(['U0ANA,U0BEN']);
    const posts = fakeSlack.calls('chat.postMessage');
    expect(posts).toHaveLength(2);
    const channel = String(posts[0]!.body.channel);
    expect(channel).toMatch(/^G/);
    expect(posts[1]!.body.channel).toBe(channel);
    expect(await row(first)).toMatchObject({ status: 'sent' });
    expect(await row(second)).toMatchObject({ status: 'sent' });
  });

  it('sends to the recipient alone when the audience spans platforms or workspaces, or someone is gone', async () => {
    const slack = recordingMessenger({ groups: true });
    await enqueue(ana, { audience: [ana, tom] });
    await enqueue(ben, { audience: [ben, otherWorkspace] });
    await store.enqueueNotifications([
      { recipientId: cleo.id, audienceIds: [cleo.id, '00000000-0000-4000-8000-000000000000'], kind: 'test', payload: {}, dueAt: clock.now(), dedupeKey: `d${++keyCounter}` },
    ]);
    await dispatcher({ messengers: { slack } }).drain();
    expect(slack.sent.map((s) => s.to).sort()).toEqual([['U0ANA'], ['U0BEN'], ['U0CLEO']]);
  });

  it('sends to the recipient alone on a platform without group messages (Teams)', async () => {
    const teams = recordingMessenger({ groups: false });
    const key = await enqueue(tom, { audience: [tom, tess] });
    await dispatcher({ messengers: { teams } }).drain();
    expect(teams.sent.map((s) => s.to)).toEqual([['aad-tom']]);
    expect(await row(key)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('composes once, for the recipient, and sends that to the group', async () => {
    const slack = recordingMessenger({ groups: true });
    const composed: string[] = [];
    await enqueue(ana, { audience: [ana, ben, cleo] });
    await dispatcher({
      messengers: { slack },
      compose: async (_n, recipient) => {
        composed.push(recipient.userId);
        return hello;
      },
    }).drain();
    expect(composed).toEqual(['U0ANA']);
    expect(slack.sent.map((s) => s.to)).toEqual([['U0ANA', 'U0BEN', 'U0CLEO']]);
  });
});

describe('pacing', () => {
  it('sends to one person at most once a second, and the workspace at its cap', async () => {
    const slack = recordingMessenger({ groups: true });
    for (let i = 0; i < 3; i++) await enqueue(ana);
    for (let i = 0; i < 3; i++) await enqueue(ben);
    await dispatcher({ messengers: { slack }, rates: { slack: { perWorkspacePerSecond: 1.5, workspaceBurst: 1 } } }).drain();
    const times = (who: string) => slack.sent.filter((s) => s.to[0] === who).map((s) => s.at);
    for (const who of ['U0ANA', 'U0BEN']) {
      const own = times(who);
      expect(own).toHaveLength(3);
      for (let i = 1; i < own.length; i++) expect(own[i]! - own[i - 1]!).toBeGreaterThanOrEqual(1000);
    }
    const all = slack.sent.map((s) => s.at).sort((a, b) => a - b);
    for (let i = 1; i < all.length; i++) expect(all[i]! - all[i - 1]!).toBeGreaterThanOrEqual(666);
  });

  it('pauses the whole workspace for a 429’s Retry-After, not the other platform, and retries the row after it', async () => {
    const slack = recordingMessenger({
      groups: true,
      fail: (to, n) => {
        if (n === 1) throw new DeliveryError('rate limited', { retryAfterMs: 10_000 });
      },
    });
    const teams = recordingMessenger({ groups: false });
    const start = clock.now().getTime();
    // Claimed in due order: Ana (429), then Tom on Teams, then Ben on the same Slack workspace.
    const throttled = await enqueue(ana, { dueOffsetMs: -3000 });
    await enqueue(tom, { dueOffsetMs: -2000 });
    await enqueue(ben, { dueOffsetMs: -1000 });
    const run = dispatcher({ messengers: { slack, teams }, concurrency: 1 });
    // One tick: Ana's retry is due when the pause ends (Retry-After plus 0–500 ms of jitter), and
    // a drain would tick again and send it at once when the jitter drew 0.
    await run.tick();

    expect(teams.sent).toEqual([{ to: ['aad-tom'], at: start }]);
    expect(slack.sent).toHaveLength(1);
    expect(slack.sent[0]!.to).toEqual(['U0BEN']);
    expect(slack.sent[0]!.at).toBeGreaterThanOrEqual(start + 10_000);
    const retried = await row(throttled);
    expect(retried.status).toBe('pending');
    expect(retried.dueAt.getTime()).toBeGreaterThanOrEqual(start + 10_000);

    clock.advance(1000);
    await run.drain();
    expect(slack.sent.map((s) => s.to[0])).toEqual(['U0BEN', 'U0ANA']);
    expect(await row(throttled)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('holds only the row when the limit was on opening its conversation, not the workspace', async () => {
    const slack = recordingMessenger({
      groups: true,
      fail: (_to, n) => {
        if (n === 1) throw new DeliveryError('conversations.open rate limited', { retryAfterMs: 10_000, retryAfterScope: 'row' });
      },
    });
    const start = clock.now().getTime();
    const throttled = await enqueue(ana, { dueOffsetMs: -2000 });
    await enqueue(ben, { dueOffsetMs: -1000 });
    await dispatcher({ messengers: { slack }, concurrency: 1 }).drain();
    // Ben's message went at once; Ana's row waits out the Retry-After.
    expect(slack.sent).toEqual([{ to: ['U0BEN'], at: start }]);
    expect(await row(throttled)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row(throttled)).dueAt.getTime()).toBeGreaterThanOrEqual(start + 10_000);
  });

  it('gives a throttled row more attempts than a failing one', async () => {
    const slack = recordingMessenger({
      groups: true,
      fail: () => {
        throw new DeliveryError('rate limited', { retryAfterMs: 1000 });
      },
    });
    const key = await enqueue(ana);
    const run = dispatcher({ messengers: { slack }, maxAttempts: 2 });
    for (let i = 0; i < 7; i++) {
      await run.drain();
      clock.advance(2000);
    }
    expect(await row(key)).toMatchObject({ status: 'pending', attempts: 7 });
    await run.drain();
    expect(await row(key)).toMatchObject({ status: 'failed', attempts: 8 });
  });

  it('gives back, unsent, the rows the limits would only reach after their lease', async () => {
    const slack = recordingMessenger({ groups: true });
    const keys = [await enqueue(ana), await enqueue(ana), await enqueue(ana)];
    // One message a second to Ana; the lease leaves 1.5 s to get a send started.
    await dispatcher({ messengers: { slack }, leaseMs: 2000, sendGuardMs: 500, concurrency: 1 }).tick();
    expect(slack.sent).toHaveLength(2);
    const rows = await Promise.all(keys.map(row));
    expect(rows.map((r) => r.status).sort()).toEqual(['pending', 'sent', 'sent']);
    const given = rows.find((r) => r.status === 'pending')!;
    expect(given.lastError).toBe('rate limit wait outlasted the lease');
    expect(given.dueAt.getTime()).toBeGreaterThan(clock.now().getTime());
  });

  it('claims no more than the slowest platform can send within a lease', async () => {
    const limits: number[] = [];
    const spy = Object.create(store) as DrizzleStore;
    spy.claimDueNotifications = (now, leaseUntil, limit, owner) => {
      limits.push(limit);
      return store.claimDueNotifications(now, leaseUntil, limit, owner);
    };
    const slack = recordingMessenger({ groups: true });
    for (let i = 0; i < 12; i++) await enqueue([ana, ben, cleo][i % 3]!);
    // 1 message/s for the workspace, 10 s leases with 2 s kept for the send: 8 rows per claim at most.
    const run = dispatcher({ store: spy, messengers: { slack }, leaseMs: 10_000, sendGuardMs: 2000, rates: { slack: { perWorkspacePerSecond: 1, workspaceBurst: 1 } } });
    // A row the pacer could not fit in its lease is handed back for a moment later: drain again then.
    for (let round = 0; round < 5 && slack.sent.length < 12; round++) {
      await run.drain();
      clock.advance(2000);
    }
    expect(Math.max(...limits)).toBeLessThanOrEqual(8);
    expect(slack.sent).toHaveLength(12);
  });
});
