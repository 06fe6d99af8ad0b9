// `my-data` through the core facade on a real store: the person's own data, all of it, and nobody else's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../src/core/context.js';
import { createTandem } from '../../src/core/create-tandem.js';
import type { Outcome } from '../../src/core/messages.js';
import type { Actor, Tandem } from '../../src/core/tandem.js';
import { plain } from '../../src/core/text.js';
import type { Person } from '../../src/core/types.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { testClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { seedSubjectData, seededTexts, type Seeded } from './privacy-world.js';

let testDb: TestDatabase;
let store: DrizzleStore;
let core: Tandem;
// 23:30 in UTC is already the next day in Paris: the file is named after the person's day.
const clock = testClock('2026-11-25T23:30:00Z');
const silent = { debug() {}, info() {}, warn() {}, error() {} };

function actor(userId: string, profile: { name: string; email: string; locale: string }): Actor {
  return {
    identity: { platform: 'teams', tenantId: 'tenant-1', userId },
    conversation: 'private',
    fetchProfile: async () => ({ name: profile.name, email: profile.email, locale: profile.locale, timeZone: 'Europe/Paris' }),
  };
}

const SUBJECT = actor('aad-mona', { name: 'Mona Lindqvist', email: 'mona.lindqvist@example.com', locale: 'en-GB' });
const PARTNER = actor('aad-pierre', { name: 'Pierre Partenaire', email: 'pierre.partenaire@example.com', locale: 'fr-FR' });
const FORMER = actor('aad-ines', { name: 'Inès Ancienne', email: 'ines.ancienne@example.com', locale: 'fr-FR' });
const ADMIN = actor('aad-admin', { name: 'Ada Admin', email: 'admin@example.com', locale: 'en-GB' });
const COLLEAGUE = actor('aad-colin', { name: 'Colin Collègue', email: 'colin.collegue@example.com', locale: 'fr-FR' });

let subject: Person;
let partner: Person;
let former: Person;
let admin: Person;
let colleague: Person;
let seeded: Seeded;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  store = DrizzleStore.from(testDb.database);
  const deps: CoreDeps = {
    store,
    clock,
    logger: silent,
    settings: { admins: ['admin@example.com'], defaultLocale: 'en', defaultTimeZone: 'Europe/Paris', profileTtlMs: 7 * 86_400_000, publicUrl: 'http://127.0.0.1:3978' },
  };
  core = createTandem(deps);
  subject = await core.resolvePerson(SUBJECT);
  partner = await core.resolvePerson(PARTNER);
  former = await core.resolvePerson(FORMER);
  admin = await core.resolvePerson(ADMIN);
  colleague = await core.resolvePerson(COLLEAGUE);
  seeded = await seedSubjectData(store, testDb.database, { subject, partner, former, admin, colleague }, clock.now());
  await store.updatePerson(subject.id, { managerId: admin.id });
});
afterAll(async () => testDb?.dispose());

function fileOf(outcome: Outcome) {
  expect(outcome.kind).toBe('file');
  return (outcome as Extract<Outcome, { kind: 'file' }>).file;
}

