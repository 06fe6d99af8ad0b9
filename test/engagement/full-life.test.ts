// The whole life of a pair, driven by a controllable clock through the real endpoints of each platform
// (fake Slack Web API, fake Bot Connector): plan → nudge → schedule → reminders → session → "did it
// happen?" → private feedback → adoption a week later → second session → closed, thank-you and the
// end-of-program questions. Slack: English mentor, French mentee; Teams: French mentor, English mentee.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Form, Outcome } from '../../src/core/messages.js';
import type { Actor } from '../../src/core/tandem.js';
import type { Locale } from '../../src/core/types.js';
import { jobRegistry } from '../../src/scheduler/jobs.js';
import type { TestApp } from '../support/app.js';
import { testClock, type TestClock } from '../support/clock.js';
import { allMrkdwn, button, buttonsOf, inputBlocks, startSlackWorld, TEAM_ID, type BlockJson, type Shown, type SlackWorld } from '../integration/slack-helpers.js';
import { buttons as cardButtons, cardOf, cardText, inputs, startTeamsWorld, TeamsUserDriver, TENANT, type TeamsWorld } from '../integration/teams-helpers.js';
import type { RecordedActivity } from '../fakes/bot-connector.js';

/** What one person sees, whatever the platform. */
interface Seen {
  text: string;
  actions: string[];
  raw: unknown;
}
interface SeenForm {
  title: string;
  fieldIds: string[];
  /** The value a field shows when the form opens. */
  initial(id: string): unknown;
  raw: unknown;
}
interface Driver {
  /** Messages in the person's chat with Tandem so far. */
  count(): number;
  since(count: number): Seen[];
  command(text: string): Promise<Seen>;
  clickForm(seen: Seen, action: string): Promise<SeenForm>;
  clickReply(seen: Seen, action: string): Promise<Seen>;
  submit(form: SeenForm, values: Record<string, string>): Promise<Seen>;
}

interface Person {
  name: string;
  lang: Locale;
  driver: Driver;
}

// Slack ----------------------------------------------------------------------------------------------

function slackSeen(shown: Shown): Seen {
  return { text: allMrkdwn(shown).replaceAll('*', ''), actions: buttonsOf(shown).map((b) => b.action_id.replace(/^tandem:/, '')), raw: shown };
}

function slackDriver(world: SlackWorld, userId: string): Driver {
  const user = world.user(userId);
  return {
    count: () => user.dms().length,
    since: (count) => user.dms().slice(count).map(slackSeen),
    command: async (text) => slackSeen(await user.ask(text)),
    async clickForm(seen, action) {
      const opens = world.slack.calls('views.open').length;
      await user.click(button(seen.raw as Shown, `tandem:${action}`), { expectReply: false });
      const opened = await world.slack.waitFor('views.open', (call) => world.slack.calls('views.open').indexOf(call) >= opens);
      const view = opened.body.view as BlockJson;
      return {
        title: String(view.title.text),
        fieldIds: inputBlocks(view).map((block) => String(block.block_id)),
        initial: (id) => {
          const element = inputBlocks(view).find((block) => block.block_id === id)?.element as BlockJson | undefined;
          return element?.initial_value ?? element?.initial_option?.value;
        },
        raw: view,
      };
    },
    async clickReply(seen, action) {
      const { reply } = await user.click(button(seen.raw as Shown, `tandem:${action}`));
      return slackSeen(reply!);
    },
    async submit(form, values) {
      const before = user.dms().length;
      const answer = await user.submit(form.raw as BlockJson, values);
      expect(answer.raw, `the modal closes (${answer.raw})`).toBe('');
      return slackSeen(await user.dm(before));
    },
  };
}

// Teams ----------------------------------------------------------------------------------------------

function teamsSeen(activity: RecordedActivity): Seen {
  return { text: cardText(activity), actions: cardButtons(activity).map((b) => String(b.data.action ?? '')), raw: activity };
}

