// Erasure through the core facade on a real store (PGlite, or Postgres with TEST_DATABASE_URL): after
// `forget-me`, no text column of any table holds the person's name, email or platform id; aggregates keep
// their counts; the partner is told once, without reasons; the old identity starts afresh.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../src/core/context.js';
import { createTandem } from '../../src/core/create-tandem.js';
import type { Outcome } from '../../src/core/messages.js';
import type { Notification } from '../../src/core/ports.js';
import type { Actor, Tandem } from '../../src/core/tandem.js';
import { plain } from '../../src/core/text.js';
import type { Person } from '../../src/core/types.js';
import { composeNotification } from '../../src/core/use-cases/compose-notification.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { auditLog, enrollments, exports, feedback, notifications, pairs, programRoles, sessions, teamsConversationRefs } from '../../src/store/schema.js';
import { seedDatabase } from '../../src/store/seed.js';
import { testClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { aggregates, findPersonalData, personRow, seedSubjectData, seededTexts, type Seeded } from './privacy-world.js';

let testDb: TestDatabase;
let store: DrizzleStore;
let core: Tandem;
let deps: CoreDeps;
const clock = testClock('2026-11-25T10:00:00Z');
const silent = { debug() {}, info() {}, warn() {}, error() {} };

function actor(userId: string, profile: { name: string; email: string; locale: string }): Actor {
  return {
    identity: { platform: 'slack', tenantId: 'T1', userId },
    fetchProfile: async () => ({ name: profile.name, email: profile.email, locale: profile.locale, timeZone: 'Europe/Paris' }),
  };
}

const SUBJECT = actor('U0ZELIE42', { name: 'Zélie Quarrington', email: 'zelie.quarrington@example.com', locale: 'fr-FR' });
const PARTNER = actor('U0PARTNER', { name: 'Bruno Partner', email: 'bruno@example.com', locale: 'en-GB' });
const FORMER = actor('U0FORMER', { name: 'Fanny Former', email: 'fanny@example.com', locale: 'fr-FR' });
const ADMIN = actor('U0ADMIN', { name: 'Alex Admin', email: 'admin@example.com', locale: 'en-GB' });
const COLLEAGUE = actor('U0COLLEAGUE', { name: 'Colin Colleague', email: 'colin@example.com', locale: 'en-GB' });
// A namesake: same full name, another person. Their data must survive the subject's erasure.
const NAMESAKE = actor('U0NAMESAKE', { name: 'Zélie Quarrington', email: 'zelie.q2@example.com', locale: 'fr-FR' });

const text = (outcome: Outcome): string => {
  const message = outcome.kind === 'message' || outcome.kind === 'form_done' || outcome.kind === 'file' ? outcome.message : null;
  return plain(message ? message.blocks.map((b) => ('text' in b ? b.text : '')).join('\n') : JSON.stringify(outcome));
};
const buttons = (outcome: Outcome) =>
  outcome.kind === 'message' ? outcome.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])) : [];

let subject: Person;
let partner: Person;
let former: Person;
let admin: Person;
let colleague: Person;
let namesake: Person;
let seeded: Seeded;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  store = DrizzleStore.from(testDb.database);
  deps = {
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
  namesake = await core.resolvePerson(NAMESAKE);
  await store.updatePerson(namesake.id, { department: 'Legal' });
  seeded = await seedSubjectData(store, testDb.database, { subject, partner, former, admin, colleague }, clock.now());
});
afterAll(async () => testDb?.dispose());

