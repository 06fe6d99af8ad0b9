// Summary figures of a seeded program, checked against numbers this test computes from what it seeded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { chartWeeks, publicFigures, type SummaryFigures } from '../../src/core/summary/figures.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { addPerson, createProgram, mondayOf, seedWorld, type World } from './world.js';
import { enrollments, feedback, pairs, sessions } from '../../src/store/schema.js';
import { randomUUID } from 'node:crypto';

const NOW = new Date('2026-11-25T09:00:00Z');
const ZONE = 'Europe/Paris';
const AT_RISK_DAYS = 21;
let testDb: TestDatabase;
let store: DrizzleStore;
let world: World;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: ZONE }));
  store = DrizzleStore.from(testDb.database);
  const programId = await createProgram(testDb.database.db, 'Seeded');
  world = await seedWorld(testDb.database.db, store, programId, NOW);
}, 60_000);
afterAll(async () => testDb?.dispose());

async function figuresOf(programId: string): Promise<SummaryFigures> {
  const weeks = chartWeeks(mondayOf(NOW, ZONE), 8);
  const data = await store.summaryData(programId, { now: NOW, timeZone: ZONE, chartFrom: weeks[0]!, atRiskDays: AT_RISK_DAYS });
  return publicFigures(data, NOW, weeks);
}

const count = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length;
const distinct = <T>(items: T[], key: (item: T) => string) => new Set(items.map(key)).size;