function teamsDriver(user: TeamsUserDriver): Driver {
  const click = (seen: Seen, action: string) => {
    const found = cardButtons(seen.raw as RecordedActivity).find((b) => b.data.action === action);
    if (!found) throw new Error(`no ${action} button; buttons: ${cardButtons(seen.raw as RecordedActivity).map((b) => b.data.action).join(', ')}`);
    return user.clickData(seen.raw as RecordedActivity, found.data);
  };
  return {
    count: () => user.received().length,
    since: (count) => user.received().slice(count).map(teamsSeen),
    command: async (text) => teamsSeen(await user.say(text)),
    async clickForm(seen, action) {
      const card = await click(seen, action);
      const fields = inputs(cardOf(card));
      return {
        title: cardText(card).split('\n')[0] ?? '',
        fieldIds: fields.map((input) => String(input.id)),
        initial: (id) => fields.find((input) => input.id === id)?.value,
        raw: card,
      };
    },
    clickReply: async (seen, action) => teamsSeen(await click(seen, action)),
    submit: async (form, values) => teamsSeen(await user.submit(form.raw as RecordedActivity, values)),
  };
}

// The life of a pair ------------------------------------------------------------------------------------

const WORDS = {
  en: {
    nudge: 'nothing has been planned with {partner} for 7 days',
    reminder: 'starts in 24 hours',
    check: 'did your session with {partner} on Tuesday 8 December 2026 happen?',
    feedbackSaved: 'Thank you for your feedback! It stays private',
    adoption: 'a week ago you worked on Everyday cybersecurity with {partner}',
    closing: 'you and {partner} have held the 2 sessions of your plan',
    recommend: 'Would you recommend Tandem to a colleague?',
    saved: 'Thank you, your answer is noted.',
  },
  fr: {
    nudge: 'rien n’est prévu avec {partner} depuis 7 jours',
    reminder: 'commence dans 24 heures',
    check: 'votre séance avec {partner} du mardi 8 décembre 2026 a-t-elle eu lieu ?',
    feedbackSaved: 'Merci pour votre retour ! Il reste confidentiel',
    adoption: 'il y a une semaine, vous avez travaillé sur Cybersécurité au quotidien avec {partner}',
    closing: '{partner} et vous avez tenu les 2 séances prévues',
    recommend: 'Recommanderiez-vous Tandem à un·e collègue ?',
    saved: 'Merci, votre réponse est enregistrée.',
  },
} as const;

const say = (person: Person, key: keyof (typeof WORDS)['en'], partner: Person) => WORDS[person.lang][key].replace('{partner}', partner.name);
const day = (person: Person, iso: string) => (person.lang === 'fr' ? iso.split('-').reverse().join('/') : iso);

/**
 * Rows get their created_at from the database clock, not the test clock: rows created "in the future" of
 * the test clock are dated at the test clock, so the pair's last activity follows the story, whatever the
 * real date the test runs on.
 */
async function pinCreationTimes(app: TestApp, clock: TestClock): Promise<void> {
  const now = clock.now().toISOString();
  await app.database.db.execute(sql`UPDATE pairs SET created_at = ${now}::timestamptz WHERE created_at > ${now}::timestamptz`);
  await app.database.db.execute(sql`UPDATE sessions SET created_at = ${now}::timestamptz WHERE created_at > ${now}::timestamptz`);
}

async function runJob(app: TestApp, name: string): Promise<void> {
  const job = jobRegistry(app.deps, app.dispatcher).find((j) => j.name === name);
  expect(job, `job ${name} in the registry`).toBeDefined();
  await job!.run();
}

