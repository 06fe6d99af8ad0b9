// The engagement queries on PGlite, or on the real Postgres server when TEST_DATABASE_URL is set.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../src/core/types.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../support/database.js';
import { days, makePair, makeSession } from './fixtures.js';

let testDb: TestDatabase;
let store: DrizzleStore;
let program: Program;
const NOW = new Date('2026-12-01T10:00:00Z');
const DEFAULTS = { mentee: 7, both: 14, admins: 21 };

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  store = DrizzleStore.from(testDb.database);
  program = (await store.findOpenProgram())!;
});
afterAll(async () => testDb?.dispose());

const pairOf = (name: string, createdAt: Date) =>
  makePair(store, testDb.database, program, { mentor: { name: `${name} mentor` }, mentee: { name: `${name} mentee` }, createdAt });

describe(`engagement store on ${testDatabaseUrl ? 'Postgres' : 'PGlite'}`, () => {
  it('finds quiet pairs from their last activity, skipping pairs with something ahead, paused partners and steps already queued', async () => {
    const fresh = await pairOf('Fresh', new Date(NOW.getTime() - days(3)));
    const quiet = await pairOf('Quiet', new Date(NOW.getTime() - days(8)));
    const planned = await pairOf('Planned', new Date(NOW.getTime() - days(30)));
    await makeSession(store, testDb.database, planned.pair, { startsAt: new Date(NOW.getTime() + days(2)), scheduledAt: new Date(NOW.getTime() - days(29)) });
    const heldLongAgo = await pairOf('Held', new Date(NOW.getTime() - days(40)));
    const held = await makeSession(store, testDb.database, heldLongAgo.pair, { startsAt: new Date(NOW.getTime() - days(16)), scheduledAt: new Date(NOW.getTime() - days(39)) });
    await store.recordSessionAnswer(held.id, heldLongAgo.mentee.id, true);
    const paused = await pairOf('Paused', new Date(NOW.getTime() - days(30)));
    await store.updateEnrollment(paused.pair.menteeEnrollmentId, { status: 'paused', pausedUntil: '2027-01-10' });

    const found = await store.listPairsNeedingNudge(NOW, DEFAULTS);
    const ids = found.map((p) => p.pairId);
    expect(ids).toContain(quiet.pair.id);
    expect(ids).toContain(heldLongAgo.pair.id);
    expect(ids).not.toContain(fresh.pair.id);
    expect(ids).not.toContain(planned.pair.id);
    expect(ids).not.toContain(paused.pair.id);

    const held16 = found.find((p) => p.pairId === heldLongAgo.pair.id)!;
    // Last activity is the end of the held session (16 days ago + 60 min), later than its scheduling.
    expect(held16.lastActivity.getTime()).toBe(NOW.getTime() - days(16) + 60 * 60_000);
    expect(held16.mentee).toMatchObject({ personId: heldLongAgo.mentee.id, enrollmentStatus: 'approved', timeZone: 'Europe/Paris' });
    expect(held16.nudgeDays).toEqual(DEFAULTS);

    // Once the step due is queued for this silence, the pair is no longer a candidate.
    const q = found.find((p) => p.pairId === quiet.pair.id)!;
    await store.enqueueNotifications([
      { recipientId: quiet.mentee.id, kind: 'nudge.mentee', payload: {}, dueAt: NOW, dedupeKey: `nudge.mentee:${q.pairId}:${q.silenceKey}` },
    ]);
    expect((await store.listPairsNeedingNudge(NOW, DEFAULTS)).map((p) => p.pairId)).not.toContain(quiet.pair.id);
    // …until the next step falls due.
    expect((await store.listPairsNeedingNudge(new Date(NOW.getTime() + days(7)), DEFAULTS)).map((p) => p.pairId)).toContain(quiet.pair.id);
  });

  it('reads thresholds from the program settings', async () => {
    const pair = await pairOf('Settings', new Date(NOW.getTime() - days(4)));
    expect((await store.listPairsNeedingNudge(NOW, DEFAULTS)).map((p) => p.pairId)).not.toContain(pair.pair.id);
    await store.updateProgramSettings(program.id, { nudgeDays: { mentee: 3, both: 5, admins: 9 } });
    try {
      const found = (await store.listPairsNeedingNudge(NOW, DEFAULTS)).find((p) => p.pairId === pair.pair.id);
      expect(found?.nudgeDays).toEqual({ mentee: 3, both: 5, admins: 9 });
    } finally {
      await store.updateProgramSettings(program.id, { nudgeDays: DEFAULTS });
    }
  });

  it('tells a pair’s activity: last activity, something ahead, held sessions', async () => {
    const { pair } = await pairOf('Activity', new Date(NOW.getTime() - days(10)));
    const before = (await store.getPairActivity(pair.id, NOW))!;
    expect(before).toMatchObject({ status: 'active', hasUpcomingSession: false, heldSessions: 0 });
    expect(before.lastActivity.getTime()).toBe(NOW.getTime() - days(10));
    await makeSession(store, testDb.database, pair, { startsAt: new Date(NOW.getTime() + days(1)), scheduledAt: new Date(NOW.getTime() - days(1)) });
    const after = (await store.getPairActivity(pair.id, NOW))!;
    expect(after.hasUpcomingSession).toBe(true);
    expect(after.lastActivity.getTime()).toBe(NOW.getTime() - days(1));
    expect(after.silenceKey).not.toBe(before.silenceKey);
    expect(await store.getPairActivity('not-a-uuid', NOW)).toBeNull();
  });

  it('lists ended sessions not asked about yet, once per sequence', async () => {
    const { pair, mentee } = await pairOf('Ended', new Date(NOW.getTime() - days(20)));
    const ended = await makeSession(store, testDb.database, pair, { startsAt: new Date(NOW.getTime() - 2 * 3_600_000), scheduledAt: new Date(NOW.getTime() - days(5)) });
    const running = await makeSession(store, testDb.database, pair, { startsAt: new Date(NOW.getTime() - 30 * 60_000), scheduledAt: new Date(NOW.getTime() - days(5)), durationMinutes: 60 });
    const list = await store.listEndedUncheckedSessions(NOW, new Date(NOW.getTime() - days(14)), 100);
    const mine = list.filter((e) => e.session.pairId === pair.id);
    expect(mine.map((e) => e.session.id)).toEqual([ended.id]);
    expect(mine[0]!.endsAt.getTime()).toBe(ended.startsAt.getTime() + 3_600_000);
    expect(mine[0]!.mentee.personId).toBe(mentee.id);
    await store.enqueueNotifications([
      { recipientId: mentee.id, kind: 'session.check', payload: {}, dueAt: NOW, dedupeKey: `session.check:${ended.id}:${ended.sequence}:mentee` },
    ]);
    const again = await store.listEndedUncheckedSessions(NOW, new Date(NOW.getTime() - days(14)), 100);
    expect(again.map((e) => e.session.id)).not.toContain(ended.id);
    expect(again.map((e) => e.session.id)).not.toContain(running.id);
  });

  it('sets a session from both answers: held wins, no alone is missed, cancelled is left alone', async () => {
    const { pair, mentor, mentee } = await pairOf('Answers', new Date(NOW.getTime() - days(20)));
    const s1 = await makeSession(store, testDb.database, pair, { startsAt: new Date(NOW.getTime() - days(3)), scheduledAt: new Date(NOW.getTime() - days(10)) });
    const first = await store.recordSessionAnswer(s1.id, mentor.id, false);
    expect(first).toMatchObject({ previousStatus: 'scheduled', heldSessions: 0 });
    expect(first!.session.status).toBe('missed');
    const second = await store.recordSessionAnswer(s1.id, mentee.id, true);
    expect(second!.session.status).toBe('held');
    expect(second!.heldSessions).toBe(1);
    // The mentor changing their mind keeps it held; the mentee withdrawing their yes makes it missed.
    expect((await store.recordSessionAnswer(s1.id, mentee.id, false))!.session.status).toBe('missed');
    expect((await store.recordSessionAnswer(s1.id, mentor.id, true))!.session.status).toBe('held');
    const answers = (await store.listPairFeedback(pair.id)).filter((f) => f.kind === 'session');
    expect(answers).toHaveLength(2);

    const s2 = await makeSession(store, testDb.database, pair, { startsAt: new Date(NOW.getTime() + days(3)), scheduledAt: NOW });
    await store.cancelSession(s2.id, s2.sequence);
    expect(await store.recordSessionAnswer(s2.id, mentor.id, true)).toBeNull();
  });

  it('keeps one feedback per person, session and kind: the given fields replace, the others stay', async () => {
    const { pair, mentor, mentee } = await pairOf('Feedback', new Date(NOW.getTime() - days(20)));
    const s = await makeSession(store, testDb.database, pair, { startsAt: new Date(NOW.getTime() - days(3)), scheduledAt: new Date(NOW.getTime() - days(10)) });
    await store.recordSessionAnswer(s.id, mentee.id, true);
    await store.upsertFeedback({ pairId: pair.id, sessionId: s.id, personId: mentee.id, kind: 'session', usefulness: 4, learned: 'passkeys' });
    await store.upsertFeedback({ pairId: pair.id, sessionId: s.id, personId: mentee.id, kind: 'session', usefulness: 5, learned: 'password managers', nextStep: null });
    const stored = (await store.getFeedback({ pairId: pair.id, sessionId: s.id, personId: mentee.id, kind: 'session' }))!;
    expect(stored).toMatchObject({ happened: true, usefulness: 5, learned: 'password managers', nextStep: null });
    expect(await store.getFeedback({ pairId: pair.id, sessionId: s.id, personId: mentor.id, kind: 'session' })).toBeNull();

    // Closing answers are not tied to a session: still one per person.
    await store.upsertFeedback({ pairId: pair.id, sessionId: null, personId: mentor.id, kind: 'closing', wouldRecommend: true });
    await store.upsertFeedback({ pairId: pair.id, sessionId: null, personId: mentor.id, kind: 'closing', wouldRepeat: false });
    const closing = (await store.getFeedback({ pairId: pair.id, sessionId: null, personId: mentor.id, kind: 'closing' }))!;
    expect(closing).toMatchObject({ wouldRecommend: true, wouldRepeat: false });
    const count = testDb.database.rows<{ n: number }>(
      await testDb.database.db.execute(sql`SELECT count(*)::int AS n FROM feedback WHERE pair_id = ${pair.id}`),
    )[0]!.n;
    expect(count).toBe(2);
  });

  it('closes an active pair once', async () => {
    const { pair } = await pairOf('Close', new Date(NOW.getTime() - days(20)));
    expect(await store.closePair(pair.id, NOW)).toBe(true);
    expect(await store.closePair(pair.id, NOW)).toBe(false);
    expect((await store.getPair(pair.id))!.status).toBe('closed');
    // A closed pair is no longer nudged.
    expect((await store.listPairsNeedingNudge(new Date(NOW.getTime() + days(60)), DEFAULTS)).map((p) => p.pairId)).not.toContain(pair.id);
  });

  it('leaves archived programs alone: no nudges, no "did it happen?"', async () => {
    const { pair } = await pairOf('Archived', new Date(NOW.getTime() - days(30)));
    await makeSession(store, testDb.database, pair, { startsAt: new Date(NOW.getTime() - 3 * 3_600_000), scheduledAt: new Date(NOW.getTime() - days(29)) });
    const since = new Date(NOW.getTime() - days(14));
    expect((await store.listEndedUncheckedSessions(NOW, since, 1000)).map((e) => e.session.pairId)).toContain(pair.id);
    expect(await store.setProgramStatus(program.id, ['open'], 'archived')).toBe(true);
    try {
      expect((await store.listEndedUncheckedSessions(NOW, since, 1000)).map((e) => e.session.pairId)).not.toContain(pair.id);
      expect((await store.listPairsNeedingNudge(new Date(NOW.getTime() + days(30)), DEFAULTS)).map((p) => p.pairId)).not.toContain(pair.id);
    } finally {
      await store.setProgramStatus(program.id, ['archived'], 'open');
    }
  });
});
