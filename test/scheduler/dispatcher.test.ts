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