describe('forget-me through the core', () => {
  const needles = () => [subject.name, subject.email!, subject.userId];

  it('finds the seeded personal data first (the check can fail)', async () => {
    const found = await findPersonalData(testDb.database, needles());
    const where = new Set(found.map((f) => `${f.table}.${f.column}`));
    for (const column of [
      'people.name',
      'people.email',
      'people.user_id',
      'enrollments.bio',
      'enrollments.manager_email',
      'feedback.learned',
      'notifications.payload',
      'notifications.last_error',
      'audit_log.details',
      'teams_conversation_refs.reference',
      'channel_refs.reference',
      'exports.content',
    ]) {
      expect(where, column).toContain(column);
    }
  });

  it('asks for confirmation with two buttons, in the person’s language; Keep changes nothing', async () => {
    const asked = await core.handleCommand(SUBJECT, 'oublie-moi');
    expect(text(asked)).toContain('Effacer tout ce que Tandem sait de vous ?');
    expect(buttons(asked).map((b) => [b.action, b.label])).toEqual([
      ['forget.confirm', 'Tout effacer'],
      ['forget.keep', 'Conserver mes données'],
    ]);
    expect(buttons(asked)[0]!.value).toBe(subject.id);
    const kept = await core.handleAction(SUBJECT, 'forget.keep');
    expect(text(kept)).toContain('Rien n’a été effacé');
    expect((await personRow(testDb.database, subject.id)).erasedAt).toBeNull();
  });

  it('is refused in a shared conversation, like every personal command', async () => {
    for (const command of ['forget-me', 'oublie-moi', 'my-data', 'mes données']) {
      const shared = await core.handleCommand({ ...SUBJECT, conversation: 'shared' }, command);
      expect(shared.kind, command).toBe('message');
      expect(buttons(shared), command).toEqual([]);
      expect(text(shared), command).toContain('ouvrez une conversation privée avec Tandem');
    }
  });

  it('erases everything in one go: no name, email or platform id left in any text column; aggregates unchanged', async () => {
    const before = await aggregates(testDb.database);
    const namesakeBefore = await personRow(testDb.database, namesake.id);
    const done = await core.handleAction(SUBJECT, 'forget.confirm', subject.id);
    expect(done.kind === 'message' && done.replaceSource).toBe(true);
    expect(text(done)).toContain('C’est fait : Tandem a effacé vos données personnelles.');
    expect(text(done)).toContain('Votre partenaire a été prévenu(e)');

    const left = (await findPersonalData(testDb.database, needles())).filter(
      // The namesake's own row keeps their name (it is theirs); nothing else may match.
      (f) => !(f.table === 'people' && f.column === 'name' && f.needle === subject.name && f.rows === 1),
    );
    expect(left).toEqual([]);
    expect(await personRow(testDb.database, namesake.id)).toMatchObject({ name: namesakeBefore.name, email: namesakeBefore.email, department: 'Legal' });

    expect(await aggregates(testDb.database)).toEqual(before);
  });

  it('anonymizes the person row and leaves ids in place', async () => {
    const row = await personRow(testDb.database, subject.id);
    expect(row).toMatchObject({ name: 'Former participant', email: null, department: null, managerId: null, timeZoneChosen: false });
    expect(row.userId).toMatch(/^erased-[0-9a-f-]{36}$/);
    expect(row.erasedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(row.profileFetchedAt.getTime()).toBe(0);
    expect((await personRow(testDb.database, colleague.id)).managerId).toBeNull();
  });

  it('withdraws the sign-ups and clears what they wrote, keeping topics for the statistics', async () => {
    const rows = await testDb.database.db.select().from(enrollments).where(eq(enrollments.personId, subject.id));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'withdrawn', bio: '', teachBack: [], department: null, managerEmail: null });
      expect(row.topics.length).toBeGreaterThan(0);
    }
    const colleagueEnrollment = await store.findEnrollment(seeded.program.id, colleague.id, 'mentee');
    expect(colleagueEnrollment?.managerEmail).toBeNull();
    expect(await testDb.database.db.select().from(programRoles).where(eq(programRoles.personId, subject.id))).toEqual([]);
  });

  it('ends the active pair only, cancels its future session, keeps held sessions and numeric feedback', async () => {
    const [active] = await testDb.database.db.select().from(pairs).where(eq(pairs.id, seeded.activePairId));
    const [closed] = await testDb.database.db.select().from(pairs).where(eq(pairs.id, seeded.closedPairId));
    expect(active).toMatchObject({ status: 'ended' });
    expect(active!.closedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(closed!.status).toBe('closed');
    const [future] = await testDb.database.db.select().from(sessions).where(eq(sessions.id, seeded.futureSessionId));
    const [held] = await testDb.database.db.select().from(sessions).where(eq(sessions.id, seeded.heldSessionId));
    expect(future).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(held!.status).toBe('held');

    const own = await testDb.database.db.select().from(feedback).where(eq(feedback.personId, subject.id));
    expect(own).toHaveLength(3);
    for (const row of own) expect([row.learned, row.nextStep]).toEqual([null, null]);
    expect(own.map((r) => r.usefulness).sort()).toEqual([3, 4, null]);
    // The partners' comments keep their substance; only the name is gone.
    const theirs = await testDb.database.db.select().from(feedback).where(eq(feedback.personId, partner.id));
    expect(theirs[0]!.learned).toBe('[…] asked sharp questions about prompts');
    const formers = await testDb.database.db.select().from(feedback).where(eq(feedback.personId, former.id));
    expect(formers[0]!.learned).toBe('Working with […] was a pleasure');
  });

  it('cancels what was still to go out to or about them; scrubs payloads but keeps unrelated rows intact', async () => {
    const rows = await testDb.database.db.select().from(notifications);
    const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
    expect(byKey.get(`seed:reminder:${seeded.futureSessionId}:s`)?.status).toBe('cancelled');
    expect(byKey.get(`seed:reminder:${seeded.futureSessionId}:p`)?.status).toBe('cancelled');
    expect(byKey.get(`seed:pending:${seeded.mentorEnrollment.id}`)?.status).toBe('cancelled');
    expect(byKey.get(`seed:intro:${seeded.activePairId}`)).toMatchObject({ status: 'sent', payload: { pairId: seeded.activePairId, greeting: 'Welcome […]' } });
    expect(byKey.get(seeded.keys.digest)?.payload).toEqual({ quote: '[…]', contact: '[…]', lines: ['[…] signed up'] });
    expect(byKey.get(seeded.keys.digest)?.lastError).toBe('user_not_found: […]');
    expect(byKey.get(seeded.keys.unrelated)).toMatchObject({ status: 'pending', payload: { enrollmentId: 'unrelated', note: 'nothing about the subject' } });
    expect(seededTexts(subject).ownNextStep.length).toBeGreaterThan(8);
  });

  it('deletes their conversation reference and every export that held their data, not the others', async () => {
    expect(await testDb.database.db.select().from(teamsConversationRefs).where(eq(teamsConversationRefs.personId, subject.id))).toEqual([]);
    const left = await testDb.database.db.select({ token: exports.token }).from(exports);
    expect(left.map((r) => r.token)).toEqual([seeded.keys.unrelatedExport]);
  });

  it('audits the erasure with ids only; older audit rows keep their ids, scrubbed of the name', async () => {
    const rows = await testDb.database.db.select().from(auditLog).where(eq(auditLog.action, 'person.erased'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: subject.id, targetType: 'person', targetId: subject.id, details: { by: 'self', pairsEnded: 1 } });
    const [reviewed] = await testDb.database.db.select().from(auditLog).where(eq(auditLog.action, 'mentor.reviewed'));
    expect(reviewed).toMatchObject({ actorId: admin.id, targetId: seeded.mentorEnrollment.id, details: { mentor: '[…]', email: '[…]' } });
  });

  it('tells the partner once that the pair ended, in their language, with neither the name nor a reason', async () => {
    const told = await testDb.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'pair.ended'), eq(notifications.recipientId, partner.id)));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ status: 'pending', payload: { pairId: seeded.activePairId, leaverId: subject.id } });
    const composed = await composeNotification(deps, told[0] as unknown as Notification, (await store.getPerson(partner.id))!);
    const said = plain(composed!.text);
    expect(said).toBe(
      'Hello Bruno Partner, your mentee has left Tandem, so your pair in Tandem has ended. Thank you for the sessions you shared. You’ll be considered for the next pairing round.',
    );
    expect(said).not.toContain('Zélie');
    // The former mentor of the closed pair is not told anything.
    expect(await testDb.database.db.select().from(notifications).where(eq(notifications.recipientId, former.id))).toEqual([]);
  });

  it('answers a second click politely, and the old identity starts afresh as a new person', async () => {
    const again = await core.handleAction(SUBJECT, 'forget.confirm', subject.id);
    expect(text(again)).toBe('Vos données ont déjà été effacées : il n’y a plus rien à effacer. Merci d’avoir participé à Tandem.');
    const fresh = await core.resolvePerson(SUBJECT);
    expect(fresh.id).not.toBe(subject.id);
    expect(fresh).toMatchObject({ name: 'Zélie Quarrington', email: 'zelie.quarrington@example.com', userId: 'U0ZELIE42' });
    const me = await core.handleCommand(SUBJECT, 'moi');
    expect(text(me)).not.toContain('Mentoré');
    // The erasure counted once.
    const [count] = testDb.database.rows<{ n: string | number }>(
      await testDb.database.db.execute(sql`SELECT count(*) AS n FROM audit_log WHERE action = 'person.erased'`),
    );
    expect(Number(count!.n)).toBe(1);
  });
});

