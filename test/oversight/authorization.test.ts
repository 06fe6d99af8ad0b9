// The authorization matrix: every command of the grammar, typed by a participant, a manager and an admin,
// on Slack (signed requests to /slack/events, fake Web API) and on Teams (activities to /api/messages,
// fake Bot Connector), through the real app and store. Allowed: an answer that is not a refusal.
// Refused: the polite refusal, in the person's language, and nothing changed in the store.
//
// ADDING A COMMAND: add one line to MATRIX below. The first test fails while a verb of
// `COMMAND_VERBS` (src/core/grammar.ts) has no row here; an admin action that changes something names
// the audit action it writes (`audited`), and the matrix checks the row appears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_VERBS, parseCommand } from '../../src/core/grammar.js';
import { t as translate, trusted, type MessageKey } from '../../src/core/i18n/index.js';
import { plain } from '../../src/core/text.js';
import type { Locale } from '../../src/core/types.js';
import type { DrizzleStore } from '../../src/store/drizzle-store.js';
import type { FakeSlackUser } from '../fakes/slack-api.js';
import type { RecordedActivity } from '../fakes/bot-connector.js';
import { testClock, type TestClock } from '../support/clock.js';
import { allMrkdwn, dayAfter, shown, startSlackWorld, type SlackWorld } from '../integration/slack-helpers.js';
import { cardText, startTeamsWorld, TeamsUserDriver, type TeamsWorld } from '../integration/teams-helpers.js';

type Role = 'participant' | 'manager' | 'admin';
const EVERYONE: Role[] = ['participant', 'manager', 'admin'];
const MANAGERS: Role[] = ['manager', 'admin'];
const ADMINS: Role[] = ['admin'];

interface Row {
  /** What is typed. `{bystander}`, `{candidate1}`, `{candidate2}` become emails; `{in30days}` a date. */
  command: string;
  allowed: Role[];
  /** The refusal the others see, when it is not `error.forbidden`. */
  refusal?: MessageKey;
  /** When the admin runs it, this audit action is written. */
  audited?: string;
}

/** One line per command; rows run in this order, each by the participant, then the manager, then the admin. */
const MATRIX: Row[] = [
  { command: 'help', allowed: EVERYONE },
  { command: 'me', allowed: EVERYONE },
  { command: 'join mentee', allowed: EVERYONE },
  { command: 'profile', allowed: EVERYONE },
  { command: 'pause until {in30days}', allowed: EVERYONE },
  { command: 'resume', allowed: EVERYONE },
  { command: 'leave', allowed: EVERYONE },
  { command: 'plan', allowed: EVERYONE },
  { command: 'schedule', allowed: EVERYONE },
  { command: 'sessions', allowed: EVERYONE },
  { command: 'my-data', allowed: EVERYONE },
  { command: 'forget-me', allowed: EVERYONE },
  { command: 'feedback', allowed: EVERYONE },
  { command: 'summary', allowed: MANAGERS, refusal: 'summary.refused' },
  { command: 'summary weekly', allowed: MANAGERS, refusal: 'summary.refused' },
  { command: 'admin pending', allowed: ADMINS },
  { command: 'admin approve {candidate1}', allowed: ADMINS, audited: 'mentor.approved' },
  { command: 'admin decline {candidate2}', allowed: ADMINS, audited: 'mentor.declined' },
  { command: 'admin pair', allowed: ADMINS, audited: 'round.previewed' },
  { command: 'admin at-risk', allowed: ADMINS },
  { command: 'admin failed', allowed: ADMINS },
  { command: 'admin export', allowed: ADMINS, audited: 'program.exported' },
  { command: 'admin end {bystander}', allowed: ADMINS },
  { command: 'admin rematch {bystander}', allowed: ADMINS },
  { command: 'admin forget {bystander}', allowed: ADMINS },
  { command: 'admin program', allowed: ADMINS },
  { command: 'admin program close', allowed: ADMINS, audited: 'program.closed' },
  { command: 'admin program open', allowed: ADMINS, audited: 'program.reopened' },
  { command: 'admin program archive', allowed: ADMINS },
  { command: 'admin program create Next year', allowed: ADMINS },
  { command: 'admin settings', allowed: ADMINS },
  { command: 'admin roles', allowed: ADMINS },
  { command: 'admin role add manager {bystander}', allowed: ADMINS, audited: 'role.granted' },
  { command: 'admin role remove manager {bystander}', allowed: ADMINS, audited: 'role.revoked' },
];