type Json = Record<string, unknown> & { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('my-data', () => {
  let file: ReturnType<typeof fileOf>;
  let doc: Json;

  beforeAll(async () => {
    const outcome = await core.handleCommand(SUBJECT, 'my-data');
    file = fileOf(outcome);
    doc = JSON.parse(file.content) as Json;
    expect(plain((outcome as Extract<Outcome, { kind: 'file' }>).message.text)).toContain('Here is everything Tandem stores about you, in a JSON file');
  });

  it('is a pretty-printed JSON file named after the person’s day', () => {
    expect(file.filename).toBe('tandem-my-data-2026-11-26.json');
    expect(file.contentType).toBe('application/json; charset=utf-8');
    expect(file.content).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(Object.keys(doc)).toEqual([
      'about',
      'generatedAt',
      'person',
      'programRoles',
      'enrollments',
      'pairs',
      'sessions',
      'feedback',
      'messagesToYou',
      'teamsConversation',
      'auditLog',
      'exclusions',
      'summariesRequested',
      'filesRequested',
    ]);
    expect(doc.generatedAt).toBe('2026-11-25T23:30:00.000Z');
  });

  it('holds their identity and profile, with the manager by name', () => {
    expect(doc.person).toMatchObject({
      id: subject.id,
      platform: 'teams',
      workspace: 'tenant-1',
      userId: 'aad-mona',
      name: 'Mona Lindqvist',
      email: 'mona.lindqvist@example.com',
      locale: 'en',
      timeZone: 'Europe/Paris',
      department: 'Treasury',
      manager: 'Ada Admin',
    });
    expect(doc.programRoles).toEqual([{ program: 'Tandem', role: 'manager', grantedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
  });

  it('holds every field of both sign-ups', () => {
    expect(doc.enrollments).toHaveLength(2);
    const mentee = doc.enrollments.find((e: Json) => e.role === 'mentee');
    expect(mentee).toMatchObject({
      id: seeded.menteeEnrollment.id,
      program: 'Tandem',
      status: 'approved',
      topics: [{ topic: 'genai-assistants', level: 3 }],
      teachBack: ['strategy', 'negotiation'],
      languages: ['fr', 'en'],
      capacity: 1,
      availability: ['mon-am', 'thu-pm'],
      bio: seededTexts(subject).bio,
      department: 'Treasury',
      managerEmail: 'big.boss@example.com',
      charterAcceptedAt: '2026-10-01T09:00:00.000Z',
    });
  });

  it('names partners, and nothing more about them', () => {
    expect(doc.pairs.map((p: Json) => [p.partner, p.status, p.yourRole])).toEqual([
      ['Inès Ancienne', 'closed', 'mentee'],
      ['Pierre Partenaire', 'active', 'mentee'],
    ]);
    expect(doc.sessions).toHaveLength(3);
    for (const secret of [partner.email!, partner.userId, partner.id, former.email!, former.id, 'Twenty years in IT.']) {
      expect(file.content, secret).not.toContain(secret);
    }
  });

  it('holds their feedback answers, not their partners’', () => {
    const texts = seededTexts(subject);
    expect(doc.feedback).toHaveLength(3);
    expect(doc.feedback.map((f: Json) => f.learned)).toContain(texts.ownLearned);
    expect(doc.feedback.find((f: Json) => f.learned === texts.ownLearned)).toMatchObject({ usefulness: 4, ease: 5, nextStep: texts.ownNextStep, happened: true });
    expect(file.content).not.toContain(texts.partnerLearned);
    expect(file.content).not.toContain('Share my prompt library');
    expect(file.content).not.toContain(texts.formerLearned);
  });

  it('holds the messages sent to them, not those sent to others about them', () => {
    const kinds = doc.messagesToYou.map((n: Json) => n.kind);
    expect(kinds).toEqual(['pair.intro', 'session.reminder']);
    expect(doc.messagesToYou[0]).toMatchObject({ status: 'sent', payload: { greeting: 'Welcome Mona Lindqvist', pairId: seeded.activePairId } });
    expect(Object.keys(doc.messagesToYou[0].payload)).toEqual(['greeting', 'pairId']);
  });

  it('explains the Teams conversation reference is technical', () => {
    expect(doc.teamsConversation.note).toContain('Technical data');
    expect(doc.teamsConversation.reference.user.aadObjectId).toBe('aad-mona');
  });

  it('lists audit entries about them without naming who acted, and exclusions without the other person', () => {
    expect(doc.auditLog.map((a: Json) => [a.action, a.by])).toEqual([
      ['enrollment.submitted', 'you'],
      ['mentor.reviewed', 'someone_else'],
    ]);
    expect(file.content).not.toContain(admin.id);
    expect(doc.exclusions).toEqual([{ program: 'Tandem', declaredAt: expect.any(String), note: expect.stringContaining('not named') }]);
    expect(file.content).not.toContain(colleague.id);
    expect(file.content).not.toContain('Colin');
    expect(doc.summariesRequested).toEqual([{ program: 'Tandem', kind: 'request', createdAt: expect.any(String) }]);
    expect(doc.filesRequested).toEqual([{ filename: 'tandem-my-data-2026-11-20.json', createdAt: expect.any(String), expiresAt: expect.any(String) }]);
  });

  it('gives the same file twice (stable order) and answers in French to `mes données`', async () => {
    expect(fileOf(await core.handleCommand(SUBJECT, 'my-data')).content).toBe(file.content);
    const french = await core.handleCommand(PARTNER, 'mes données');
    expect(plain((french as Extract<Outcome, { kind: 'file' }>).message.text)).toContain('Voici tout ce que Tandem conserve à votre sujet');
    const frenchDoc = JSON.parse(fileOf(french).content) as Json;
    expect(frenchDoc.about).toContain('Tout ce que Tandem conservait à votre sujet le 2026-11-25');
    expect(frenchDoc.pairs.map((p: Json) => p.partner)).toEqual(['Mona Lindqvist']);
    expect(frenchDoc.feedback).toHaveLength(1);
    expect(JSON.stringify(frenchDoc)).not.toContain(seededTexts(subject).ownLearned);
  });

  it('is refused in a shared conversation', async () => {
    const shared = await core.handleCommand({ ...SUBJECT, conversation: 'shared' }, 'my-data');
    expect(shared.kind).toBe('message');
    expect(JSON.stringify(shared)).toContain('open a private chat with Tandem');
  });

  it('shows an erased partner as a former participant, in the reader’s language', async () => {
    await store.erasePerson(former.id, clock.now());
    const english = JSON.parse(fileOf(await core.handleCommand(SUBJECT, 'my-data')).content) as Json;
    expect(english.pairs.map((p: Json) => p.partner)).toEqual(['Former participant', 'Pierre Partenaire']);
    const mine = JSON.parse(fileOf(await core.handleCommand(FORMER, 'mes-donnees')).content) as Json;
    // The old identity is a fresh person now: nothing of the erased one comes back.
    expect(mine.person.id).not.toBe(former.id);
    expect(mine.enrollments).toEqual([]);
    expect(mine.pairs).toEqual([]);
  });
});