describe('admin forget', () => {
  const LEAVER = actor('U0LEAVER', { name: 'Lionel Leaver', email: 'lionel.leaver@example.com', locale: 'en-GB' });

  it('refuses non-admins, explains the usage, and says when no one is known', async () => {
    expect(text(await core.handleCommand(PARTNER, 'admin forget lionel.leaver@example.com'))).toBe('Only the program admins can do that.');
    expect(text(await core.handleAction(PARTNER, 'forget.admin.confirm', partner.id))).toBe('Only the program admins can do that.');
    expect(text(await core.handleCommand(ADMIN, 'admin forget'))).toContain('admin forget @person');
    expect(text(await core.handleCommand(ADMIN, 'admin forget nobody@example.com'))).toContain('I don’t know nobody@example.com yet');
  });

  it('confirms with the person’s name and email, erases them, audits without name or email', async () => {
    const leaver = await core.resolvePerson(LEAVER);
    const program = (await store.findOpenProgram())!;
    await store.saveEnrollment({
      programId: program.id,
      personId: leaver.id,
      role: 'mentor',
      status: 'approved',
      charterAcceptedAt: clock.now(),
      approvedAt: clock.now(),
      topics: [{ topic: 'genai-assistants', level: 5 }],
      teachBack: [],
      languages: ['en'],
      capacity: 1,
      availability: [],
      bio: 'Lionel Leaver, leaving at the end of the month',
      department: 'Sales',
      managerEmail: null,
    });

    const asked = await core.handleCommand(ADMIN, 'admin forget <@U0LEAVER>');
    expect(text(asked)).toContain('Erase everything Tandem stores about *Lionel Leaver* (lionel.leaver@example.com, Slack)?');
    const confirm = buttons(asked).find((b) => b.action === 'forget.admin.confirm')!;
    expect(confirm.value).toBe(leaver.id);
    expect(text(await core.handleAction(ADMIN, 'forget.admin.keep'))).toBe('Cancelled: nothing was erased.');

    const done = await core.handleAction(ADMIN, 'forget.admin.confirm', confirm.value);
    expect(text(done)).toContain('Done: that person’s personal data has been erased. Pairs ended: 0');
    const audit = await testDb.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'person.erased'), eq(auditLog.targetId, leaver.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, details: { by: 'admin', pairsEnded: 0 } });
    expect(await findPersonalData(testDb.database, ['Lionel Leaver', 'lionel.leaver@example.com', 'U0LEAVER'])).toEqual([]);

    expect(text(await core.handleAction(ADMIN, 'forget.admin.confirm', confirm.value))).toBe(
      'That person’s data has already been erased: there is nothing left to erase.',
    );
    // The erased person cannot be found any more by their old mention or email.
    expect(text(await core.handleCommand(ADMIN, 'admin forget lionel.leaver@example.com'))).toContain('I don’t know lionel.leaver@example.com yet');
  });
});
