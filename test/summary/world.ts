// A seeded program for summary tests: people, enrollments, pairs, sessions and feedback written
// straight into the tables, kept in memory too so tests compute the expected figures themselves.
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/store/database.js';
import type { DrizzleStore } from '../../src/store/drizzle-store.js';
import { enrollments, feedback, pairs, people, programs, sessions } from '../../src/store/schema.js';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/core/program-defaults.js';
import type { EnrollmentStatus } from '../../src/core/types.js';

export const TOPICS = ['genai-assistants', 'cybersecurity', 'linkedin-branding', 'collaboration-suites', 'personal-data'];

export interface WorldEnrollment {
  id: string;
  personId: string;
  name: string;
  role: 'mentor' | 'mentee';
  status: EnrollmentStatus;
  topics: string[];
}
export interface WorldPair {
  id: string;
  mentor: WorldEnrollment;
  mentee: WorldEnrollment;
  status: 'active' | 'closed' | 'ended';
  createdAt: Date;
}
export interface WorldSession {
  id: string;
  pairId: string;
  topic: string | null;
  startsAt: Date;
  durationMinutes: number;
  status: 'scheduled' | 'held' | 'missed' | 'cancelled';
  createdAt: Date;
}
export interface WorldFeedback {
  pairId: string;
  sessionId: string | null;
  personId: string;
  kind: 'session' | 'adoption';
  usefulness: number | null;
  adopted: boolean | null;
  learned: string | null;
}

