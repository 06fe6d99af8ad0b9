// A program with two pairs, built through the core on a real store: Mona (mentor, English, capacity 2)
// with Eve (mentee, English, Paris) and with Élodie (mentee, French, Montréal).
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { CoreDeps } from '../../src/core/context.js';
import { createTandem } from '../../src/core/create-tandem.js';
import type { Block, Button, Form, Outcome } from '../../src/core/messages.js';
import type { PairRecord } from '../../src/core/ports.js';
import type { Actor, Tandem } from '../../src/core/tandem.js';
import { plain } from '../../src/core/text.js';
import type { EnrollmentRole, Locale, Person } from '../../src/core/types.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { testClock, type TestClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

export const silent = { debug() {}, info() {}, warn() {}, error() {} };

export function actor(userId: string, name: string, locale: Locale, timeZone: string): Actor {
  return {
    identity: { platform: 'slack', tenantId: 'T1', userId },
    fetchProfile: async () => ({ name, email: `${userId.toLowerCase()}@example.com`, locale, timeZone }),
  };
}

export const ADMIN = actor('UADMIN', 'Ada', 'en', 'Europe/Paris');
export const MONA = actor('UMONA', 'Mona Martin', 'en', 'Europe/Paris');
export const EVE = actor('UEVE', 'Eve Evans', 'en', 'Europe/Paris');
export const ELODIE = actor('UELODIE', 'Élodie Durand', 'fr', 'America/Montreal');

export interface CoreWorld {
  testDb: TestDatabase;
  store: DrizzleStore;
  deps: CoreDeps;
  core: Tandem;
  clock: TestClock;
  person(who: Actor): Promise<Person>;
  /** The active pair of a mentee. */
  pairOf(mentee: Actor): Promise<PairRecord>;
  close(): Promise<void>;
}

export async function startCoreWorld(start = '2026-11-25T09:00:00Z'): Promise<CoreWorld> {
  const clock = testClock(start);
  const testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  const store = DrizzleStore.from(testDb.database);
  const deps: CoreDeps = {
    store,
    clock,
    logger: silent,
    settings: { admins: ['UADMIN'], defaultLocale: 'en', defaultTimeZone: 'Europe/Paris', profileTtlMs: 86_400_000, publicUrl: 'https://tandem.example.test' },
  };
  const core = createTandem(deps);
  await core.handleCommand(ADMIN, 'help');
  const program = (await store.findOpenProgram())!;
  await testDb.database.db.execute(sql`UPDATE programs SET settings = jsonb_set(settings, '{approvalRequired}', 'false') WHERE id = ${program.id}`);

  const join = async (who: Actor, role: EnrollmentRole, topics: Record<string, string>, timeZone: string, extra: Record<string, string | string[]> = {}) => {
    const outcome = await core.handleCommand(who, role === 'mentor' ? 'join mentor' : 'join mentee');
    const form = (outcome as { form: Form }).form;
    const done = await core.submitForm(who, form.id, form.state, {
      ...Object.fromEntries(Object.entries(topics).map(([slug, level]) => [`topic.${slug}`, level])),
      languages: ['fr', 'en'],
      timeZone,
      availability: ['mon-am', 'tue-pm'],
      capacity: '1',
      charter: 'true',
      ...extra,
    });
    expect(done.kind).toBe('form_done');
  };
  await join(MONA, 'mentor', { cybersecurity: '5', 'genai-assistants': '5', 'personal-data': '4' }, 'Europe/Paris', { capacity: '2' });
  await join(EVE, 'mentee', { cybersecurity: '3', 'personal-data': '2' }, 'Europe/Paris');
  await join(ELODIE, 'mentee', { 'genai-assistants': '3' }, 'America/Montreal');
  const preview = await core.handleCommand(ADMIN, 'admin pair');
  const roundId = buttons(preview).find((b) => b.action === 'round.confirm')!.value!;
  expect(text(await core.handleAction(ADMIN, 'round.confirm', roundId))).toContain('Round confirmed');

  const person = async (who: Actor) => (await store.findPerson(who.identity))!;
  return {
    testDb,
    store,
    deps,
    core,
    clock,
    person,
    async pairOf(mentee) {
      const id = (await person(mentee)).id;
      const pair = (await store.listPairs(program.id)).find((p) => p.menteePersonId === id && p.status === 'active');
      expect(pair, 'the mentee is paired').toBeDefined();
      return pair!;
    },
    close: () => testDb.dispose(),
  };
}

export function blocksOf(outcome: Outcome): Block[] {
  if (outcome.kind === 'message' || outcome.kind === 'form_done') return outcome.message.blocks;
  return [];
}

/** Everything an outcome shows, marks of untrusted values removed. */
export function text(outcome: Outcome): string {
  if (outcome.kind === 'form_errors') return plain(Object.values(outcome.errors).join('\n'));
  if (outcome.kind === 'form') return unmarked(outcome.form);
  return unmarked(blocksOf(outcome));
}

/** JSON of blocks with the untrusted marks removed (JSON escapes them, so `plain` alone would not). */
export function unmarked(value: unknown): string {
  return plain(JSON.stringify(value ?? null).replace(/\\u000[23]/g, ''));
}

export function buttons(outcome: Outcome | Block[]): Button[] {
  const blocks = Array.isArray(outcome) ? outcome : blocksOf(outcome);
  return blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
}

export function formOf(outcome: Outcome): Form {
  expect(outcome.kind, text(outcome)).toBe('form');
  return (outcome as { form: Form }).form;
}
