// The sign-up use cases through the core facade, on a real store (PGlite or Postgres).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../src/core/context.js';
import { createTandem } from '../../src/core/create-tandem.js';
import type { Form, FormValues, Outcome } from '../../src/core/messages.js';
import type { Tandem, Actor } from '../../src/core/tandem.js';
import { plain } from '../../src/core/text.js';
import { composeNotification } from '../../src/core/use-cases/compose-notification.js';
import { resumeExpiredPauses } from '../../src/core/use-cases/pause-enrollment.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { testClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let testDb: TestDatabase;
let store: DrizzleStore;
let core: Tandem;
let deps: CoreDeps;
const clock = testClock('2026-11-25T09:00:00Z');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
let fetches = 0;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  store = DrizzleStore.from(testDb.database);
  deps = {
    store,
    clock,
    logger: silent,
    settings: { admins: ['boss@example.com'], defaultLocale: 'en', defaultTimeZone: 'Europe/Paris', profileTtlMs: 7 * 86_400_000, publicUrl: 'http://127.0.0.1:3978' },
  };
  core = createTandem(deps);
});
afterAll(async () => testDb?.dispose());

function actor(userId: string, profile: { name: string; email?: string; locale?: string; timeZone?: string }): Actor {
  return {
    identity: { platform: 'slack', tenantId: 'T1', userId },
    fetchProfile: async () => {
      fetches++;
      return { name: profile.name, email: profile.email ?? null, locale: profile.locale ?? 'en-US', timeZone: profile.timeZone ?? 'Europe/Paris' };
    },
  };
}

const text = (outcome: Outcome): string => {
  const json = outcome.kind === 'message' || outcome.kind === 'form_done' ? JSON.stringify(outcome.message.blocks) : JSON.stringify(outcome);
  return plain(json.replace(/\\u000[23]/g, ''));
};

function formOf(outcome: Outcome): Form {
  expect(outcome.kind).toBe('form');
  return (outcome as Extract<Outcome, { kind: 'form' }>).form;
}

const goodMentor: FormValues = {
  'topic.genai-assistants': '5',
  'topic.cybersecurity': '3',
  teachBack: ['strategy', 'career'],
  languages: ['fr', 'en'],
  timeZone: 'Europe/Paris',
  availability: ['tue-pm', 'mon-am'],
  capacity: '2',
  department: 'Data & IA',
  managerEmail: 'Chef@Example.com',
  bio: 'Data scientist, <b>ravie</b> de partager.',
  charter: 'true',
};

const boss = actor('UBOSS', { name: 'Béatrice', email: 'boss@example.com', locale: 'fr-FR' });
const mentor = actor('UMENTOR', { name: 'Léa', email: 'lea@example.com', locale: 'fr-FR' });
const mentee = actor('UMENTEE', { name: 'Paul', email: 'paul@example.com', locale: 'en-GB', timeZone: 'America/New_York' });