/** Buttons only admins may click (the value is filled in per world). */
const ADMIN_ACTIONS: { action: string; value: 'program' | 'candidate' | 'none' }[] = [
  { action: 'program.show', value: 'none' },
  { action: 'program.close', value: 'program' },
  { action: 'program.open', value: 'program' },
  { action: 'program.archive', value: 'program' },
  { action: 'program.archive.confirm', value: 'program' },
  { action: 'settings.show', value: 'program' },
  { action: 'settings.edit', value: 'program' },
  { action: 'roles.show', value: 'none' },
  { action: 'mentor.approve', value: 'candidate' },
  { action: 'pending.decline', value: 'candidate' },
];

const LOCALES: Record<Role, Locale> = { participant: 'en', manager: 'fr', admin: 'en' };

describe('the matrix itself', () => {
  it('has a row for every verb of the grammar, and every row parses', () => {
    const covered = new Set<string>();
    for (const row of MATRIX) {
      const parsed = parseCommand(fill(row.command, { bystander: 'b@example.com', candidate1: 'c1@example.com', candidate2: 'c2@example.com', in30days: '2030-01-01' }));
      expect('verb' in parsed, `"${row.command}" parses to a command: ${JSON.stringify(parsed)}`).toBe(true);
      if ('verb' in parsed) covered.add(parsed.verb);
    }
    const missing = COMMAND_VERBS.filter((verb) => !covered.has(verb));
    expect(missing, 'add a MATRIX row in test/oversight/authorization.test.ts for each of these verbs').toEqual([]);
  });
});