describe('summary figures', () => {
  it('match what was seeded, figure by figure', async () => {
    const figures = await figuresOf(world.programId);
    const { enrollments: people, pairs: allPairs, sessions: all, feedback: answers } = world;

    for (const role of ['mentor', 'mentee'] as const) {
      const mine = people.filter((e) => e.role === role && e.status !== 'declined');
      const expected = (['approved', 'pending', 'paused', 'withdrawn'] as const)
        .map((status) => ({ statuses: [status], count: count(mine, (e) => e.status === status) }))
        .filter((bucket) => bucket.count > 0);
      expect(figures[role === 'mentor' ? 'mentors' : 'mentees']).toEqual({ total: mine.length, buckets: expected });
    }

    expect(figures.pairs.active).toBe(count(allPairs, (p) => p.status === 'active'));
    expect(figures.pairs.closed).toBe(count(allPairs, (p) => p.status === 'closed'));
    expect(figures.pairs.ended).toBe(count(allPairs, (p) => p.status === 'ended'));
    expect(figures.sessions).toEqual({
      held: count(all, (s) => s.status === 'held'),
      scheduled: count(all, (s) => s.status === 'scheduled'),
      missed: count(all, (s) => s.status === 'missed'),
    });

    // At risk: active, nothing scheduled ahead, last activity at least 21 days ago.
    const cutoff = NOW.getTime() - AT_RISK_DAYS * 86_400_000;
    const atRisk = allPairs.filter((pair) => {
      if (pair.status !== 'active') return false;
      const mine = all.filter((s) => s.pairId === pair.id);
      if (mine.some((s) => s.status === 'scheduled' && s.startsAt.getTime() > NOW.getTime())) return false;
      const ends = mine.filter((s) => s.status === 'held' || s.status === 'missed').map((s) => s.startsAt.getTime() + s.durationMinutes * 60_000);
      const last = Math.max(pair.createdAt.getTime(), ...ends, ...mine.map((s) => s.createdAt.getTime()));
      return last <= cutoff;
    });
    expect(atRisk.length).toBeGreaterThan(0);
    expect(figures.pairs.atRisk).toBe(atRisk.length);

    const held = new Set(all.filter((s) => s.status === 'held').map((s) => s.id));
    const onHeld = answers.filter((a) => a.kind === 'session' && a.sessionId !== null && held.has(a.sessionId));
    expect(distinct(onHeld, (a) => a.personId)).toBeGreaterThanOrEqual(3);
    expect(figures.responseRate).toBeCloseTo(onHeld.length / (held.size * 2), 10);

    const rated = answers.filter((a) => a.kind === 'session' && a.usefulness !== null);
    expect(figures.usefulness).toBeCloseTo(rated.reduce((sum, a) => sum + a.usefulness!, 0) / rated.length, 10);

    const adoption = answers.filter((a) => a.kind === 'adoption' && a.adopted !== null);
    expect(figures.adoptionRate).toBeCloseTo(count(adoption, (a) => a.adopted === true) / adoption.length, 10);

    const byTopic = new Map<string, { sessions: number; mentees: Set<string> }>();
    for (const session of all.filter((s) => s.status === 'held' && s.topic)) {
      const entry = byTopic.get(session.topic!) ?? { sessions: 0, mentees: new Set() };
      entry.sessions += 1;
      entry.mentees.add(allPairs.find((p) => p.id === session.pairId)!.mentee.id);
      byTopic.set(session.topic!, entry);
    }
    const top = [...byTopic.entries()]
      .filter(([, entry]) => entry.mentees.size >= 3)
      .sort(([a, x], [b, y]) => y.sessions - x.sessions || a.localeCompare(b))
      .slice(0, 3)
      .map(([topic, entry]) => ({ topic, count: entry.sessions }));
    expect(figures.topics).toEqual({ basis: 'sessions', items: top });

    // The chart: held sessions per week (Monday first, Paris time) over the last 8 weeks, this one included.
    const thisMonday = DateTime.fromJSDate(NOW).setZone(ZONE).startOf('week');
    const expectedWeeks = Array.from({ length: 8 }, (_, i) => thisMonday.minus({ weeks: 7 - i }).toISODate()!);
    const perWeek = expectedWeeks.map((week) => ({
      week,
      held: count(all, (s) => s.status === 'held' && s.startsAt <= NOW && mondayOf(s.startsAt, ZONE) === week),
    }));
    expect(figures.weekly).toEqual(perWeek);
    expect(perWeek.some((w) => w.held > 0)).toBe(true);
  });

  it('withholds feedback figures drawn from 2 people, and shows them from 3', async () => {
    const db = testDb.database.db;
    const programId = await createProgram(db, 'Tiny');
    const people = await Promise.all(['A', 'B', 'C', 'D', 'E', 'F'].map((n) => addPerson(store, `Tiny ${n}`)));
    const enrollment = async (personId: string, role: 'mentor' | 'mentee') =>
      (await db.insert(enrollments).values({ programId, personId, role, status: 'approved', topics: [], teachBack: [], languages: ['fr'] }).returning({ id: enrollments.id }))[0]!.id;
    const pairIds: string[] = [];
    const sessionIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [pair] = await db
        .insert(pairs)
        .values({ programId, mentorEnrollmentId: await enrollment(people[i]!, 'mentor'), menteeEnrollmentId: await enrollment(people[i + 3]!, 'mentee') })
        .returning({ id: pairs.id });
      pairIds.push(pair!.id);
      const [session] = await db
        .insert(sessions)
        .values({ pairId: pair!.id, topic: 'cybersecurity', startsAt: new Date(NOW.getTime() - 86_400_000), durationMinutes: 60, status: 'held', calendarToken: randomUUID() })
        .returning({ id: sessions.id });
      sessionIds.push(session!.id);
    }
    const answer = (i: number) =>
      db.insert(feedback).values([
        { pairId: pairIds[i]!, sessionId: sessionIds[i]!, personId: people[i + 3]!, kind: 'session', happened: true, usefulness: 5 - i },
        { pairId: pairIds[i]!, personId: people[i + 3]!, kind: 'adoption', adopted: i !== 1 },
      ]);
    await answer(0);
    await answer(1);
    const two = await figuresOf(programId);
    expect(two.responseRate).toBeNull();
    expect(two.usefulness).toBeNull();
    expect(two.adoptionRate).toBeNull();
    // Topics are drawn from sessions, not answers: 3 mentees held cybersecurity sessions.
    expect(two.topics).toEqual({ basis: 'sessions', items: [{ topic: 'cybersecurity', count: 3 }] });

    await answer(2);
    const three = await figuresOf(programId);
    expect(three.responseRate).toBeCloseTo(3 / 6, 10);
    expect(three.usefulness).toBeCloseTo((5 + 4 + 3) / 3, 10);
    expect(three.adoptionRate).toBeCloseTo(2 / 3, 10);
    expect(three.topics).toEqual({ basis: 'sessions', items: [{ topic: 'cybersecurity', count: 3 }] });
    // 3 mentors and 3 mentees, all approved: shown as they are.
    expect(three.mentors).toEqual({ total: 3, buckets: [{ statuses: ['approved'], count: 3 }] });
  });
});
