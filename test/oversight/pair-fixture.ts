// A program seeded straight through the store (people, enrollments, pairs, sessions at chosen dates),
// with the core on top: the pair-oversight tests drive it as an admin would.
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { CoreDeps } from '../../src/core/context.js';
import { createTandem } from '../../src/core/create-tandem.js';
import type { Button, Outcome } from '../../src/core/messages.js';
import type { PairRecord, SessionRecord } from '../../src/core/ports.js';
import type { Actor, Tandem } from '../../src/core/tandem.js';
import { plain } from '../../src/core/text.js';
import type { Enrollment, EnrollmentRole, Locale, Person, Program, TopicChoice } from '../../src/core/types.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { testClock, type TestClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

export const silent = { debug() {}, info() {}, warn() {}, error() {} };
export const DAY = 24 * 60 * 60 * 1000;

export interface PairFixture {
  testDb: TestDatabase;
  store: DrizzleStore;
  deps: CoreDeps;
  core: Tandem;
  clock: TestClock;
  program: Program;
  admin: Actor;
  adminPerson: Person;
  person(userId: string, name: string, options?: { locale?: Locale; timeZone?: string; managerId?: string; email?: string }): Promise<Person>;
  enroll(person: Person, role: EnrollmentRole, topics: TopicChoice[], options?: Partial<Pick<Enrollment, 'capacity' | 'languages' | 'status' | 'department' | 'pausedUntil'>>): Promise<Enrollment>;
  pair(mentor: Enrollment, mentee: Enrollment, createdAt: Date, status?: 'active' | 'closed' | 'ended'): Promise<PairRecord>;
  session(pair: PairRecord, startsAt: Date, status: SessionRecord['status'], createdAt?: Date): Promise<SessionRecord>;
  dispose(): Promise<void>;
}

export const actorOf = (person: Pick<Person, 'userId' | 'name'>, locale: Locale = 'en'): Actor => ({
  identity: { platform: 'slack', tenantId: 'T1', userId: person.userId },
  fetchProfile: async () => ({ name: person.name, email: `${person.userId.toLowerCase()}@example.com`, locale, timeZone: 'Europe/Paris' }),
});

export async function pairFixture(start = '2026-11-25T10:00:00Z'): Promise<PairFixture> {
  const testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  const store = DrizzleStore.from(testDb.database);
  const clock = testClock(start);
  const deps: CoreDeps = {
    store,
    clock,
    logger: silent,
    settings: { admins: ['UADMIN'], defaultLocale: 'en', defaultTimeZone: 'Europe/Paris', profileTtlMs: 86_400_000, publicUrl: 'http://127.0.0.1:3978' },
  };
  const core = createTandem(deps);
  const admin = actorOf({ userId: 'UADMIN', name: 'Ada' });
  const adminPerson = await core.resolvePerson(admin);
  const program = (await store.findOpenProgram())!;
  const db = testDb.database.db;

  return {
    testDb,
    store,
    deps,
    core,
    clock,
    program,
    admin,
    adminPerson,
    async person(userId, name, options = {}) {
      const saved = await store.savePerson({
        platform: 'slack',
        tenantId: 'T1',
        userId,
        name,
        email: options.email ?? `${userId.toLowerCase()}@example.com`,
        locale: options.locale ?? 'en',
        timeZone: options.timeZone ?? 'Europe/Paris',
        profileFetchedAt: clock.now(),
      });
      if (options.managerId) await store.updatePerson(saved.id, { managerId: options.managerId });
      return (await store.getPerson(saved.id))!;
    },
    async enroll(person, role, topics, options = {}) {
      const enrollment = await store.saveEnrollment({
        programId: program.id,
        personId: person.id,
        role,
        status: options.status ?? 'approved',
        topics,
        teachBack: [],
        languages: options.languages ?? ['en', 'fr'],
        capacity: options.capacity ?? 1,
        availability: ['mon-am'],
        bio: '',
        department: options.department ?? null,
        managerEmail: null,
        charterAcceptedAt: clock.now(),
        approvedAt: clock.now(),
      });
      if (options.pausedUntil) return store.updateEnrollment(enrollment.id, { status: 'paused', pausedUntil: options.pausedUntil });
      return enrollment;
    },
    async pair(mentor, mentee, createdAt, status = 'active') {
      const [created] = await store.insertPairs([
        { programId: program.id, roundId: null, mentorEnrollmentId: mentor.id, menteeEnrollmentId: mentee.id, score: 10, reasons: [], plan: program.settings.defaultPlan },
      ]);
      await db.execute(sql`UPDATE pairs SET created_at = ${createdAt.toISOString()}, status = ${status} WHERE id = ${created!.id}`);
      return (await store.getPair(created!.id))!;
    },
    async session(pair, startsAt, status, createdAt) {
      const session = await store.createSession({ pairId: pair.id, topic: null, startsAt, durationMinutes: 60, createdBy: pair.menteePersonId });
      await db.execute(sql`UPDATE sessions SET status = ${status}, created_at = ${(createdAt ?? clock.now()).toISOString()} WHERE id = ${session.id}`);
      return { ...session, status };
    },
    dispose: () => testDb.dispose(),
  };
}

/** What a person would read: every block's text, untrusted marks removed. */
export function shown(outcome: Outcome): string {
  if (outcome.kind === 'message' || outcome.kind === 'form_done' || outcome.kind === 'file') {
    return plain(outcome.message.blocks.map((b) => ('text' in b ? b.text : b.type === 'fields' ? b.fields.map((f) => `${f.label}: ${f.value}`).join('\n') : '')).join('\n'));
  }
  return plain(JSON.stringify(outcome));
}

export function buttons(outcome: Outcome): Button[] {
  expect(outcome.kind).toBe('message');
  const blocks = outcome.kind === 'message' ? outcome.message.blocks : [];
  return blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
}

export function button(outcome: Outcome, action: string, index = 0): Button {
  const found = buttons(outcome).filter((b) => b.action === action)[index];
  expect(found, `button ${action}`).toBeDefined();
  return found!;
}