/** Sign-up and pairing through the core facade: what is under test starts once the pair exists. */
async function pairUp(app: App, admin: Actor, mentor: Actor, mentee: Actor): Promise<void> {
  await app.core.handleCommand(admin, 'help');
  const program = (await app.store.findOpenProgram())!;
  await app.database.db.execute(sql`UPDATE programs SET settings = jsonb_set(settings, '{approvalRequired}', 'false') WHERE id = ${program.id}`);
  for (const [who, role] of [
    [mentor, 'mentor'],
    [mentee, 'mentee'],
  ] as const) {
    const outcome: Outcome = await app.core.handleCommand(who, `join ${role}`);
    const form = (outcome as { form: Form }).form;
    const done = await app.core.submitForm(who, form.id, form.state, {
      'topic.cybersecurity': '3',
      'topic.genai-assistants': '2',
      languages: ['fr', 'en'],
      timeZone: 'Europe/Paris',
      availability: ['mon-am'],
      capacity: '1',
      charter: 'true',
    });
    expect(done.kind).toBe('form_done');
  }
  const preview = await app.core.handleCommand(admin, 'admin pair');
  const confirm = preview.kind === 'message' ? preview.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).find((b) => b.action === 'round.confirm') : undefined;
  expect(confirm).toBeDefined();
  await app.core.handleAction(admin, confirm!.action, confirm!.value);
}

