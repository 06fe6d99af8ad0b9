// Pairs built straight in the store, with their history dated by hand (tests of the engagement pieces).
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/store/database.js';
import type { DrizzleStore } from '../../src/store/drizzle-store.js';
import type { Locale, Person, Platform, Program } from '../../src/core/types.js';
import type { PairRecord, SessionRecord } from '../../src/core/ports.js';

let counter = 0;

export interface PersonSpec {
  name: string;
  locale?: Locale;
  timeZone?: string;
  platform?: Platform;
}

export async function makePerson(store: DrizzleStore, spec: PersonSpec): Promise<Person> {
  counter += 1;
  return store.savePerson({
    platform: spec.platform ?? 'slack',
    tenantId: 'T1',
    userId: `U${counter}${spec.name.replace(/\W/g, '').toUpperCase()}`,
    name: spec.name,
    email: `${spec.name.toLowerCase().replace(/\W/g, '')}${counter}@example.com`,
    locale: spec.locale ?? 'en',
    timeZone: spec.timeZone ?? 'Europe/Paris',
    profileFetchedAt: new Date(),
  });
}

async function enroll(store: DrizzleStore, program: Program, person: Person, role: 'mentor' | 'mentee') {
  return store.saveEnrollment({
    programId: program.id,
    personId: person.id,
    role,
    status: 'approved',
    topics: [{ topic: 'cybersecurity', level: 3 }],
    teachBack: [],
    languages: ['en', 'fr'],
    capacity: 1,
    availability: [],
    bio: '',
    department: null,
    managerEmail: null,
    charterAcceptedAt: new Date(),
    approvedAt: new Date(),
  });
}

export interface TestPair {
  pair: PairRecord;
  mentor: Person;
  mentee: Person;
}

/** An active pair created at `createdAt` (database time otherwise). */
export async function makePair(
  store: DrizzleStore,
  database: Database,
  program: Program,
  options: { mentor: PersonSpec; mentee: PersonSpec; createdAt: Date; sessionCount?: number; modules?: string[] },
): Promise<TestPair> {
  const mentor = await makePerson(store, options.mentor);
  const mentee = await makePerson(store, options.mentee);
  const [mentorEnrollment, menteeEnrollment] = [await enroll(store, program, mentor, 'mentor'), await enroll(store, program, mentee, 'mentee')];
  const admin = mentor;
  const round = await store.saveRoundPreview(program.id, admin.id, { pairs: [], unmatched: [], totalScore: 0, stats: {} } as never);
  const [pair] = await store.insertPairs([
    {
      programId: program.id,
      roundId: round.id,
      mentorEnrollmentId: mentorEnrollment.id,
      menteeEnrollmentId: menteeEnrollment.id,
      score: 1,
      reasons: [],
      plan: { modules: options.modules ?? ['cybersecurity'], cadence: 'biweekly', durationMinutes: 60, sessionCount: options.sessionCount ?? 3 },
    },
  ]);
  await database.db.execute(sql`UPDATE pairs SET created_at = ${options.createdAt.toISOString()}::timestamptz WHERE id = ${pair!.id}`);
  return { pair: (await store.getPair(pair!.id))!, mentor, mentee };
}

/** A session created (scheduled) at `scheduledAt`, starting at `startsAt`. */
export async function makeSession(
  store: DrizzleStore,
  database: Database,
  pair: PairRecord,
  options: { startsAt: Date; scheduledAt: Date; durationMinutes?: number; topic?: string | null; by?: string },
): Promise<SessionRecord> {
  const session = await store.createSession({
    pairId: pair.id,
    topic: options.topic === undefined ? 'cybersecurity' : options.topic,
    startsAt: options.startsAt,
    durationMinutes: options.durationMinutes ?? 60,
    createdBy: options.by ?? pair.menteePersonId,
  });
  await database.db.execute(sql`UPDATE sessions SET created_at = ${options.scheduledAt.toISOString()}::timestamptz WHERE id = ${session.id}`);
  return session;
}

export const days = (n: number) => n * 86_400_000;
