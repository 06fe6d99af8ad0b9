// The store on PGlite, or on the real Postgres server when TEST_DATABASE_URL is set.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPIC_CATALOGUE } from '../../src/core/catalogue/topics.js';
import { openDatabase } from '../../src/store/database.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../support/database.js';

let testDb: TestDatabase;
let store: DrizzleStore;

const seed = (db: Parameters<typeof seedDatabase>[0]) => seedDatabase(db, { timeZone: 'Europe/Paris' });

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.migrate(seed);
  store = DrizzleStore.from(testDb.database);
});
afterAll(async () => testDb?.dispose());

async function person(userId: string, email: string | null = null) {
  return store.savePerson({
    platform: 'slack',
    tenantId: 'T1',
    userId,
    name: `Person ${userId}`,
    email,
    locale: 'en',
    timeZone: 'Europe/Paris',
    profileFetchedAt: new Date(),
  });
}

describe(`store on ${testDatabaseUrl ? 'Postgres' : 'PGlite'}`, () => {
  it('seeds one open program and the topic catalogue, idempotently', async () => {
    await testDb.database.migrate(seed);
    const program = await store.findOpenProgram();
    expect(program?.settings.approvalRequired).toBe(true);
    const programs = testDb.database.rows<{ count: number }>(await testDb.database.db.execute(sql`SELECT count(*)::int AS count FROM programs`));
    expect(programs[0]!.count).toBe(1);
    const topics = await store.listTopics();
    expect(topics.map((t) => t.slug)).toEqual(TOPIC_CATALOGUE.map((t) => t.slug));
    expect(topics.length).toBeGreaterThanOrEqual(10);
    expect(topics[0]!.name.fr).not.toBe('');
  });

  it('upserts people by platform identity and finds them by email, case-insensitively', async () => {
    const first = await person('U1', 'ada@example.com');
    const again = await store.savePerson({ ...first, name: 'Ada L.', profileFetchedAt: new Date() });
    expect(again.id).toBe(first.id);
    expect(again.name).toBe('Ada L.');
    expect((await store.findPeopleByEmail('ADA@example.com')).map((p) => p.id)).toEqual([first.id]);
    expect(await store.findPerson({ platform: 'teams', tenantId: 'T1', userId: 'U1' })).toBeNull();
  });

  it('keeps one enrollment per program, person and role, and updates it in place', async () => {
    const program = (await store.findOpenProgram())!;
    const who = await person('U2');
    const base = {
      programId: program.id,
      personId: who.id,
      role: 'mentor' as const,
      status: 'pending' as const,
      topics: [{ topic: 'cybersecurity', level: 4 }],
      teachBack: ['strategy'],
      languages: ['fr' as const],
      capacity: 2,
      availability: ['mon-am'],
      bio: 'Hi',
      department: 'IT',
      managerEmail: null,
      charterAcceptedAt: new Date(),
      approvedAt: null,
    };
    const created = await store.saveEnrollment(base);
    const updated = await store.saveEnrollment({ ...base, capacity: 3 });
    expect(updated.id).toBe(created.id);
    expect(updated.capacity).toBe(3);
    expect(updated.topics).toEqual([{ topic: 'cybersecurity', level: 4 }]);
    const paused = await store.updateEnrollment(created.id, { status: 'paused', pausedUntil: '2026-12-15' });
    expect(paused.pausedUntil).toBe('2026-12-15');
    expect(await store.listEnrollments(program.id, { role: 'mentor', status: 'paused' })).toHaveLength(1);
  });

  it('rolls a transaction back when it fails', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.savePerson({ platform: 'slack', tenantId: 'T1', userId: 'ROLLBACK', name: 'X', email: null, locale: 'en', timeZone: 'UTC', profileFetchedAt: new Date() });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.findPerson({ platform: 'slack', tenantId: 'T1', userId: 'ROLLBACK' })).toBeNull();
  });

  it('ignores a second notification with the same dedupe key, and leases due rows to one claimer', async () => {
    const who = await person('U3');
    const now = new Date();
    const row = { recipientId: who.id, kind: 'test', payload: { n: 1 }, dueAt: now, dedupeKey: 'k-1' };
    await store.enqueueNotifications([row, { ...row, dedupeKey: 'k-2' }]);
    await store.enqueueNotifications([{ ...row, payload: { n: 2 } }]);
    const lease = new Date(now.getTime() + 60_000);
    const [a, b] = await Promise.all([
      store.claimDueNotifications(new Date(now.getTime() + 1), lease, 10, 'a'),
      store.claimDueNotifications(new Date(now.getTime() + 1), lease, 10, 'b'),
    ]);
    const claimed = [...a, ...b];
    expect(claimed.map((n) => n.dedupeKey).sort()).toEqual(['k-1', 'k-2']);
    expect(claimed.find((n) => n.dedupeKey === 'k-1')!.payload).toEqual({ n: 1 });
    expect(claimed.every((n) => n.attempts === 1)).toBe(true);
    // Leased rows are not claimable again until the lease runs out.
    expect(await store.claimDueNotifications(new Date(now.getTime() + 2), lease, 10, 'c')).toHaveLength(0);
    const expired = await store.claimDueNotifications(new Date(lease.getTime() + 1), new Date(lease.getTime() + 60_000), 10, 'c');
    expect(expired).toHaveLength(2);
    await store.markNotificationSent(expired[0]!.id, 'M1', new Date(), 'c');
    await store.markNotificationAttemptFailed(expired[1]!.id, 'nope', null, 'c');
    const all = await store.listNotifications({ recipientId: who.id });
    expect(all.map((n) => n.status).sort()).toEqual(['failed', 'sent']);
  });

  it('stores Teams conversation references and audit entries', async () => {
    const who = await person('U4');
    await store.saveConversationReference(who.id, { conversation: { id: 'a' } });
    await store.saveConversationReference(who.id, { conversation: { id: 'b' } });
    expect(await store.getConversationReference(who.id)).toEqual({ conversation: { id: 'b' } });
    await store.audit({ actorId: who.id, action: 'test.done', details: { x: 1 } });
    const rows = testDb.database.rows<{ action: string }>(await testDb.database.db.execute(sql`SELECT action FROM audit_log WHERE actor_id = ${who.id}`));
    expect(rows.map((r) => r.action)).toEqual(['test.done']);
  });
});

describe.skipIf(!testDatabaseUrl)('migrations on a Postgres server', () => {
  it('let two replicas start at once: both wait on the advisory lock, one schema results', async () => {
    const fresh = await createTestDatabase();
    const second = await openDatabase({ url: fresh.url!, maxConnections: 3 });
    try {
      await Promise.all([fresh.database.migrate(seed), second.migrate(seed)]);
      const programs = fresh.database.rows<{ count: number }>(await fresh.database.db.execute(sql`SELECT count(*)::int AS count FROM programs`));
      expect(programs[0]!.count).toBe(1);
      const applied = fresh.database.rows<{ count: number }>(
        await fresh.database.db.execute(sql`SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations`),
      );
      expect(applied[0]!.count).toBeGreaterThanOrEqual(1);
    } finally {
      await second.close();
      await fresh.dispose();
    }
  });
});
