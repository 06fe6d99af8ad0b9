// The outbox dispatcher on a real store: delivery, Retry-After, backoff, give-up, cancellation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/messages.js';
import { DeliveryError, type Messenger } from '../../src/core/ports.js';
import type { Person } from '../../src/core/types.js';
import { createDispatcher } from '../../src/scheduler/dispatcher.js';
import { createRunCoordinator } from '../../src/scheduler/run-coordinator.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { testClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { clockTime } from './virtual-time.js';

let testDb: TestDatabase;
let store: DrizzleStore;
let slackPerson: Person;
let teamsPerson: Person;
const clock = testClock('2026-11-25T09:00:00Z');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const hello: Message = { text: 'hello', blocks: [{ type: 'text', text: 'hello' }] };
/** The pacer runs on the test clock, its waits advance it: pacing costs no real time, and a 429
 *  (which now pauses the whole platform) pauses it in test-clock time. */
const limiterTime = clockTime(clock);

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  store = DrizzleStore.from(testDb.database);
  const base = { tenantId: 'T', name: 'N', email: null, locale: 'en' as const, timeZone: 'UTC', profileFetchedAt: new Date() };
  slackPerson = await store.savePerson({ ...base, platform: 'slack', userId: 'U1' });
  teamsPerson = await store.savePerson({ ...base, platform: 'teams', userId: 'A1' });
});
afterAll(async () => testDb?.dispose());
beforeEach(() => clock.set('2026-11-25T09:00:00Z'));

let keyCounter = 0;
async function enqueue(recipient: Person, kind = 'test') {
  const dedupeKey = `k${++keyCounter}`;
  await store.enqueueNotifications([{ recipientId: recipient.id, kind, payload: {}, dueAt: clock.now(), dedupeKey }]);
  return dedupeKey;
}

async function statusOf(dedupeKey: string) {
  const all = await store.listNotifications();
  return all.find((n) => n.dedupeKey === dedupeKey)!;
}

function scriptedMessenger(script: (attempt: number) => void): Messenger & { sent: number } {
  let attempt = 0;
  return {
    sent: 0,
    async send() {
      script(++attempt);
      this.sent++;
      return { messageId: `m${attempt}` };
    },
    async update() {},
  };
}