function fill(command: string, values: Record<string, string>): string {
  return command.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function refusalText(locale: Locale, key: MessageKey, prefix: string): string {
  return plain(translate(locale, key, { prefix: trusted(prefix) }));
}

/** A platform under test: people who type commands and click buttons, and the store behind. */
interface World {
  store: DrizzleStore;
  clock: TestClock;
  prefix: string;
  emails: Record<string, string>;
  /** Types a command as this person; returns everything shown to them in answer, as plain-ish text. */
  send(who: Role, text: string): Promise<string>;
  click(who: Role, action: string, value?: string): Promise<string>;
  close(): Promise<void>;
}

/** Everything that must not move when a command is refused. */
async function snapshot(store: DrizzleStore): Promise<string> {
  const programs = await store.listPrograms();
  const state: Record<string, unknown> = { programs, audit: (await store.listAuditEntries()).length, notifications: (await store.listNotifications()).length };
  for (const program of programs) {
    state[program.id] = {
      admins: (await store.listRoleHolders(program.id, 'admin')).map((p) => p.id),
      managers: (await store.listRoleHolders(program.id, 'manager')).map((p) => p.id),
      enrollments: (await store.listEnrollments(program.id)).map((e) => [e.id, e.status, e.pausedUntil]),
      pairs: (await store.listPairs(program.id)).map((p) => [p.id, p.status]),
    };
  }
  return JSON.stringify(state);
}

/** People enrolled directly in the store: the participant (an active mentee) and two mentor candidates. */
async function seedPeople(world: World, ids: Record<'participant' | 'manager' | 'candidate1' | 'candidate2', string>): Promise<void> {
  const { store, clock } = world;
  const program = (await store.findCurrentProgram())!;
  const details = {
    topics: [{ topic: 'cybersecurity', level: 2 }],
    teachBack: [],
    languages: ['en' as const],
    capacity: 1,
    availability: ['mon-am'],
    bio: '',
    department: null,
    managerEmail: null,
    charterAcceptedAt: clock.now(),
  };
  await store.saveEnrollment({ ...details, programId: program.id, personId: ids.participant, role: 'mentee', status: 'approved', approvedAt: clock.now() });
  for (const candidate of [ids.candidate1, ids.candidate2]) {
    await store.saveEnrollment({ ...details, programId: program.id, personId: candidate, role: 'mentor', status: 'pending', approvedAt: null });
  }
  await store.grantRole(program.id, ids.manager, 'manager');
}

function runMatrix(name: string, start: () => Promise<World>): void {
  describe(`on ${name}`, () => {
    let world: World;
    beforeAll(async () => {
      world = await start();
    });
    afterAll(async () => world?.close());

    const values = () => ({ ...world.emails, in30days: dayAfter(world.clock, 30) });

    for (const row of MATRIX) {
      it(`${row.command}: ${row.allowed.join(', ')} only`, async () => {
        for (const role of EVERYONE) {
          const command = fill(row.command, values());
          const refusal = refusalText(LOCALES[role], row.refusal ?? 'error.forbidden', world.prefix);
          const audited = row.audited ? (await world.store.listAuditEntries({ action: row.audited })).length : 0;
          const before = await snapshot(world.store);
          const answer = await world.send(role, command);
          expect(answer, `${role} on ${name}: ${command}`).not.toContain(refusalText(LOCALES[role], 'error.internal', world.prefix));
          if (row.allowed.includes(role)) {
            expect(answer, `${role} may ${command}`).not.toContain(refusal);
            expect(answer.trim(), `${role} got an answer to ${command}`).not.toBe('');
            if (role === 'admin' && row.audited) {
              expect((await world.store.listAuditEntries({ action: row.audited })).length, `${command} writes ${row.audited}`).toBeGreaterThan(audited);
            }
          } else {
            expect(answer, `${role} is refused ${command}`).toContain(refusal);
            expect(await snapshot(world.store), `${role}'s refused ${command} changed nothing`).toBe(before);
          }
        }
      });
    }

    it('admin buttons refuse participants and managers and change nothing', async () => {
      const program = (await world.store.findCurrentProgram())!;
      const candidate = (await world.store.listEnrollments(program.id, { role: 'mentor' }))[0]!;
      for (const { action, value } of ADMIN_ACTIONS) {
        const given = value === 'program' ? program.id : value === 'candidate' ? candidate.id : undefined;
        for (const role of ['participant', 'manager'] as const) {
          const before = await snapshot(world.store);
          expect(await world.click(role, action, given), `${role} clicks ${action}`).toContain(refusalText(LOCALES[role], 'error.forbidden', world.prefix));
          expect(await snapshot(world.store), `${role}'s click on ${action} changed nothing`).toBe(before);
        }
      }
      // The admin's clicks go through (the last one archives the program).
      expect(await world.click('admin', 'program.close', program.id)).not.toContain(refusalText('en', 'error.forbidden', world.prefix));
      expect(await world.click('admin', 'program.archive.confirm', program.id)).toContain(
        plain(translate('en', 'oversight.program.archived', { program: program.name, pairs: 0, sessions: 0, prefix: trusted(world.prefix) })).split('.')[0]!,
      );
    });
  });
}

// Slack ----------------------------------------------------------------------------------------------

const slackUser = (name: string, locale: 'en-US' | 'fr-FR'): FakeSlackUser => ({
  name,
  real_name: name,
  display_name: name,
  email: `${name.toLowerCase()}@example.com`,
  locale,
  tz: 'Europe/Paris',
});
const SLACK_IDS: Record<Role | 'bystander' | 'candidate1' | 'candidate2', string> = {
  participant: 'U0PARTICIPANT',
  manager: 'U0MANAGER',
  admin: 'U0ADMIN',
  bystander: 'U0BYSTANDER',
  candidate1: 'U0CANDIDATEONE',
  candidate2: 'U0CANDIDATETWO',
};

async function startSlack(): Promise<World> {
  const clock = testClock('2026-11-25T09:00:00Z');
  const users: Record<string, FakeSlackUser> = {
    U0PARTICIPANT: slackUser('Paula', 'en-US'),
    U0MANAGER: slackUser('Manon', 'fr-FR'),
    U0ADMIN: slackUser('Alex', 'en-US'),
    U0BYSTANDER: slackUser('Bea', 'en-US'),
    U0CANDIDATEONE: slackUser('Cyd', 'en-US'),
    U0CANDIDATETWO: slackUser('Cato', 'en-US'),
  };
  const slack: SlackWorld = await startSlackWorld(users, { admins: 'U0ADMIN', clock });
  const store = slack.app.store;

  async function answerTo(before: number, match: (call: { method: string; responseId?: string; body: Record<string, unknown> }) => boolean, direct: Record<string, unknown> | null) {
    if (direct) return plain(allMrkdwn(shown(direct)));
    for (let waited = 0; waited < 10_000; waited += 25) {
      const hits = slack.slack.calls().slice(before).filter(match);
      if (hits.length) return hits.map((call) => (call.method === 'respond' || call.method === 'chat.postMessage' ? plain(allMrkdwn(shown(call.body))) : JSON.stringify(call.body))).join('\n');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return '';
  }

  const world: World = {
    store,
    clock,
    prefix: '/tandem ',
    emails: { bystander: 'bea@example.com', candidate1: 'cyd@example.com', candidate2: 'cato@example.com' },
    async send(who, text) {
      const before = slack.slack.calls().length;
      const answer = await slack.user(SLACK_IDS[who]).command(text);
      expect(answer.status).toBe(200);
      return answerTo(
        before,
        (call) =>
          (call.method === 'respond' && call.responseId === answer.responseId) ||
          (call.method === 'views.open' && call.body.trigger_id === answer.triggerId) ||
          call.method === 'files.completeUploadExternal' ||
          call.method === 'chat.postMessage',
        answer.json,
      );
    },
    async click(who, action, value) {
      const before = slack.slack.calls().length;
      const { answer } = await slack.user(SLACK_IDS[who]).click({ action_id: `tandem:${action}`, ...(value ? { value } : {}) }, { expectReply: false });
      return answerTo(before, (call) => call.method === 'respond' || call.method === 'views.open', answer.json);
    },
    close: () => slack.close(),
  };
  for (const id of Object.values(SLACK_IDS)) await slack.user(id).command('help');
  const idOf = async (key: keyof typeof SLACK_IDS) => (await store.findPerson({ platform: 'slack', tenantId: 'T0TANDEM', userId: SLACK_IDS[key] }))!.id;
  await seedPeople(world, { participant: await idOf('participant'), manager: await idOf('manager'), candidate1: await idOf('candidate1'), candidate2: await idOf('candidate2') });
  return world;
}

// Teams ----------------------------------------------------------------------------------------------

const TEAMS_PEOPLE: Record<Role | 'bystander' | 'candidate1' | 'candidate2', { key: string; name: string; locale: 'en-US' | 'fr-FR'; email: string }> = {
  participant: { key: 'paula', name: 'Paula', locale: 'en-US', email: 'paula@example.com' },
  manager: { key: 'manon', name: 'Manon', locale: 'fr-FR', email: 'manon@example.com' },
  admin: { key: 'alex', name: 'Alex', locale: 'en-US', email: 'admin@example.com' },
  bystander: { key: 'bea', name: 'Bea', locale: 'en-US', email: 'bea@example.com' },
  candidate1: { key: 'cyd', name: 'Cyd', locale: 'en-US', email: 'cyd@example.com' },
  candidate2: { key: 'cato', name: 'Cato', locale: 'en-US', email: 'cato@example.com' },
};

async function startTeams(): Promise<World> {
  const clock = testClock('2026-11-25T09:00:00Z');
  const teams: TeamsWorld = await startTeamsWorld({ TANDEM_ADMINS: 'admin@example.com' }, clock);
  const store = teams.app.store;
  const drivers = Object.fromEntries(
    Object.entries(TEAMS_PEOPLE).map(([role, spec]) => [role, new TeamsUserDriver(teams, { ...spec, member: { name: spec.name, email: spec.email } })]),
  ) as Record<keyof typeof TEAMS_PEOPLE, TeamsUserDriver>;
  const lastCard = new Map<string, RecordedActivity>();
  const read = (who: string, activities: RecordedActivity[]) => {
    const last = activities.at(-1);
    if (last) lastCard.set(who, last);
    return activities.map((activity) => (activity.activity.attachments ? cardText(activity) : String(activity.activity.text ?? ''))).join('\n');
  };
  const world: World = {
    store,
    clock,
    prefix: '',
    emails: { bystander: 'bea@example.com', candidate1: 'cyd@example.com', candidate2: 'cato@example.com' },
    async send(who, text) {
      return read(who, await drivers[who].sayAll(text));
    },
    async click(who, action, value) {
      const card = lastCard.get(who)!;
      return read(who, await drivers[who].clickAll(card, { tandem: 'action', action, ...(value ? { value } : {}) }));
    },
    close: () => teams.close(),
  };
  for (const [role, driver] of Object.entries(drivers)) read(role, [await driver.say('help')]);
  const idOf = async (key: keyof typeof TEAMS_PEOPLE) => (await store.findPeopleByEmail(TEAMS_PEOPLE[key].email))[0]!.id;
  await seedPeople(world, { participant: await idOf('participant'), manager: await idOf('manager'), candidate1: await idOf('candidate1'), candidate2: await idOf('candidate2') });
  return world;
}

runMatrix('Slack', startSlack);
runMatrix('Teams', startTeams);