export interface World {
  programId: string;
  enrollments: WorldEnrollment[];
  pairs: WorldPair[];
  sessions: WorldSession[];
  feedback: WorldFeedback[];
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A new program (closed to sign-up, so the seeded open one stays the one people join) with its own workspace people. */
export async function createProgram(db: Db, name: string): Promise<string> {
  const [open] = await db.select({ organizationId: programs.organizationId }).from(programs).limit(1);
  const [row] = await db
    .insert(programs)
    .values({ organizationId: open!.organizationId, slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 6)}`, name, status: 'closed', settings: DEFAULT_PROGRAM_SETTINGS })
    .returning({ id: programs.id });
  return row!.id;
}

export async function addPerson(store: DrizzleStore, name: string, platform: 'slack' | 'teams' = 'slack', tenantId = 'T0TANDEM'): Promise<string> {
  const person = await store.savePerson({
    platform,
    tenantId,
    userId: `U${randomUUID().slice(0, 8).toUpperCase()}`,
    name,
    email: null,
    locale: 'en',
    timeZone: 'Europe/Paris',
    profileFetchedAt: new Date(),
  });
  return person.id;
}

/**
 * A program of a realistic mix: statuses of every kind, pairs active, closed and ended, sessions held,
 * missed, scheduled (past and future) and cancelled over twelve weeks, feedback from some people only.
 */
export async function seedWorld(db: Db, store: DrizzleStore, programId: string, now: Date, seed = 7): Promise<World> {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const world: World = { programId, enrollments: [], pairs: [], sessions: [], feedback: [] };
  const statuses: Record<'mentor' | 'mentee', EnrollmentStatus[]> = {
    mentor: [...Array<EnrollmentStatus>(20).fill('approved'), ...Array<EnrollmentStatus>(4).fill('pending'), 'paused', 'paused', 'paused', 'withdrawn', 'withdrawn', 'withdrawn', 'declined', 'declined'],
    mentee: [...Array<EnrollmentStatus>(26).fill('approved'), 'paused', 'paused', 'paused', 'paused', 'withdrawn', 'withdrawn', 'withdrawn'],
  };
  for (const role of ['mentor', 'mentee'] as const) {
    for (const [index, status] of statuses[role].entries()) {
      const name = `${role === 'mentor' ? 'Mentor' : 'Mentee'} Zed${index} Quartz`;
      const personId = await addPerson(store, name);
      const topics = TOPICS.filter(() => rand() < 0.45);
      if (topics.length === 0) topics.push(pick(TOPICS));
      const [row] = await db
        .insert(enrollments)
        .values({
          programId,
          personId,
          role,
          status,
          topics: topics.map((topic) => ({ topic, level: 2 })),
          teachBack: [],
          languages: ['fr'],
          capacity: 1,
        })
        .returning({ id: enrollments.id });
      world.enrollments.push({ id: row!.id, personId, name, role, status, topics });
    }
  }
  const mentors = world.enrollments.filter((e) => e.role === 'mentor' && e.status === 'approved');
  const mentees = world.enrollments.filter((e) => e.role === 'mentee' && e.status !== 'withdrawn');
  const day = 86_400_000;
  for (let i = 0; i < 18; i++) {
    const status = i < 14 ? 'active' : i < 16 ? 'closed' : 'ended';
    const createdAt = new Date(now.getTime() - (20 + Math.floor(rand() * 70)) * day);
    const [row] = await db
      .insert(pairs)
      .values({ programId, mentorEnrollmentId: mentors[i]!.id, menteeEnrollmentId: mentees[i]!.id, status, createdAt })
      .returning({ id: pairs.id });
    world.pairs.push({ id: row!.id, mentor: mentors[i]!, mentee: mentees[i]!, status, createdAt });
  }
  for (const pair of world.pairs) {
    // Pairs 10–13 go quiet: their last session long ago, nothing planned.
    const quiet = world.pairs.indexOf(pair) >= 10 && pair.status === 'active';
    const count = quiet ? 1 : 2 + Math.floor(rand() * 8);
    for (let s = 0; s < count; s++) {
      const offsetDays = quiet ? -(30 + Math.floor(rand() * 20)) : Math.floor(rand() * 100) - 80;
      const startsAt = new Date(now.getTime() + offsetDays * day + Math.floor(rand() * 10) * 3_600_000);
      const past = startsAt.getTime() < now.getTime();
      const status: WorldSession['status'] = past ? pick(['held', 'held', 'held', 'missed', 'cancelled', 'scheduled'] as const) : pair.status === 'active' ? pick(['scheduled', 'scheduled', 'cancelled'] as const) : 'cancelled';
      const createdAt = new Date(Math.min(startsAt.getTime() - 5 * day, now.getTime() - day));
      const topic = rand() < 0.9 ? pick(TOPICS) : null;
      const [row] = await db
        .insert(sessions)
        .values({ pairId: pair.id, topic, startsAt, durationMinutes: 60, status, calendarToken: randomUUID(), createdAt })
        .returning({ id: sessions.id });
      const session: WorldSession = { id: row!.id, pairId: pair.id, topic, startsAt, durationMinutes: 60, status, createdAt };
      world.sessions.push(session);
      if (status === 'held' || status === 'missed') {
        for (const person of [pair.mentor, pair.mentee]) {
          if (rand() < 0.4) continue;
          const usefulness = status === 'held' && rand() < 0.9 ? 1 + Math.floor(rand() * 5) : null;
          world.feedback.push({ pairId: pair.id, sessionId: session.id, personId: person.personId, kind: 'session', usefulness, adopted: null, learned: `secret-learning-${person.name}` });
        }
      }
    }
    if (rand() < 0.7) {
      const adopted = rand() < 0.6;
      world.feedback.push({ pairId: pair.id, sessionId: null, personId: pair.mentee.personId, kind: 'adoption', usefulness: null, adopted, learned: null });
    }
  }
  for (const answer of world.feedback) {
    await db.insert(feedback).values({
      pairId: answer.pairId,
      sessionId: answer.sessionId,
      personId: answer.personId,
      kind: answer.kind,
      usefulness: answer.usefulness,
      adopted: answer.adopted,
      learned: answer.learned,
      happened: answer.kind === 'session' ? answer.usefulness !== null : null,
    });
  }
  return world;
}

/** The Monday (YYYY-MM-DD) of the week an instant falls in, in a time zone. */
export function mondayOf(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at).setZone(timeZone).startOf('week').toISODate()!;
}

export { people };
