// The outbox as the dispatcher and admins use it: outcomes recorded only under the sender's own lease,
// failed notifications listed for admins, and retried. On PGlite, or Postgres with TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/core/types.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../support/database.js';

let testDb: TestDatabase;
let store: DrizzleStore;
let ana: Person;
const t0 = new Date('2026-11-25T09:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  store = DrizzleStore.from(testDb.database);
  ana = await store.savePerson({ platform: 'slack', tenantId: 'T1', userId: 'U0ANA', name: 'Ana', email: null, locale: 'en', timeZone: 'UTC', profileFetchedAt: t0 });
});
afterAll(async () => testDb?.dispose());

let keyCounter = 0;
/** Enqueues one row due at `due` and returns its dedupe key. */
async function enqueue(due: Date, extra: { kind?: string; subject?: string } = {}): Promise<string> {
  const dedupeKey = `oversight-${++keyCounter}`;
  await store.enqueueNotifications([{ recipientId: ana.id, kind: extra.kind ?? 'test', payload: {}, dueAt: due, dedupeKey, ...(extra.subject ? { subject: extra.subject } : {}) }]);
  return dedupeKey;
}

async function claimOne(now: Date, owner: string, leaseSeconds = 60) {
  const [row] = await store.claimDueNotifications(now, new Date(now.getTime() + leaseSeconds * 1000), 1, owner);
  expect(row).toBeDefined();
  return row!;
}

describe(`outbox leases on ${testDatabaseUrl ? 'Postgres' : 'PGlite'}`, () => {
  it('records an outcome only for the replica holding the lease', async () => {
    const key = await enqueue(t0);
    const row = await claimOne(at(1), 'a', 10);
    // A's lease ran out and B took the row over: A can no longer record anything about it.
    const taken = await claimOne(at(12), 'b');
    expect(taken.id).toBe(row.id);
    expect(await store.markNotificationSent(row.id, 'from-a', at(13), 'a')).toBe(false);
    expect(await store.markNotificationAttemptFailed(row.id, 'timeout', at(60), 'a')).toBe(false);
    expect(await store.markNotificationAttemptFailed(row.id, 'timeout', null, 'a')).toBe(false);
    expect(await store.markNotificationCancelled(row.id, 'late', 'a')).toBe(false);
    expect(await store.releaseNotifications([row.id], 'a')).toBe(0);
    expect(await store.findNotificationByKey(key)).toMatchObject({ status: 'sending', attempts: 2, platformMessageId: null });
    expect(await store.markNotificationSent(row.id, 'from-b', at(14), 'b')).toBe(true);
    expect(await store.findNotificationByKey(key)).toMatchObject({ status: 'sent', platformMessageId: 'from-b' });
    // Once sent, nobody changes it: not its old owner, not a late cancellation.
    expect(await store.markNotificationSent(row.id, 'again', at(15), 'b')).toBe(false);
    expect(await store.markNotificationCancelled(row.id, 'no longer applies')).toBe(false);
    expect((await store.findNotificationByKey(key))!.status).toBe('sent');
  });

  it('lets the owner record a send after its lease ran out when nobody took the row over', async () => {
    const key = await enqueue(t0);
    const row = await claimOne(at(1), 'slow', 10);
    expect(await store.markNotificationSent(row.id, 'late-but-mine', at(30), 'slow')).toBe(true);
    expect(await store.findNotificationByKey(key)).toMatchObject({ status: 'sent', platformMessageId: 'late-but-mine' });
  });

  it('hands back only the rows the releasing replica holds, without counting the attempt', async () => {
    await enqueue(t0);
    await enqueue(t0);
    const a = await claimOne(at(1), 'a');
    const b = await claimOne(at(1), 'b');
    expect(await store.releaseNotifications([a.id, b.id], 'a')).toBe(1);
    expect(await store.findNotificationByKey(a.dedupeKey)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await store.findNotificationByKey(b.dedupeKey)).toMatchObject({ status: 'sending', attempts: 1 });
    expect(await store.markNotificationCancelled(b.id, 'done with the test', 'b')).toBe(true);
    // Without an owner, cancelling applies to a pending row only.
    expect(await store.markNotificationCancelled(a.id, 'done with the test')).toBe(true);
  });
});

describe(`delivery oversight on ${testDatabaseUrl ? 'Postgres' : 'PGlite'}`, () => {
  it('lists failed notifications for admins, most recently attempted first, and retries one', async () => {
    // Two rows fail for good at different times; a third is still pending, a fourth was sent.
    const older = await enqueue(at(100), { kind: 'sessions.reminder', subject: 'session:s1' });
    const newer = await enqueue(at(200), { kind: 'pair.intro' });
    const pending = await enqueue(at(10_000));
    const sent = await enqueue(at(100));
    const due = await store.claimDueNotifications(at(150), at(210), 10, 'd');
    expect(due.map((n) => n.dedupeKey).sort()).toEqual([older, sent].sort());
    const olderId = due.find((n) => n.dedupeKey === older)!.id;
    expect(await store.markNotificationAttemptFailed(olderId, 'user_not_found', null, 'd')).toBe(true);
    expect(await store.markNotificationSent(due.find((n) => n.dedupeKey === sent)!.id, 'm', at(151), 'd')).toBe(true);
    const row = await claimOne(at(250), 'd');
    expect(row.dedupeKey).toBe(newer);
    expect(await store.markNotificationAttemptFailed(row.id, 'channel_not_found', null, 'd')).toBe(true);

    const failed = (await store.listFailedNotifications(50)).filter((n) => n.id === olderId || n.id === row.id);
    expect(failed).toEqual([
      { id: row.id, kind: 'pair.intro', recipientId: ana.id, subject: null, attempts: 1, lastError: 'channel_not_found', dueAt: at(200), createdAt: expect.any(Date) },
      { id: olderId, kind: 'sessions.reminder', recipientId: ana.id, subject: 'session:s1', attempts: 1, lastError: 'user_not_found', dueAt: at(100), createdAt: expect.any(Date) },
    ]);
    const all = await store.listFailedNotifications(50);
    expect(all.map((n) => n.id)).not.toContain((await store.findNotificationByKey(pending))!.id);
    expect(all.map((n) => n.id)).not.toContain((await store.findNotificationByKey(sent))!.id);
    expect(await store.listFailedNotifications(1)).toHaveLength(1);

    // Retry: pending again at the given time, attempts reset; the dispatcher claims it then.
    expect(await store.retryNotification(olderId, at(300))).toBe(true);
    expect(await store.findNotificationByKey(older)).toMatchObject({ status: 'pending', attempts: 0, dueAt: at(300) });
    expect((await store.listFailedNotifications(50)).map((n) => n.id)).not.toContain(olderId);
    // A second click, a row that is not failed, an unknown or malformed id: nothing happens.
    expect(await store.retryNotification(olderId, at(300))).toBe(false);
    expect(await store.retryNotification((await store.findNotificationByKey(sent))!.id, at(300))).toBe(false);
    expect(await store.retryNotification('00000000-0000-4000-8000-000000000000', at(300))).toBe(false);
    expect(await store.retryNotification('not-an-id', at(300))).toBe(false);
    expect(await store.claimDueNotifications(at(299), at(400), 10, 'e')).toEqual([]);
    const retried = await store.claimDueNotifications(at(300), at(400), 10, 'e');
    expect(retried.map((n) => n.dedupeKey)).toEqual([older]);
    expect(retried[0]!.attempts).toBe(1);
  });
});