describe('outbox dispatcher', () => {
  it('delivers due rows once, through the recipient’s platform', async () => {
    const slack = scriptedMessenger(() => {});
    const teams = scriptedMessenger(() => {});
    const dispatcher = createDispatcher({ store, clock, logger: silent, messengers: { slack, teams }, compose: async () => hello, limiterTime });
    const a = await enqueue(slackPerson);
    const b = await enqueue(teamsPerson);
    expect(await dispatcher.drain()).toBe(2);
    expect(await dispatcher.drain()).toBe(0);
    expect([slack.sent, teams.sent]).toEqual([1, 1]);
    expect((await statusOf(a)).status).toBe('sent');
    expect((await statusOf(b)).status).toBe('sent');
  });

  it('waits what a 429 asks, then delivers', async () => {
    const slack = scriptedMessenger((attempt) => {
      if (attempt === 1) throw new DeliveryError('rate limited', { retryAfterMs: 30_000 });
    });
    const dispatcher = createDispatcher({ store, clock, logger: silent, messengers: { slack }, compose: async () => hello, limiterTime });
    const key = await enqueue(slackPerson);
    await dispatcher.drain();
    expect((await statusOf(key)).status).toBe('pending');
    clock.advance(10_000);
    expect(await dispatcher.drain()).toBe(0);
    clock.advance(21_000);
    expect(await dispatcher.drain()).toBe(1);
    expect((await statusOf(key)).status).toBe('sent');
    expect(slack.sent).toBe(1);
  });

  it('backs off on transient errors and gives up after the last attempt, visibly', async () => {
    const slack = scriptedMessenger(() => {
      throw new Error('socket hang up');
    });
    const dispatcher = createDispatcher({ store, clock, logger: silent, messengers: { slack }, compose: async () => hello, limiterTime, maxAttempts: 3 });
    const key = await enqueue(slackPerson);
    for (let i = 0; i < 3; i++) {
      await dispatcher.drain();
      clock.advance(2 * 60 * 60_000);
    }
    const row = await statusOf(key);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row.lastError).toContain('socket hang up');
  });

  it('stops at once on a permanent error, and when a platform is not configured', async () => {
    const slack = scriptedMessenger(() => {
      throw new DeliveryError('user_not_found', { permanent: true });
    });
    const dispatcher = createDispatcher({ store, clock, logger: silent, messengers: { slack }, compose: async () => hello, limiterTime });
    const a = await enqueue(slackPerson);
    const b = await enqueue(teamsPerson);
    await dispatcher.drain();
    expect(await statusOf(a)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await statusOf(b)).toMatchObject({ status: 'failed', lastError: 'teams is not configured' });
  });

  it('cancels a row whose message no longer applies', async () => {
    const slack = scriptedMessenger(() => {});
    const dispatcher = createDispatcher({ store, clock, logger: silent, messengers: { slack }, compose: async () => null, limiterTime });
    const key = await enqueue(slackPerson);
    await dispatcher.drain();
    expect((await statusOf(key)).status).toBe('cancelled');
    expect(slack.sent).toBe(0);
  });

  it('picks up rows whose sender died mid-send once the lease runs out', async () => {
    const key = await enqueue(slackPerson);
    // A sender claims the row, then dies without recording anything.
    await store.claimDueNotifications(clock.now(), new Date(clock.now().getTime() + 60_000), 10, 'dead');
    const slack = scriptedMessenger(() => {});
    const dispatcher = createDispatcher({ store, clock, logger: silent, messengers: { slack }, compose: async () => hello, limiterTime });
    expect(await dispatcher.drain()).toBe(0);
    clock.advance(61_000);
    expect(await dispatcher.drain()).toBe(1);
    expect(await statusOf(key)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('lease ownership', () => {
  /** A messenger whose sends wait for `finish`: the sender stalls mid-send, e.g. on a slow network. */
  function stalledMessenger() {
    let started!: () => void;
    const sending = new Promise<void>((resolve) => (started = resolve));
    let finish!: (outcome: { messageId: string } | Error) => void;
    const outcome = new Promise<{ messageId: string } | Error>((resolve) => (finish = resolve));
    const messenger: Messenger = {
      async send() {
        started();
        const result = await outcome;
        if (result instanceof Error) throw result;
        return result;
      },
      async update() {},
    };
    return { messenger, sending, finish };
  }

  async function stallThenTakeOver(key: string) {
    const stalled = stalledMessenger();
    const dispatcher = createDispatcher({ store, clock, logger: silent, messengers: { slack: stalled.messenger }, compose: async () => hello, limiterTime, leaseMs: 60_000 });
    const tick = dispatcher.tick();
    await stalled.sending;
    // The stalled sender's lease runs out; another replica claims the row.
    clock.advance(61_000);
    const [taken] = await store.claimDueNotifications(clock.now(), new Date(clock.now().getTime() + 60_000), 10, 'replica-b');
    expect(taken?.dedupeKey).toBe(key);
    return { taken: taken!, tick, finish: stalled.finish };
  }

  it('a sender whose lease was taken over does not overwrite the new owner’s send', async () => {
    const key = await enqueue(slackPerson);
    const { taken, tick, finish } = await stallThenTakeOver(key);
    expect(await store.markNotificationSent(taken.id, 'from-b', clock.now(), 'replica-b')).toBe(true);
    finish({ messageId: 'from-a' });
    await tick;
    expect(await store.findNotificationByKey(key)).toMatchObject({ status: 'sent', platformMessageId: 'from-b' });
  });

  it('a sender whose lease was taken over does not hand the row back while the new owner sends it', async () => {
    const key = await enqueue(slackPerson);
    const { taken, tick, finish } = await stallThenTakeOver(key);
    finish(new Error('socket hang up'));
    await tick;
    // Still the other replica's: not pending again (it would be sent twice), not failed.
    expect(await statusOf(key)).toMatchObject({ status: 'sending', attempts: 2 });
    expect(await store.releaseNotifications([taken.id], 'replica-a')).toBe(0);
    expect(await store.markNotificationCancelled(taken.id, 'late', 'replica-a')).toBe(false);
    expect(await store.markNotificationSent(taken.id, 'from-b', clock.now(), 'replica-b')).toBe(true);
    expect(await statusOf(key)).toMatchObject({ status: 'sent' });
  });
});

describe('replicas', () => {
  /** Test-clock times of sends to `people` distinct people with the default Slack rates (4/s per workspace). */
  async function sendTimes(replicas: number, people: Person[]): Promise<number[]> {
    const times: number[] = [];
    const slack: Messenger = {
      send: async () => {
        times.push(clock.now().getTime());
        return { messageId: `m${times.length}` };
      },
      async update() {},
    };
    for (const person of people) await enqueue(person);
    const dispatcher = createDispatcher({ store, clock, logger: silent, messengers: { slack }, compose: async () => hello, limiterTime, replicas });
    await dispatcher.drain();
    return times.sort((a, b) => a - b);
  }

  it('each of N replicas paces its sends to 1/N of the workspace rate', async () => {
    const base = { tenantId: 'T-replicas', name: 'N', email: null, locale: 'en' as const, timeZone: 'UTC', profileFetchedAt: new Date() };
    const people: Person[] = [];
    for (let i = 0; i < 12; i++) people.push(await store.savePerson({ ...base, platform: 'slack', userId: `UREP${i}` }));
    // Alone: 4 per second after a burst of 4 → 12 sends within (12 - 4) / 4 = 2 s.
    const alone = await sendTimes(1, people);
    expect(alone).toHaveLength(12);
    expect(alone.at(-1)! - alone[0]!).toBeLessThanOrEqual(2000);
    // One of two: 2 per second after a burst of 2 → at least (12 - 2) / 2 = 5 s.
    const oneOfTwo = await sendTimes(2, people);
    expect(oneOfTwo).toHaveLength(12);
    expect(oneOfTwo.at(-1)! - oneOfTwo[0]!).toBeGreaterThanOrEqual(5000);
    expect(() => createDispatcher({ store, clock, logger: silent, messengers: {}, compose: async () => hello, replicas: 0 })).toThrow(RangeError);
  });
});

describe('cron run coordinator', () => {
  it('elects exactly one replica per slot', async () => {
    const a = createRunCoordinator(testDb.database.db, 'a');
    const b = createRunCoordinator(testDb.database.db, 'b');
    const results = await Promise.all([a.shouldRun('job:2026-11-25T10:05', 60_000), b.shouldRun('job:2026-11-25T10:05', 60_000)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await a.shouldRun('job:2026-11-25T11:05', 60_000)).toBe(true);
  });
});

describe('edits of earlier messages', () => {
  it('updates the message an earlier notification sent, and skips the edit when that one never went out', async () => {
    const updates: string[] = [];
    const slack: Messenger = {
      send: async () => ({ messageId: 'C1:100.1' }),
      update: async (_to, messageId) => {
        updates.push(messageId);
      },
    };
    const dispatcher = createDispatcher({ store, clock, logger: silent, messengers: { slack }, compose: async () => hello, limiterTime });
    const base = { recipientId: slackPerson.id, kind: 'test', dueAt: clock.now() };
    await store.enqueueNotifications([{ ...base, payload: {}, dedupeKey: 'progress' }]);
    await dispatcher.drain();
    await store.enqueueNotifications([{ ...base, payload: { replaces: 'progress' }, dedupeKey: 'progress:1' }]);
    await store.enqueueNotifications([{ ...base, payload: { replaces: 'never-sent' }, dedupeKey: 'progress:2' }]);
    await dispatcher.drain();
    expect(updates).toEqual(['C1:100.1']);
    expect((await statusOf('progress:1')).status).toBe('sent');
    expect((await statusOf('progress:2')).status).toBe('cancelled');
  });
});