function lifeOfAPair(setup: () => { app: TestApp; clock: TestClock; mentor: Person; mentee: Person }) {
  const only = (seen: Seen[], what: string): Seen => {
    expect(seen, what).toHaveLength(1);
    return seen[0]!;
  };
  const deliverTo = async (person: Person) => {
    const { app } = setup();
    const before = person.driver.count();
    await app.deliver();
    return person.driver.since(before);
  };
  const pairState = async () => {
    const { app } = setup();
    const program = (await app.store.findOpenProgram())!;
    const [pair] = await app.store.listPairs(program.id);
    return { pair: pair!, sessions: await app.store.listSessions(pair!.id), feedback: await app.store.listPairFeedback(pair!.id) };
  };

  it('the mentor agrees a two-session plan', async () => {
    const { mentor } = setup();
    const plans = await mentor.driver.command('plan');
    const form = await mentor.driver.clickForm(plans, 'plan.form');
    expect(form.fieldIds).toContain('sessionCount');
    await mentor.driver.submit(form, { 'module.1': 'cybersecurity', 'module.2': 'genai-assistants', cadence: 'biweekly', duration: '60', sessionCount: '2' });
    expect((await pairState()).pair.plan).toMatchObject({ modules: ['cybersecurity', 'genai-assistants'], sessionCount: 2 });
  });

  it('a week of silence: the daily job nudges the mentee alone, who schedules from the nudge', async () => {
    const { app, clock, mentor, mentee } = setup();
    clock.set('2026-12-02T09:00:00Z');
    await runJob(app, 'nudge-quiet-pairs');
    const mentorBefore = mentor.driver.count();
    // (The plan the mentor agreed is announced to the mentee in the same delivery.)
    const nudge = only((await deliverTo(mentee)).filter((m) => m.text.includes(say(mentee, 'nudge', mentor))), 'one nudge to the mentee');
    expect(mentor.driver.since(mentorBefore)).toHaveLength(0);
    expect(nudge.actions).toEqual(['session.form']);
    const form = await mentee.driver.clickForm(nudge, 'session.form');
    expect(form.fieldIds).toEqual(['date', 'time', 'duration', 'topic']);
    await mentee.driver.submit(form, { date: day(mentee, '2026-12-08'), time: '14:30', duration: '60', topic: 'cybersecurity' });
    await pinCreationTimes(app, clock);
    const { sessions } = await pairState();
    expect(sessions.map((s) => [s.startsAt.toISOString(), s.status])).toEqual([['2026-12-08T13:30:00.000Z', 'scheduled']]);
    // Something is planned: the ladder leaves the pair alone.
    clock.set('2026-12-07T09:00:00Z');
    await runJob(app, 'nudge-quiet-pairs');
    expect((await deliverTo(mentee)).filter((m) => m.actions.includes('session.form') && m.text.includes(say(mentee, 'nudge', mentor)))).toHaveLength(0);
  });

  it('both partners get their reminder a day before', async () => {
    const { clock, mentor, mentee } = setup();
    clock.set('2026-12-07T13:30:00Z');
    const mentorBefore = mentor.driver.count();
    const toMentee = await deliverTo(mentee);
    expect(toMentee.map((m) => m.text).join('\n')).toContain(say(mentee, 'reminder', mentor));
    expect(mentor.driver.since(mentorBefore).map((m) => m.text).join('\n')).toContain(say(mentor, 'reminder', mentee));
  });

  it('after the session both are asked whether it happened; each answers yes and gives private feedback', async () => {
    const { app, clock, mentor, mentee } = setup();
    clock.set('2026-12-08T14:20:00Z');
    await runJob(app, 'ask-after-sessions');
    expect((await deliverTo(mentee)).filter((m) => m.actions.includes('session.happened'))).toHaveLength(0);
    clock.set('2026-12-08T14:35:00Z');
    await runJob(app, 'ask-after-sessions');
    await runJob(app, 'ask-after-sessions');
    const mentorBefore = mentor.driver.count();
    const menteeAsk = only((await deliverTo(mentee)).filter((m) => m.actions.includes('session.happened')), 'one question to the mentee');
    const mentorAsk = only(mentor.driver.since(mentorBefore).filter((m) => m.actions.includes('session.happened')), 'one question to the mentor');
    expect(menteeAsk.text).toContain(say(mentee, 'check', mentor));
    expect(mentorAsk.text).toContain(say(mentor, 'check', mentee));
    expect(menteeAsk.actions).toEqual(['session.happened', 'session.missed', 'session.form']);

    const menteeForm = await mentee.driver.clickForm(menteeAsk, 'session.happened');
    expect(menteeForm.fieldIds).toEqual(['usefulness', 'learned', 'next']);
    const saved = await mentee.driver.submit(menteeForm, { usefulness: '5', learned: 'Passkeys & a password manager', next: 'Turn on 2FA everywhere' });
    expect(saved.text).toContain(WORDS[mentee.lang].feedbackSaved);
    expect(saved.actions).toEqual(['feedback.form']);

    const mentorForm = await mentor.driver.clickForm(mentorAsk, 'session.happened');
    expect(mentorForm.fieldIds).toEqual(['usefulness', 'ease', 'learned', 'next']);
    // Private: nothing of the mentee's answer in the mentor's form.
    expect(JSON.stringify(mentorForm.raw)).not.toContain('Passkeys');
    await mentor.driver.submit(mentorForm, { usefulness: '4', ease: '3', learned: 'Passkeys', next: 'Phishing next time' });

    // Editing replaces: the form reopens with the previous answer.
    const reopened = await mentee.driver.clickForm(saved, 'feedback.form');
    expect(reopened.initial('usefulness')).toBe('5');
    await mentee.driver.submit(reopened, { usefulness: '4', learned: 'Passkeys & a password manager', next: 'Turn on 2FA everywhere' });

    const { pair, sessions, feedback } = await pairState();
    const [mentorId, menteeId] = [pair.mentorPersonId, pair.menteePersonId];
    expect(sessions[0]!.status).toBe('held');
    const answers = feedback.filter((f) => f.kind === 'session');
    expect(answers).toHaveLength(2);
    expect(answers.map((f) => [f.personId, f.happened, f.usefulness, f.ease])).toEqual(
      expect.arrayContaining([
        [mentorId, true, 4, 3],
        [menteeId, true, 4, null],
      ]),
    );
    expect(answers.find((f) => f.ease === null)!.learned).toBe('Passkeys & a password manager');
  });

  it('a week later the mentee is asked whether they used what they learned, and answers', async () => {
    const { clock, mentor, mentee } = setup();
    clock.set('2026-12-15T14:20:00Z');
    expect((await deliverTo(mentee)).filter((m) => m.actions.includes('adoption.yes'))).toHaveLength(0);
    clock.set('2026-12-15T14:31:00Z');
    const mentorBefore = mentor.driver.count();
    const ask = only((await deliverTo(mentee)).filter((m) => m.actions.includes('adoption.yes')), 'one adoption question');
    expect(mentor.driver.since(mentorBefore).filter((m) => m.actions.includes('adoption.yes'))).toHaveLength(0);
    expect(ask.text).toContain(say(mentee, 'adoption', mentor));
    const form = await mentee.driver.clickForm(ask, 'adoption.yes');
    await mentee.driver.submit(form, { text: 'Password manager set up for the whole team' });
    const adoption = (await pairState()).feedback.filter((f) => f.kind === 'adoption');
    expect(adoption).toEqual([expect.objectContaining({ adopted: true, topic: 'cybersecurity', learned: 'Password manager set up for the whole team' })]);
  });

  it('the last session of the plan closes the pair: thank-you and end-of-program questions to both', async () => {
    const { app, clock, mentor, mentee } = setup();
    const typed = mentee.lang === 'fr' ? 'planifier 22/12/2026 11h 1h' : 'schedule 2026-12-22 11:00 60min';
    await mentee.driver.command(typed);
    await pinCreationTimes(app, clock);
    await app.deliver();
    clock.set('2026-12-22T11:05:00Z');
    await runJob(app, 'ask-after-sessions');
    const mentorBefore = mentor.driver.count();
    const menteeAsk = only((await deliverTo(mentee)).filter((m) => m.actions.includes('session.happened')), 'question to the mentee');
    const mentorAsk = only(mentor.driver.since(mentorBefore).filter((m) => m.actions.includes('session.happened')), 'question to the mentor');
    await mentor.driver.submit(await mentor.driver.clickForm(mentorAsk, 'session.happened'), { usefulness: '5', ease: '4' });
    // The mentee remembers it differently: held wins.
    await mentee.driver.clickReply(menteeAsk, 'session.missed');
    const { pair, sessions } = await pairState();
    expect(sessions.map((s) => s.status)).toEqual(['held', 'held']);
    expect(pair.status).toBe('closed');

    const mentorBeforeThanks = mentor.driver.count();
    const thanks = only((await deliverTo(mentee)).filter((m) => m.actions.includes('closing.recommend.yes')), 'thank-you to the mentee');
    const mentorThanks = only(mentor.driver.since(mentorBeforeThanks).filter((m) => m.actions.includes('closing.recommend.yes')), 'thank-you to the mentor');
    expect(thanks.text).toContain(say(mentee, 'closing', mentor));
    expect(thanks.text).toContain(WORDS[mentee.lang].recommend);
    expect(mentorThanks.text).toContain(say(mentor, 'closing', mentee));
    expect(thanks.actions).toEqual(['closing.recommend.yes', 'closing.recommend.no', 'closing.repeat.yes', 'closing.repeat.no']);

    expect((await mentee.driver.clickReply(thanks, 'closing.recommend.yes')).text).toContain(WORDS[mentee.lang].saved);
    await mentee.driver.clickReply(thanks, 'closing.repeat.yes');
    await mentor.driver.clickReply(mentorThanks, 'closing.recommend.yes');
    await mentor.driver.clickReply(mentorThanks, 'closing.repeat.no');
    const closing = (await pairState()).feedback.filter((f) => f.kind === 'closing');
    expect(closing.map((f) => [f.wouldRecommend, f.wouldRepeat]).sort()).toEqual([
      [true, false],
      [true, true],
    ]);
  });

  it('after the close: the last module’s adoption question still comes a week later; no more nudges', async () => {
    const { app, clock, mentor, mentee } = setup();
    clock.set('2026-12-29T12:30:00Z');
    const adoption = await deliverTo(mentee);
    expect(adoption.filter((m) => m.actions.includes('adoption.yes')).map((m) => m.text).join('\n')).toContain(mentee.lang === 'fr' ? 'Assistants d’IA générative' : 'Generative AI assistants');
    clock.set('2027-01-20T10:00:00Z');
    await runJob(app, 'nudge-quiet-pairs');
    const mentorBefore = mentor.driver.count();
    expect(await deliverTo(mentee)).toHaveLength(0);
    expect(mentor.driver.since(mentorBefore)).toHaveLength(0);
  });
}