describe('sign-up through the core', () => {
  it('answers help in the person’s language, and explains unknown commands with the help', async () => {
    expect(text(await core.handleCommand(boss, 'help'))).toContain('mentorat inversé');
    const unknown = text(await core.handleCommand(mentee, 'dance'));
    expect(unknown).toContain('I don’t know the command “dance”');
    expect(unknown).toContain('/tandem join mentee');
    expect(text(await core.handleCommand(mentee, ''))).toContain('Here is what I can do');
    expect(text(await core.handleCommand(mentee, 'x'.repeat(10_000)))).toContain('too long (10,000 characters)');
  });

  it('caches the platform profile instead of fetching it on every request', async () => {
    const before = fetches;
    await core.handleCommand(mentee, 'help');
    await core.handleCommand(mentee, 'me');
    expect(fetches).toBe(before);
    clock.advance(8 * 86_400_000);
    await core.handleCommand(mentee, 'help');
    expect(fetches).toBe(before + 1);
    clock.set('2026-11-25T09:00:00Z');
  });

  it('opens a form with a level per topic, and rejects bad input field by field, storing nothing', async () => {
    const form = formOf(await core.handleCommand(mentor, 'rejoindre mentor'));
    expect(form.title).toBe('Devenir mentor');
    expect(form.fields.filter((f) => f.id.startsWith('topic.')).length).toBeGreaterThanOrEqual(10);
    const bad = await core.submitForm(mentor, form.id, form.state, {
      ...goodMentor,
      'topic.genai-assistants': undefined,
      'topic.cybersecurity': undefined,
      capacity: '4',
      charter: undefined,
      bio: 'x'.repeat(501),
      department: 'IT\u0007',
      managerEmail: 'not-an-email',
    });
    expect(bad.kind).toBe('form_errors');
    const errors = (bad as Extract<Outcome, { kind: 'form_errors' }>).errors;
    expect(Object.keys(errors).sort()).toEqual(['bio', 'capacity', 'charter', 'department', 'managerEmail', 'topic.genai-assistants']);
    expect(errors.capacity).toBe('Choisissez un nombre entier entre 1 et 3.');
    expect(plain(errors.bio!)).toBe('Pas plus de 500 caractères, s’il vous plaît (vous en avez écrit 501).');
    const program = (await store.findOpenProgram())!;
    expect(await store.listEnrollments(program.id)).toHaveLength(0);
  });

  it('a mentor starts pending; admins get a DM to approve; the mentor is told the outcome', async () => {
    await core.handleCommand(boss, 'help'); // the admin from TANDEM_ADMINS says hello once
    const form = formOf(await core.handleCommand(mentor, 'rejoindre mentor'));
    const done = await core.submitForm(mentor, form.id, form.state, goodMentor);
    expect(done.kind).toBe('form_done');
    expect(text(done)).toContain('Merci, Léa !');
    const program = (await store.findOpenProgram())!;
    const [enrollment] = await store.listEnrollments(program.id, { role: 'mentor' });
    expect(enrollment).toMatchObject({ status: 'pending', capacity: 2, availability: ['mon-am', 'tue-pm'], managerEmail: 'chef@example.com' });

    const bossPerson = (await store.findPerson(boss.identity))!;
    const [pending] = await store.listNotifications({ recipientId: bossPerson.id });
    expect(pending!.kind).toBe('mentor.pending');
    const dm = await composeNotification(deps, pending!, bossPerson);
    expect(plain(dm!.text)).toBe('*Léa* se propose comme mentor dans Tandem.');
    const buttons = dm!.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    expect(buttons.map((b) => b.action)).toEqual(['mentor.approve', 'mentor.decline']);

    // Someone who is not an admin cannot approve.
    expect(text(await core.handleAction(mentee, 'mentor.approve', enrollment!.id))).toContain('Only the program admins');
    const approved = await core.handleAction(boss, 'mentor.approve', enrollment!.id);
    expect(approved).toMatchObject({ kind: 'message', replaceSource: true });
    expect(text(approved)).toContain('Vous avez validé *Léa*');
    // A second click (another admin, a retry) changes nothing.
    expect(text(await core.handleAction(boss, 'mentor.decline', enrollment!.id))).toContain('a déjà été validée');
    expect((await store.getEnrollment(enrollment!.id))!.status).toBe('approved');

    const mentorPerson = (await store.findPerson(mentor.identity))!;
    const [decided] = await store.listNotifications({ recipientId: mentorPerson.id });
    const told = await composeNotification(deps, decided!, mentorPerson);
    expect(plain(told!.text)).toContain('Bonne nouvelle, Léa !');
    // The DM to the admin no longer applies once the mentor is decided.
    expect(await composeNotification(deps, pending!, bossPerson)).toBeNull();
  });

  it('admins can decide with a mention or an email, and list who is pending', async () => {
    const other = actor('UOTHER', { name: 'Zoé', email: 'zoe@example.com' });
    const form = formOf(await core.handleCommand(other, 'join mentor'));
    await core.submitForm(other, form.id, form.state, { ...goodMentor, managerEmail: '' });
    expect(text(await core.handleCommand(boss, 'admin en-attente'))).toContain('Zoé');
    expect(text(await core.handleCommand(mentee, 'admin pending'))).toContain('Only the program admins');
    expect(text(await core.handleCommand(boss, 'admin refuser zoe@example.com'))).toContain('Candidature de mentor refusée pour *Zoé*');
    expect(text(await core.handleCommand(boss, 'admin approve <@UOTHER>'))).toContain('a déjà été refusée');
    expect(text(await core.handleCommand(boss, 'admin approve <@UNOBODY>'))).toContain('Je ne connais pas encore');
    // A declined mentor cannot simply apply again.
    expect(text(await core.handleCommand(other, 'join mentor'))).toContain('hasn’t selected');
  });

  it('a mentee is active at once; me shows status and profile; profile edits keep the status', async () => {
    const form = formOf(await core.handleAction(mentee, 'join', 'mentee'));
    expect(form.title).toBe('Find a mentor');
    const done = await core.submitForm(mentee, form.id, form.state, {
      'topic.linkedin-branding': '3',
      languages: 'en',
      timeZone: 'America/New_York',
      availability: ['wed-pm'],
      charter: 'true',
    });
    expect(text(done)).toContain('Welcome, Paul!');
    const me = text(await core.handleCommand(mentee, 'me'));
    expect(me).toContain('Mentee');
    expect(me).toContain('active');
    expect(me).toContain('Not paired yet');
    const edit = formOf(await core.handleCommand(mentee, 'profile'));
    expect(edit.title).toBe('Edit my profile');
    expect(edit.fields.find((f) => f.id === 'topic.linkedin-branding')).toMatchObject({ initial: ['3'] });
    const saved = await core.submitForm(mentee, edit.id, edit.state, { 'topic.linkedin-branding': '2', languages: ['en'], timeZone: 'America/New_York', availability: ['wed-pm'], charter: 'true' });
    expect(text(saved)).toContain('Your profile is saved.');
  });

  it('pause until a date, in the person’s time zone; resume; automatic return that day', async () => {
    expect(text(await core.handleCommand(mentee, 'pause until 2026-11-25'))).toContain('not in the future');
    expect(text(await core.handleCommand(mentee, 'pause until 2028-01-01'))).toContain('a year at most');
    expect(text(await core.handleCommand(mentee, 'pause until 2026-12-15'))).toContain('Tuesday 15 December 2026');
    expect(text(await core.handleCommand(mentee, 'me'))).toContain('paused until Tuesday 15 December 2026');
    expect(text(await core.handleCommand(mentee, 'resume'))).toContain('Welcome back!');
    expect(text(await core.handleCommand(mentee, 'resume'))).toContain('You are not paused.');

    await core.handleCommand(mentee, 'pause until 2026-12-15');
    // 05:00 UTC on the 15th is still the 14th in New York: not yet.
    clock.set('2026-12-15T04:00:00Z');
    expect(await resumeExpiredPauses(deps)).toBe(0);
    clock.set('2026-12-15T06:00:00Z');
    expect(await resumeExpiredPauses(deps)).toBe(1);
    const program = (await store.findOpenProgram())!;
    const paul = (await store.findPerson(mentee.identity))!;
    expect((await store.findEnrollment(program.id, paul.id, 'mentee'))!.status).toBe('approved');
    clock.set('2026-11-25T09:00:00Z');
  });

  it('leave asks for confirmation, then withdraws', async () => {
    const ask = await core.handleCommand(mentee, 'leave');
    expect(text(ask)).toContain('Do you really want to leave');
    expect(text(await core.handleAction(mentee, 'leave.keep', 'x'))).toContain('you stay');
    const left = await core.handleAction(mentee, 'leave.confirm', 'x');
    expect(left).toMatchObject({ replaceSource: true });
    expect(text(left)).toContain('You have left');
    expect(text(await core.handleCommand(mentee, 'me'))).toContain('not taking part');
    expect(text(await core.handleCommand(mentee, 'leave'))).toContain('nothing to leave');
  });

  it('re-opens a form whose Slack trigger expired, from the button carrying its id and state', async () => {
    const form = formOf(await core.handleCommand(mentee, 'join mentee'));
    const again = formOf(await core.handleAction(mentee, 'form.open', JSON.stringify({ id: form.id, state: form.state })));
    expect(again.title).toBe('Find a mentor');
    expect(formOf(await core.handleAction(mentee, 'form.open', JSON.stringify({ id: 'pause', state: '{}' }))).id).toBe('pause');
    expect(text(await core.handleAction(mentee, 'form.open', 'garbage'))).toContain('expired');
  });

  it('keeps personal answers out of shared conversations (a Teams channel or group chat)', async () => {
    const inChannel = { ...mentee, conversation: 'shared' as const };
    expect(text(await core.handleCommand(inChannel, 'join mentee'))).toContain('open a private chat with Tandem');
    expect(text(await core.handleCommand(inChannel, 'me'))).toContain('open a private chat with Tandem');
    expect(text(await core.handleCommand(inChannel, 'help'))).toContain('Tandem — reverse mentoring');
  });

  it('closes a cancelled form with a short note', async () => {
    expect(await core.handleAction(mentee, 'form.cancel')).toMatchObject({ kind: 'message', replaceSource: true });
  });

  it('stale or forged buttons and form states get a polite answer, not a crash', async () => {
    expect(text(await core.handleAction(mentee, 'mentor.approve', 'not-a-uuid'))).toMatch(/admins|expired/);
    expect(text(await core.handleAction(mentee, 'does.not.exist'))).toContain('expired');
    expect(text(await core.submitForm(mentee, 'enrollment', '{not json', {}))).toContain('expired');
  });
});