describe('the life of a pair on Slack (English mentor, French mentee)', () => {
  let world: SlackWorld;
  const clock = testClock('2026-11-25T09:00:00Z');
  const slackActor = (userId: string, name: string, locale: Locale): Actor => ({
    identity: { platform: 'slack', tenantId: TEAM_ID, userId },
    fetchProfile: async () => ({ name, email: `${userId.toLowerCase()}@example.com`, locale, timeZone: 'Europe/Paris' }),
  });
  let mentor: Person;
  let mentee: Person;

  beforeAll(async () => {
    world = await startSlackWorld(
      {
        UADMIN: { name: 'ada', real_name: 'Ada Admin', email: 'uadmin@example.com', locale: 'en-GB', tz: 'Europe/Paris' },
        UMONA: { name: 'mona', real_name: 'Mona Martin', email: 'umona@example.com', locale: 'en-GB', tz: 'Europe/Paris' },
        UEVE: { name: 'eve', real_name: 'Ève Moreau', email: 'ueve@example.com', locale: 'fr-FR', tz: 'Europe/Paris' },
      },
      { admins: 'UADMIN', clock },
    );
    await pairUp(world.app, slackActor('UADMIN', 'Ada Admin', 'en'), slackActor('UMONA', 'Mona Martin', 'en'), slackActor('UEVE', 'Ève Moreau', 'fr'));
    await pinCreationTimes(world.app, clock);
    await world.app.deliver();
    mentor = { name: 'Mona Martin', lang: 'en', driver: slackDriver(world, 'UMONA') };
    mentee = { name: 'Ève Moreau', lang: 'fr', driver: slackDriver(world, 'UEVE') };
  });
  afterAll(async () => world?.close());

  lifeOfAPair(() => ({ app: world.app, clock, mentor, mentee }));
});

describe('the life of a pair on Teams (French mentor, English mentee)', () => {
  let world: TeamsWorld;
  const clock = testClock('2026-11-25T09:00:00Z');
  const teamsActor = (key: string, name: string, locale: 'fr-FR' | 'en-US'): Actor => ({
    identity: { platform: 'teams', tenantId: TENANT, userId: `aad-${key}` },
    hint: { name, locale, timeZone: 'Europe/Paris' },
    conversation: 'private',
    fetchProfile: async () => ({ name, email: `${key}@example.com`, locale, timeZone: 'Europe/Paris' }),
  });
  let mentor: Person;
  let mentee: Person;

  beforeAll(async () => {
    world = await startTeamsWorld({ TANDEM_ADMINS: 'admin@example.com' }, clock);
    const lea = new TeamsUserDriver(world, { key: 'lea', name: 'Léa', locale: 'fr-FR', member: { name: 'Léa Petit', email: 'lea@example.com' } });
    const sam = new TeamsUserDriver(world, { key: 'sam', name: 'Sam', locale: 'en-US', member: { name: 'Sam Hughes', email: 'sam@example.com' } });
    await lea.install();
    await sam.install();
    await pairUp(world.app, teamsActor('admin', 'Ada Admin', 'en-US'), teamsActor('lea', 'Léa Petit', 'fr-FR'), teamsActor('sam', 'Sam Hughes', 'en-US'));
    await pinCreationTimes(world.app, clock);
    await world.app.deliver();
    mentor = { name: 'Léa Petit', lang: 'fr', driver: teamsDriver(lea) };
    mentee = { name: 'Sam Hughes', lang: 'en', driver: teamsDriver(sam) };
  });
  afterAll(async () => world?.close());

  lifeOfAPair(() => ({ app: world.app, clock, mentor, mentee }));
});
