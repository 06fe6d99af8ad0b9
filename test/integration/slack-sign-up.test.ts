// Volunteer sign-up on Slack, end to end: HMAC-signed requests to the real POST /slack/events, the
// real core and store (PGlite, or Postgres with TEST_DATABASE_URL), a fake Slack Web API on 127.0.0.1.
// English and French people throughout; the admin (TANDEM_ADMINS=U0ADMIN) is a Slack user id.
//
// Expected wording comes from the message catalogues (rendered as the Slack adapter renders it), so
// copy edits do not break these tests, while a message in the wrong language, a missing value, a
// broken flow or live markup does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trusted } from '../../src/core/i18n/index.js';
import { formatDay } from '../../src/core/format.js';
import type { Enrollment, Topic } from '../../src/core/types.js';
import { eventCallbackBody, postSlackRequest, signSlackRequest, slashCommandBody, type FakeSlackUser } from '../fakes/slack-api.js';
import { testClock } from '../support/clock.js';
import {
  allMrkdwn,
  button,
  buttonsOf,
  dayAfter,
  fieldMrkdwn,
  frenchDate,
  headerText,
  inputBlocks,
  leadOf,
  leadText,
  mrkdwnOf,
  plainOf,
  sectionTexts,
  SIGNING_SECRET,
  startSlackWorld,
  TEAM_ID,
  words,
  type Answers,
  type Lang,
  type Shown,
  type SlackUserDriver,
  type SlackWorld,
} from './slack-helpers.js';

const person = (name: string, realName: string, locale: 'en-US' | 'fr-FR', tz: string, displayName: string): FakeSlackUser => ({
  name,
  real_name: realName,
  display_name: displayName,
  email: `${name}@example.com`,
  locale,
  tz,
});

const MALLORY_NAME = '<!here> *Mal* <https://evil.example|click>';

const USERS: Record<string, FakeSlackUser> = {
  U0ADMIN: person('alex', 'Alex Admin', 'en-US', 'Europe/London', 'Alex'),
  U0EMMA: person('emma', 'Emma Stone', 'en-US', 'America/New_York', 'Emma'),
  U0LEA: person('lea', 'Léa Martin', 'fr-FR', 'Europe/Paris', 'Léa'),
  U0HUGO: person('hugo', 'Hugo Bernard', 'fr-FR', 'Europe/Paris', 'Hugo'),
  U0NOAH: person('noah', 'Noah Smith', 'en-US', 'Europe/London', 'Noah'),
  U0PAUL: person('paul', 'Paul Green', 'en-US', 'Europe/London', 'Paul'),
  U0CAMILLE: person('camille', 'Camille Roux', 'fr-FR', 'Europe/Paris', 'Camille'),
  U0ZOE: person('zoe', 'Zoe Hart', 'en-US', 'Europe/Dublin', 'Zoe'),
  U0ELISE: person('elise', 'Élise Petit', 'fr-FR', 'Europe/Paris', 'Élise'),
  U0MALLORY: person('mallory', 'Mallory', 'en-US', 'Europe/London', MALLORY_NAME),
  U0INES: person('ines', 'Inès Garcia', 'fr-FR', 'Europe/Paris', 'Inès'),
  U0PIA: person('pia', 'Pia Moreau', 'fr-FR', 'Europe/Paris', 'Pia'),
  U0KIRI: person('kiri', 'Kiri Ngata', 'en-US', 'Pacific/Auckland', 'Kiri'),
  U0SLOW: person('slow', 'Sacha Lent', 'fr-FR', 'Europe/Paris', 'Sacha'),
  U0LATE: person('late', 'Lee Late', 'en-US', 'Europe/London', 'Lee'),
  U0OWEN: person('owen', 'Owen Wood', 'en-US', 'Europe/London', 'Owen'),
  U0NINA: person('nina', 'Nina Lund', 'en-US', 'Europe/Oslo', 'Nina'),
  U0ROBIN: person('robin', 'Robin Lefort', 'fr-FR', 'Europe/Paris', 'Robin'),
  U0INTRUDER: person('intruder', 'Ivan Truder', 'en-US', 'Europe/London', 'Ivan'),
};

const clock = testClock('2026-11-25T09:00:00Z');
let world: SlackWorld;
let program: { id: string; name: string };
let topics: Topic[];
const user = (id: string): SlackUserDriver => world.user(id);

beforeAll(async () => {
  world = await startSlackWorld(USERS, { admins: 'U0ADMIN', clock });
  const open = await world.app.store.findOpenProgram();
  if (!open) throw new Error('the seed opens a default program');
  program = open;
  topics = await world.app.store.listTopics();
});
afterAll(async () => world?.close());

/** A valid mentee form: two topics, one teach-back topic, two slots, the charter ticked. */
const MENTEE: Answers = {
  'topic.genai-assistants': '3',
  'topic.cybersecurity': '1',
  teachBack: ['strategy'],
  availability: ['tue-am', 'thu-pm'],
  charter: true,
  bio: 'Head of sales, curious about AI.',
};

const MENTOR: Answers = {
  'topic.genai-assistants': '5',
  'topic.no-code-automation': '4',
  teachBack: ['career'],
  availability: ['mon-pm'],
  capacity: '2',
  charter: true,
  bio: 'Data analyst, I automate everything.',
};

// ------------------------------------------------------------------------------------------------
// Helpers reading the store and the fake.

async function enrollmentsOf(userId: string): Promise<Enrollment[]> {
  const found = await world.app.store.findPerson({ platform: 'slack', tenantId: TEAM_ID, userId });
  if (!found) return [];
  return (await world.app.store.listEnrollments(program.id)).filter((e) => e.personId === found.id);
}

async function statusOf(userId: string): Promise<string | undefined> {
  return (await enrollmentsOf(userId))[0]?.status;
}

/** Opens the form with `command`, submits `answers`, expects the modal to close; returns the DM that follows. */
async function signUp(driver: SlackUserDriver, command: string, answers: Answers): Promise<Shown> {
  const { view } = await driver.openForm(command);
  const before = driver.dms().length;
  const answer = await driver.submit(view, answers);
  expect(answer.status).toBe(200);
  expect(answer.raw, 'an empty 200 closes the modal').toBe('');
  return driver.dm(before);
}

/** Markup from what a person typed that must never reach Slack live. */
function expectNoLiveMarkup(message: Shown): void {
  const everything = allMrkdwn(message);
  expect(everything).not.toContain('<!channel>');
  expect(everything).not.toContain('<!here>');
  expect(everything).not.toContain('<!subteam');
  expect(everything).not.toMatch(/<https?:/);
  expect(everything).not.toContain('*bold*');
  expect(everything).not.toMatch(/(^|[^\u2060])@here/);
}

const sentBy = (userId: string) => world.sent.filter((s) => s.userId === userId);
const day = (d: string, lang: Lang) => trusted(formatDay(d, lang));
const statusField = (lang: Lang, status: string) => fieldMrkdwn(words(lang, 'field.status'), status);
const topicName = (slug: string, lang: Lang) => topics.find((t) => t.slug === slug)!.name[lang];

// ------------------------------------------------------------------------------------------------

describe('the catalogues these tests read', () => {
  it('say different things in English and French', () => {
    for (const key of ['help.title', 'error.forbidden', 'validation.charter', 'pause.past_date', 'leave.done', 'mentor.approved'] as const) {
      expect(words('fr', key), key).not.toBe(words('en', key));
    }
  });
});

describe('request verification', () => {
  const command = () => slashCommandBody({ text: 'help', userId: 'U0INTRUDER', teamId: TEAM_ID, responseUrl: world.slack.responseUrl('intruder') });

  it('answers 401 to an unsigned request, a stale one and a bad signature, and nothing reaches the core', async () => {
    const url = world.eventsUrl;
    const unsigned = await postSlackRequest(url, command(), { signingSecret: null });
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await postSlackRequest(url, command(), { signingSecret: SIGNING_SECRET, timestamp: sixMinutesAgo });
    const badSignature = await postSlackRequest(url, command(), { signingSecret: 'not-the-secret' });
    // Valid headers of another body on a tampered one.
    const tampered = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': command().contentType, ...signSlackRequest(SIGNING_SECRET, 'text=me') },
      body: command().body,
    });
    expect([unsigned.status, stale.status, badSignature.status, tampered.status]).toEqual([401, 401, 401, 401]);
    await Promise.all([unsigned.text(), stale.text(), badSignature.text(), tampered.text()]);
    // Nothing reached the core: the person was never looked up nor stored, nothing was answered.
    expect(user('U0INTRUDER').profileLookups()).toBe(0);
    expect(world.slack.calls('respond').filter((call) => call.responseId === 'intruder')).toEqual([]);
    expect(await world.app.store.findPerson({ platform: 'slack', tenantId: TEAM_ID, userId: 'U0INTRUDER' })).toBeNull();
  });

  it('answers Slack’s url_verification challenge (Event Subscriptions setup)', async () => {
    const body = JSON.stringify({ token: 'deprecated-verification-token', challenge: 'challenge-42', type: 'url_verification' });
    const res = await postSlackRequest(world.eventsUrl, { body, contentType: 'application/json' }, { signingSecret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('challenge-42');
  });

  it('accepts a request signed just under 5 minutes ago', async () => {
    const fourMinutesAgo = Math.floor(Date.now() / 1000) - 4 * 60;
    const res = await postSlackRequest(world.eventsUrl, command(), { signingSecret: SIGNING_SECRET, timestamp: fourMinutesAgo });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_type: string; blocks: never[] };
    expect(body.response_type).toBe('ephemeral');
    expect(headerText(body.blocks)).toBe(plainOf('en', 'help.title'));
  });
});

describe('mentor approval: a French mentor, an English admin introduced at start', () => {
  const hugo = () => user('U0HUGO');
  const admin = () => user('U0ADMIN');

  it('keeps an invalid mentor form open on a capacity out of range, in French, and stores nothing', async () => {
    const { view } = await hugo().openForm('rejoindre mentor');
    expect(view.title.text).toBe(plainOf('fr', 'form.join.mentor.title'));
    const capacity = inputBlocks(view).find((block) => block.block_id === 'capacity');
    expect(capacity?.element).toMatchObject({ type: 'number_input', min_value: '1', max_value: '3', is_decimal_allowed: false });
    for (const raw of ['0', '4', '2.5', 'deux', '']) {
      const answer = await hugo().submit(view, { ...MENTOR, capacity: { raw } });
      expect(answer.status).toBe(200);
      expect(answer.json, `capacity ${JSON.stringify(raw)}`).toEqual({
        response_action: 'errors',
        errors: { capacity: plainOf('fr', 'validation.capacity', { min: 1, max: 3 }) },
      });
    }
    expect(await enrollmentsOf('U0HUGO')).toEqual([]);
    expect(hugo().dms()).toEqual([]);
  });

  it('signs the mentor up as pending and DMs the admin, who never typed a command, with Approve / Decline', async () => {
    const confirmation = await signUp(hugo(), 'rejoindre mentor', MENTOR);
    expect(leadText(confirmation)).toBe(mrkdwnOf('fr', 'join.received.pending', { name: 'Hugo', program: program.name }));
    expect(world.slack.calls('conversations.open').some((call) => call.body.users === 'U0HUGO')).toBe(true);
    const [enrollment] = await enrollmentsOf('U0HUGO');
    expect(enrollment).toMatchObject({ role: 'mentor', status: 'pending', capacity: 2 });

    // Nothing reaches the admin until the outbox is delivered.
    expect(admin().dms()).toEqual([]);
    expect(await world.app.deliver()).toBeGreaterThanOrEqual(1);

    expect(sentBy('U0ADMIN'), 'the admin never wrote to Tandem').toEqual([]);
    expect(admin().profileLookups(), 'looked up once, at start').toBe(1);
    const dm = await admin().dm(0);
    expect(headerText(dm)).toBe(plainOf('en', 'admin.pending.title'));
    expect(leadText(dm)).toBe(mrkdwnOf('en', 'admin.pending.text', { name: 'Hugo', program: program.name }));
    expect(allMrkdwn(dm)).toContain(`${topicName('genai-assistants', 'en')} (5/5)`);
    expect(buttonsOf(dm)).toEqual([
      { action_id: 'tandem:mentor.approve', value: enrollment!.id, text: plainOf('en', 'admin.approve'), style: 'primary' },
      { action_id: 'tandem:mentor.decline', value: enrollment!.id, text: plainOf('en', 'admin.decline'), style: 'danger' },
    ]);
  });

  it('refuses the Approve button to someone who is not an admin, politely and in their language', async () => {
    const approve = button(await admin().dm(0), 'tandem:mentor.approve');
    const { reply } = await user('U0LEA').click(approve);
    expect(leadText(reply!)).toBe(mrkdwnOf('fr', 'error.forbidden'));
    expect(await statusOf('U0HUGO')).toBe('pending');
  });

  it('approves on a click: the admin message is replaced, then the mentor hears the good news in French', async () => {
    const approve = button(await admin().dm(0), 'tandem:mentor.approve');
    const { answer, reply } = await admin().click(approve);
    expect(answer.raw, 'a click is acked at once').toBe('');
    expect(reply?.body.replace_original).toBe(true);
    expect(reply?.body).not.toHaveProperty('response_type');
    expect(leadText(reply!)).toBe(mrkdwnOf('en', 'admin.approved', { name: 'Hugo' }));
    expect(await statusOf('U0HUGO')).toBe('approved');

    expect(await world.app.deliver()).toBe(1);
    const news = await hugo().dm(1);
    expect(leadText(news)).toBe(mrkdwnOf('fr', 'mentor.approved', { name: 'Hugo', program: program.name }));
  });

  it('answers a double click with "already" and sends the mentor no second message', async () => {
    const dm = await admin().dm(0);
    for (const actionId of ['tandem:mentor.approve', 'tandem:mentor.decline']) {
      const { reply } = await admin().click(button(dm, actionId));
      expect(reply?.body.replace_original).toBe(true);
      expect(leadText(reply!)).toMatch(/already/);
      expect(leadText(reply!)).toContain('Hugo');
    }
    expect(await world.app.deliver()).toBe(0);
    expect(hugo().dms()).toHaveLength(2);
    expect(await statusOf('U0HUGO')).toBe('approved');
  });

  it('says the application was already approved, not "already active"', async () => {
    const { reply } = await admin().click(button(await admin().dm(0), 'tandem:mentor.approve'));
    expect(leadText(reply!)).toMatch(/approved/);
    expect(leadText(reply!)).not.toMatch(/already active/);
  });

  it('declines another (English) mentor with `/tandem admin decline <@U…|name>`; the mentor is told kindly', async () => {
    const noah = user('U0NOAH');
    await signUp(noah, 'join mentor', MENTOR);
    const adminDms = admin().dms().length;
    await world.app.deliver();
    const pending = await admin().dm(adminDms);
    expect(leadText(pending)).toBe(mrkdwnOf('en', 'admin.pending.text', { name: 'Noah', program: program.name }));

    // Someone who is not an admin, in each language.
    expect(leadText(await user('U0EMMA').ask('admin decline <@U0NOAH|noah>'))).toBe(mrkdwnOf('en', 'error.forbidden'));
    expect(leadText(await user('U0LEA').ask('admin refuser <@U0NOAH|noah>'))).toBe(mrkdwnOf('fr', 'error.forbidden'));
    expect(await statusOf('U0NOAH')).toBe('pending');

    const answer = await admin().ask('admin decline <@U0NOAH|noah>');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(leadText(answer)).toBe(mrkdwnOf('en', 'admin.declined', { name: 'Noah' }));
    expect(await statusOf('U0NOAH')).toBe('declined');

    expect(await world.app.deliver()).toBe(1);
    const news = await noah.dm(1);
    expect(leadText(news)).toBe(mrkdwnOf('en', 'mentor.declined', { name: 'Noah', program: program.name }));

    // The Approve button still in the admin's DM no longer changes anything.
    const { reply } = await admin().click(button(pending, 'tandem:mentor.approve'));
    expect(leadText(reply!)).toMatch(/already/);
    expect(await statusOf('U0NOAH')).toBe('declined');
    expect(await world.app.deliver()).toBe(0);
    expect(leadText(await admin().ask('admin pending'))).toBe(mrkdwnOf('en', 'admin.pending.none'));
  });

  it('lets a declined mentor follow the advice and join as a mentee, but not apply again as a mentor', async () => {
    const noah = user('U0NOAH');
    expect(leadText(await noah.ask('join mentor'))).toBe(mrkdwnOf('en', 'join.declined_before', { program: program.name }));
    // mentor.declined suggests `/tandem join mentee`: it must open the form.
    const suggested = /`\/tandem ([^`]+)`/.exec(words('en', 'mentor.declined', { name: 'Noah', program: program.name }))?.[1];
    expect(suggested).toBeDefined();
    const { view } = await noah.openForm(suggested!);
    expect(view.title.text).toBe(plainOf('en', 'form.join.mentee.title'));
  });

  it('says plainly that it does not know a mentioned person, without echoing raw mention markup', async () => {
    const unknown = await admin().ask('admin approve <@U0GHOST|ghost>');
    expect(leadText(unknown)).not.toContain('U0GHOST');
    expect(leadText(unknown)).toBe(mrkdwnOf('en', 'admin.unknown_mention'));
    expect(await statusOf('U0GHOST')).toBeUndefined();
  });

  it('says when the person named has no mentor application', async () => {
    const noApplication = await admin().ask('admin approve <@U0EMMA|emma>');
    expect(leadText(noApplication)).toBe(mrkdwnOf('en', 'admin.no_application', { target: 'Emma', program: program.name }));
  });

  it('shows the admin commands in the help of an admin only', async () => {
    const adminTitle = (lang: Lang) => mrkdwnOf(lang, 'help.admin.title');
    expect(allMrkdwn(await admin().ask('help'))).toContain(adminTitle('en'));
    expect(allMrkdwn(await user('U0EMMA').ask('help'))).not.toContain(adminTitle('en'));
    expect(allMrkdwn(await user('U0LEA').ask('aide'))).not.toContain(adminTitle('fr'));
  });
});

describe('help in the person’s language', () => {
  it.each([
    ['U0EMMA', 'help', 'en'],
    ['U0EMMA', 'aide', 'en'],
    ['U0LEA', 'help', 'fr'],
    ['U0LEA', 'aide', 'fr'],
    ['U0LEA', 'HELP', 'fr'],
  ] as const)('%s types /tandem %s → an ephemeral help in %s', async (userId, text, lang) => {
    const answer = await user(userId).command(text);
    expect(answer.status).toBe(200);
    expect(answer.json?.response_type, 'answered in the ack').toBe('ephemeral');
    const help: Shown = { text: answer.json!.text, blocks: answer.json!.blocks, body: answer.json! };
    expect(help.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: plainOf(lang, 'help.title') } });
    expect(sectionTexts(help)).toContain(mrkdwnOf(lang, 'help.intro'));
    expect(allMrkdwn(help)).toContain(leadOf(lang, 'help.commands'));
    expect(buttonsOf(help).map((b) => [b.value, b.text])).toEqual([
      ['mentee', plainOf(lang, 'button.join_mentee')],
      ['mentor', plainOf(lang, 'button.join_mentor')],
    ]);
  });
});

describe.each([
  { lang: 'en' as Lang, userId: 'U0EMMA', name: 'Emma', join: 'join mentee', me: 'me', profile: 'profile' },
  { lang: 'fr' as Lang, userId: 'U0LEA', name: 'Léa', join: 'rejoindre mentoré', me: 'moi', profile: 'profil' },
])('mentee sign-up in $lang', ({ lang, userId, name, join, me, profile }) => {
  const driver = () => user(userId);
  const topicLine = (slug: string, priority: 1 | 2 | 3) => `${topicName(slug, lang)} (${words(lang, `form.priority.${priority}`).toLowerCase()})`;

  it('opens a modal with the trigger id and one select per topic, in the person’s language', async () => {
    const { triggerId, view } = await driver().openForm(join);
    expect(world.slack.calls('views.open').filter((c) => c.body.trigger_id === triggerId)).toHaveLength(1);
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'tandem:form:enrollment',
      title: { text: plainOf(lang, 'form.join.mentee.title') },
      submit: { text: plainOf(lang, 'form.join.submit') },
    });
    expect(topics.length).toBeGreaterThanOrEqual(10);
    const topicInputs = inputBlocks(view).filter((block) => String(block.block_id).startsWith('topic.'));
    expect(topicInputs.map((block) => block.block_id)).toEqual(topics.map((topic) => `topic.${topic.slug}`));
    for (const [i, block] of topicInputs.entries()) {
      expect(block.element.type).toBe('static_select');
      expect(block.optional).toBe(true);
      expect(block.label.text).toBe(topics[i]!.name[lang]);
      expect(block.element.options.map((o: { value: string }) => o.value)).toEqual(['1', '2', '3']);
    }
    expect(inputBlocks(view).some((block) => block.block_id === 'capacity'), 'no capacity for a mentee').toBe(false);
    expect(inputBlocks(view).find((block) => block.block_id === 'charter')?.optional).toBe(false);
  });

  it.each([
    ['no topic chosen', { 'topic.genai-assistants': undefined, 'topic.cybersecurity': undefined }, { 'topic.genai-assistants': ['validation.topics_required.mentee'] }],
    ['the charter not ticked', { charter: false }, { charter: ['validation.charter'] }],
    ['a bio of 501 characters', { bio: 'é'.repeat(501) }, { bio: ['validation.too_long', { max: 500, length: 501 }] }],
    ['control characters in the bio', { bio: 'Hello\u0007 there\u0000' }, { bio: ['validation.control_characters'] }],
    ['a bidi override in the department', { department: 'Sales\u202eselaS' }, { department: ['validation.control_characters'] }],
    ['a level the form does not offer', { 'topic.cybersecurity': { raw: '9' } }, { 'topic.cybersecurity': ['validation.choice'] }],
    ['a manager email that is not one', { managerEmail: 'my boss' }, { managerEmail: ['validation.email'] }],
    ['no availability', { availability: [] }, { availability: ['validation.availability'] }],
  ] as const)('rejects %s field by field, in the person’s language, and stores nothing', async (_case, change, expected) => {
    const { view } = await driver().openForm(join);
    const answers: Answers = { ...MENTEE };
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) delete answers[key];
      else answers[key] = value as Answers[string];
    }
    const answer = await driver().submit(view, answers);
    expect(answer.status).toBe(200);
    const errors = Object.fromEntries(
      Object.entries(expected).map(([field, [key, params]]) => [field, plainOf(lang, key, (params ?? {}) as Record<string, number>)]),
    );
    expect(answer.json).toEqual({ response_action: 'errors', errors });
    const blockIds = inputBlocks(view).map((block) => block.block_id);
    for (const key of Object.keys(errors)) expect(blockIds, 'errors are keyed by input block ids').toContain(key);
    expect(await enrollmentsOf(userId)).toEqual([]);
    expect(driver().dms()).toEqual([]);
  });

  it('reports every faulty field at once', async () => {
    const { view } = await driver().openForm(join);
    const answer = await driver().submit(view, { availability: ['mon-am'], bio: 'x'.repeat(501) });
    expect(answer.json).toEqual({
      response_action: 'errors',
      errors: {
        'topic.genai-assistants': plainOf(lang, 'validation.topics_required.mentee'),
        bio: plainOf(lang, 'validation.too_long', { max: 500, length: 501 }),
        charter: plainOf(lang, 'validation.charter'),
      },
    });
    expect(await enrollmentsOf(userId)).toEqual([]);
  });

  it('closes the modal on a valid form and confirms in a DM', async () => {
    const dm = await signUp(driver(), join, MENTEE);
    expect(world.slack.calls('conversations.open').some((call) => call.body.users === userId)).toBe(true);
    expect(dm.body.channel).toBe(`D${userId}`);
    expect(leadText(dm)).toBe(mrkdwnOf(lang, 'join.received.mentee', { name, program: program.name }));
    expect(dm.text, 'a notification text').not.toBe('');
    expect(allMrkdwn(dm)).toContain(topicLine('genai-assistants', 3));
    expect(buttonsOf(dm).map((b) => b.action_id)).toEqual(['tandem:profile.edit']);
    const [enrollment] = await enrollmentsOf(userId);
    expect(enrollment).toMatchObject({
      role: 'mentee',
      status: 'approved',
      topics: expect.arrayContaining([
        { topic: 'genai-assistants', level: 3 },
        { topic: 'cybersecurity', level: 1 },
      ]),
      languages: [lang],
      availability: ['tue-am', 'thu-pm'],
      teachBack: ['strategy'],
      bio: MENTEE.bio,
    });
  });

  it(`shows the status and topics with /tandem ${me}`, async () => {
    const shownMe = await driver().ask(me);
    expect(shownMe.body.response_type).toBe('ephemeral');
    expect(headerText(shownMe)).toBe(plainOf(lang, 'me.title'));
    const sections = sectionTexts(shownMe);
    expect(sections).toContain(mrkdwnOf(lang, 'me.enrollment', { role: words(lang, 'role.mentee'), program: program.name }));
    expect(sections).toContain(statusField(lang, words(lang, 'status.approved')));
    expect(allMrkdwn(shownMe)).toContain(topicLine('genai-assistants', 3));
    expect(allMrkdwn(shownMe)).toContain(topicLine('cybersecurity', 1));
  });

  it(`reopens the form prefilled with /tandem ${profile}; saving it untouched changes nothing`, async () => {
    const [before] = await enrollmentsOf(userId);
    const { view } = await driver().openForm(profile);
    expect(view.title.text).toBe(plainOf(lang, 'form.profile.title'));
    expect(inputBlocks(view).find((block) => block.block_id === 'topic.genai-assistants')?.element.initial_option?.value).toBe('3');
    const dmsBefore = driver().dms().length;
    const answer = await driver().submit(view, {});
    expect(answer.raw, 'the prefilled form is valid as it is').toBe('');
    expect(leadText(await driver().dm(dmsBefore))).toBe(mrkdwnOf(lang, 'join.updated'));
    const [after] = await enrollmentsOf(userId);
    const comparable = (e: Enrollment | undefined) => ({ ...e, updatedAt: null, charterAcceptedAt: null });
    expect(comparable(after)).toEqual(comparable(before));
  });
});

describe.each([
  { lang: 'en' as Lang, userId: 'U0PAUL', join: 'join mentee', pause: (d: string) => `pause until ${d}`, me: 'me', profile: 'profile', resume: 'resume', leave: 'leave' },
  {
    lang: 'fr' as Lang,
    userId: 'U0CAMILLE',
    join: 'rejoindre mentoré',
    pause: (d: string) => `pause jusqu'au ${frenchDate(d)}`,
    me: 'moi',
    profile: 'profil',
    resume: 'reprendre',
    leave: 'quitter',
  },
])('pause, resume and leave in $lang', ({ lang, userId, join, pause, me, profile, resume, leave }) => {
  const driver = () => user(userId);
  const back = () => dayAfter(clock, 20);
  const typed = (d: string) => (lang === 'fr' ? frenchDate(d) : d);

  beforeAll(async () => {
    await signUp(user(userId), join, MENTEE);
  });

  it('refuses a past date, today, and a day that does not exist', async () => {
    expect(leadText(await driver().ask(pause(dayAfter(clock, -3))))).toBe(mrkdwnOf(lang, 'pause.past_date'));
    expect(leadText(await driver().ask(pause(dayAfter(clock, 0))))).toBe(mrkdwnOf(lang, 'pause.past_date'));
    const impossible = await driver().ask(lang === 'fr' ? 'pause jusqu’au 30/02/2027' : 'pause until 2027-02-30');
    expect(leadText(impossible).startsWith(leadOf(lang, 'error.pause_date'))).toBe(true);
    expect(await statusOf(userId)).toBe('approved');
  });

  it('pauses until a date relative to today, written out in the person’s language', async () => {
    const answer = await driver().ask(pause(back()));
    expect(leadText(answer)).toBe(mrkdwnOf(lang, 'pause.done', { date: day(back(), lang) }));
    expect((await enrollmentsOf(userId))[0]).toMatchObject({ status: 'paused', pausedUntil: back() });
    const shownMe = await driver().ask(me);
    expect(sectionTexts(shownMe)).toContain(statusField(lang, words(lang, 'status.paused', { date: day(back(), lang) })));
    expect(buttonsOf(shownMe).map((b) => b.action_id)).toContain('tandem:resume');
  });

  it('keeps the pause when the profile is saved', async () => {
    const { view } = await driver().openForm(profile);
    const before = driver().dms().length;
    await driver().submit(view, { bio: 'Back soon.' });
    expect(leadText(await driver().dm(before))).toBe(mrkdwnOf(lang, 'join.updated'));
    expect((await enrollmentsOf(userId))[0]).toMatchObject({ status: 'paused', pausedUntil: back(), bio: 'Back soon.' });
  });

  it('resumes, and says so when there is nothing to resume', async () => {
    expect(leadText(await driver().ask(resume))).toBe(mrkdwnOf(lang, 'resume.done', { program: program.name }));
    expect(sectionTexts(await driver().ask(me))).toContain(statusField(lang, words(lang, 'status.approved')));
    expect(leadText(await driver().ask(resume))).toBe(mrkdwnOf(lang, 'resume.not_paused'));
  });

  it('pauses through the Pause button of /tandem me and its modal', async () => {
    const pauseButton = button(await driver().ask(me), 'tandem:pause.form');
    const opensBefore = world.slack.calls('views.open').length;
    await driver().click(pauseButton, { expectReply: false });
    const opened = await world.slack.waitFor('views.open', (call) => world.slack.calls('views.open').indexOf(call) >= opensBefore);
    const view = opened.body.view as { callback_id: string; title: { text: string } };
    expect(view).toMatchObject({ callback_id: 'tandem:form:pause', title: { text: plainOf(lang, 'pause.form.title') } });

    const wrong = await driver().submit(view, { until: { raw: '32/13/2026' } });
    expect(wrong.json?.response_action).toBe('errors');
    expect(String(wrong.json?.errors.until).startsWith(leadOf(lang, 'pause.invalid_date', { value: '32/13/2026' }, 'plain'))).toBe(true);
    const past = await driver().submit(view, { until: { raw: typed(dayAfter(clock, -1)) } });
    expect(past.json).toEqual({ response_action: 'errors', errors: { until: plainOf(lang, 'pause.past_date') } });
    expect(await statusOf(userId)).toBe('approved');

    const before = driver().dms().length;
    const done = await driver().submit(view, { until: { raw: typed(dayAfter(clock, 14)) } });
    expect(done.raw).toBe('');
    expect(leadText(await driver().dm(before))).toBe(mrkdwnOf(lang, 'pause.done', { date: day(dayAfter(clock, 14), lang) }));
    expect(await statusOf(userId)).toBe('paused');
    await driver().ask(resume);
    expect(await statusOf(userId)).toBe('approved');
  });

  it('asks before leaving; "stay" keeps the enrollment', async () => {
    const confirm = await driver().ask(leave);
    expect(leadText(confirm)).toBe(mrkdwnOf(lang, 'leave.confirm', { program: program.name }));
    expect(buttonsOf(confirm).map((b) => [b.action_id, b.text, b.style])).toEqual([
      ['tandem:leave.confirm', plainOf(lang, 'leave.confirm_button'), 'danger'],
      ['tandem:leave.keep', plainOf(lang, 'leave.keep_button'), undefined],
    ]);
    const { reply } = await driver().click(button(confirm, 'tandem:leave.keep'));
    expect(reply?.body.replace_original).toBe(true);
    expect(leadText(reply!)).toBe(mrkdwnOf(lang, 'leave.kept', { program: program.name }));
    expect(await statusOf(userId)).toBe('approved');
  });

  it(`leaves on confirmation; /tandem ${me} then shows no enrollment`, async () => {
    const confirm = await driver().ask(leave);
    const { reply } = await driver().click(button(confirm, 'tandem:leave.confirm'));
    expect(reply?.body.replace_original).toBe(true);
    expect(leadText(reply!)).toBe(mrkdwnOf(lang, 'leave.done', { program: program.name }));
    expect(await statusOf(userId)).toBe('withdrawn');
    const shownMe = await driver().ask(me);
    expect(sectionTexts(shownMe)).toContain(mrkdwnOf(lang, 'me.none', { program: program.name }));
    expect(buttonsOf(shownMe).map((b) => b.value)).toEqual(['mentee', 'mentor']);
    expect(leadText(await driver().ask(leave))).toBe(mrkdwnOf(lang, 'leave.nothing', { program: program.name }));
    // The old confirmation button changes nothing more.
    const again = await driver().click(button(confirm, 'tandem:leave.confirm'));
    expect(leadText(again.reply!)).toBe(mrkdwnOf(lang, 'leave.nothing', { program: program.name }));
  });

  it('the commands the farewell suggests work as written', async () => {
    const suggested = [...words(lang, 'leave.done', { program: program.name }).matchAll(/`\/tandem ([^`]+)`/g)].map((m) => m[1]!);
    expect(suggested.length).toBeGreaterThan(0);
    for (const command of suggested) {
      const answer = await driver().command(command);
      expect(answer.raw, `/tandem ${command} (from the farewell) should open the sign-up form`).toBe('');
    }
  });
});

describe.each([
  { lang: 'en' as Lang, userId: 'U0ZOE', join: 'join mentee', me: 'me' },
  { lang: 'fr' as Lang, userId: 'U0ELISE', join: 'rejoindre mentoré', me: 'moi' },
])('robustness in $lang', ({ lang, userId, join, me }) => {
  const driver = () => user(userId);

  /** A short localized error, then the help; an HTTP 200 with the answer in the ack. */
  async function expectErrorAndHelp(text: string, lead: string): Promise<Shown> {
    const answer = await driver().command(text);
    expect(answer.status).toBe(200);
    expect(answer.json?.response_type).toBe('ephemeral');
    const shownAnswer: Shown = { text: answer.json!.text, blocks: answer.json!.blocks, body: answer.json! };
    expect(shownAnswer.blocks[0]).toMatchObject({ type: 'section', text: { text: lead } });
    expect(shownAnswer.blocks[1]).toMatchObject({ type: 'header', text: { text: plainOf(lang, 'help.title') } });
    // The help itself is ~4 KB; what matters is that a long input is never echoed back.
    expect(answer.raw.length, 'a short answer').toBeLessThan(6000);
    return shownAnswer;
  }

  it('answers an unknown command with a short error and the help', async () => {
    await expectErrorAndHelp('dance', mrkdwnOf(lang, 'error.unknown_command', { command: 'dance' }));
    await expectErrorAndHelp(`${me} now`, mrkdwnOf(lang, 'error.unknown_command', { command: `${me} now` }));
  });

  it('answers an empty command with the help', async () => {
    await expectErrorAndHelp('', mrkdwnOf(lang, 'error.empty'));
    await expectErrorAndHelp('   ', mrkdwnOf(lang, 'error.empty'));
  });

  it('answers 10 KB of text without echoing it', async () => {
    const answer = await expectErrorAndHelp('a'.repeat(10_240), mrkdwnOf(lang, 'error.too_long', { length: 10_240 }));
    expect(allMrkdwn(answer)).not.toContain('a'.repeat(50));
  });

  it('answers control characters and bidi overrides', async () => {
    await expectErrorAndHelp(`${me}\u0000\u0007`, mrkdwnOf(lang, 'error.control_characters'));
    await expectErrorAndHelp(`${me}\u202e`, mrkdwnOf(lang, 'error.control_characters'));
  });

  it('echoes markup typed as a command escaped', async () => {
    const answer = await expectErrorAndHelp('<!channel> <https://evil.example|click>', mrkdwnOf(lang, 'error.unknown_command', { command: '<!channel>' }));
    expect(leadText(answer)).toContain('&lt;!channel&gt;');
    expectNoLiveMarkup(answer);
  });

  it(`escapes markup typed in the bio, in the DM and in /tandem ${me}`, async () => {
    const injected = '<!channel> *bold* <https://evil.example|click> @here';
    const dm = await signUp(driver(), join, { ...MENTEE, bio: injected, department: '<!subteam^S123> _Ops_' });
    expectNoLiveMarkup(dm);
    expect(sectionTexts(dm)).toContain(`${fieldMrkdwn(words(lang, 'field.bio'), '')}&lt;!channel&gt; ＊bold＊ &lt;https://evil.example|click&gt; @\u2060here`);
    // Stored as typed: escaping is the renderer's job.
    expect((await enrollmentsOf(userId))[0]?.bio).toBe(injected);
    const shownMe = await driver().ask(me);
    expectNoLiveMarkup(shownMe);
    expect(allMrkdwn(shownMe)).toContain('&lt;!channel&gt; ＊bold＊');
  });
});

describe('markup in a Slack display name', () => {
  it('is escaped in the admin’s review DM', async () => {
    const admin = user('U0ADMIN');
    const before = admin.dms().length;
    await signUp(user('U0MALLORY'), 'join mentor', MENTOR);
    await world.app.deliver();
    const dm = await admin.dm(before);
    expectNoLiveMarkup(dm);
    expect(leadText(dm)).toBe(mrkdwnOf('en', 'admin.pending.text', { name: MALLORY_NAME, program: program.name }));
    expect(leadText(dm)).toContain('&lt;!here&gt;');
  });
});

describe('admin pending list', () => {
  it('a click in a list of two pending mentors leaves the other mentor’s buttons available', async () => {
    const admin = user('U0ADMIN');
    // Mallory applied above and is still pending; Inès applies now.
    await signUp(user('U0INES'), 'rejoindre mentor', MENTOR);
    await world.app.deliver();
    const list = await admin.ask('admin pending');
    expect(headerText(list)).toBe(plainOf('en', 'admin.pending.list_title', { count: 2 }));
    const approvals = buttonsOf(list).filter((b) => b.action_id === 'tandem:pending.approve');
    expect(approvals).toHaveLength(2);
    const [mallory, ines] = approvals;
    expect(ines!.value).toBe((await enrollmentsOf('U0INES'))[0]?.id);
    const { reply } = await admin.click(mallory!);
    expect(sectionTexts(reply!)).toContain(mrkdwnOf('en', 'admin.approved', { name: MALLORY_NAME }));
    expectNoLiveMarkup(reply!);
    expect(await world.app.deliver(), 'Mallory hears the news').toBe(1);
    // The list the admin was working through must still let them decide on Inès.
    const stillThere = reply?.body.replace_original ? buttonsOf(reply) : buttonsOf(list);
    expect(stillThere.map((b) => b.value), 'Inès can still be decided from the list').toContain(ines!.value);
  });

  it('approves with `/tandem admin approve <mailto:…>` (an email, as Slack escapes it)', async () => {
    const ines = user('U0INES');
    const before = ines.dms().length;
    const answer = await user('U0ADMIN').ask('admin approve <mailto:ines@example.com|ines@example.com>');
    expect(leadText(answer)).toBe(mrkdwnOf('en', 'admin.approved', { name: 'Inès' }));
    expect(await statusOf('U0INES')).toBe('approved');
    expect(await world.app.deliver()).toBe(1);
    expect(leadText(await ines.dm(before))).toBe(mrkdwnOf('fr', 'mentor.approved', { name: 'Inès', program: program.name }));
  });

  it('tells a French admin, in correct French, that an application was already approved', async () => {
    // TANDEM_ADMINS only bootstraps; a second admin is a program role in the store.
    await user('U0ROBIN').ask('aide');
    const robin = await world.app.store.findPerson({ platform: 'slack', tenantId: TEAM_ID, userId: 'U0ROBIN' });
    await world.app.store.grantRole(program.id, robin!.id, 'admin');
    const [hugo] = await enrollmentsOf('U0HUGO');
    const { reply } = await user('U0ROBIN').click({ action_id: 'tandem:mentor.approve', value: hugo!.id });
    expect(leadText(reply!)).toMatch(/déjà/);
    expect(leadText(reply!)).toContain('Hugo');
    // "La candidature … est déjà actif": a feminine noun with a masculine person status.
    expect(leadText(reply!)).not.toMatch(/déjà actif/);
  });
});

describe('a pending mentor who pauses', () => {
  it('can still be approved, and is active when back from the pause', async () => {
    const pia = user('U0PIA');
    const admin = user('U0ADMIN');
    await signUp(pia, 'rejoindre mentor', MENTOR);
    const before = admin.dms().length;
    await world.app.deliver();
    const review = await admin.dm(before);
    expect(leadText(review)).toBe(mrkdwnOf('en', 'admin.pending.text', { name: 'Pia', program: program.name }));
    await pia.ask(`pause jusqu'au ${frenchDate(dayAfter(clock, 10))}`);
    expect(await statusOf('U0PIA')).toBe('paused');

    const { reply } = await admin.click(button(review, 'tandem:mentor.approve'));
    expect(leadText(reply!)).toBe(mrkdwnOf('en', 'admin.approved', { name: 'Pia' }));
    expect((await enrollmentsOf('U0PIA'))[0]?.approvedAt).not.toBeNull();
    await pia.ask('reprendre');
    expect(await statusOf('U0PIA')).toBe('approved');
  });
});

describe('a long queue of pending mentors', () => {
  it('is listed in a message Slack accepts (at most 50 blocks)', async () => {
    for (let i = 0; i < 13; i++) {
      const id = `U0BULK${String(i).padStart(2, '0')}`;
      world.slack.users.set(id, person(`bulk${i}`, `Bulk Mentor ${i}`, 'en-US', 'Europe/London', `Bulk ${i}`));
      await signUp(user(id), 'join mentor', MENTOR);
    }
    await world.app.deliver();
    const list = await user('U0ADMIN').ask('admin pending');
    expect(headerText(list)).toMatch(/\(1\d\)/);
    expect(list.blocks.length, 'Slack refuses a message of more than 50 blocks (invalid_blocks)').toBeLessThanOrEqual(50);
  });
});

describe('dates in the person’s time zone', () => {
  it('counts "today" in Auckland, not in UTC', async () => {
    const kiri = user('U0KIRI');
    await signUp(kiri, 'join mentee', MENTEE);
    const saved = clock.now();
    try {
      clock.set('2026-11-25T12:00:00Z'); // already 01:00 on 26 November in Auckland
      expect(leadText(await kiri.ask('pause until 2026-11-26'))).toBe(mrkdwnOf('en', 'pause.past_date'));
      expect(leadText(await kiri.ask('pause until 2026-11-27'))).toBe(mrkdwnOf('en', 'pause.done', { date: day('2026-11-27', 'en') }));
    } finally {
      clock.set(saved);
    }
  });
});

describe('acks within 3 seconds when the core is slow', () => {
  it('acks a slash command before the core has finished, then answers on the response_url', { timeout: 20_000 }, async () => {
    const slow = user('U0SLOW');
    // Every fake Slack answer takes 3.5 s, among them users.info for this new person: the core
    // cannot answer before then.
    world.slack.setLatency(3500);
    let answer: Awaited<ReturnType<SlackUserDriver['command']>>;
    try {
      answer = await slow.command('aide');
    } finally {
      world.slack.setLatency(0);
    }
    const ackedAt = Date.now();
    expect(answer.status).toBe(200);
    expect(answer.raw, 'a bare ack').toBe('');
    expect(answer.elapsedMs).toBeLessThan(3000);
    const lookup = await world.slack.waitFor('users.info', (call) => call.body.user === 'U0SLOW', 10_000);
    expect(lookup.at, 'users.info answered after the ack').toBeGreaterThanOrEqual(ackedAt);
    const reply = await world.slack.waitFor('respond', (call) => call.responseId === answer.responseId, 10_000);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(headerText(reply.body.blocks as never)).toBe(plainOf('fr', 'help.title'));
  });

  it('offers a button when the modal trigger expired meanwhile; the click opens the form', { timeout: 20_000 }, async () => {
    const late = user('U0LATE');
    world.slack.setLatency(3500);
    world.slack.failNext('views.open', 'expired_trigger_id');
    let answer: Awaited<ReturnType<SlackUserDriver['command']>>;
    try {
      answer = await late.command('join mentee');
    } finally {
      world.slack.setLatency(0);
    }
    expect(answer.elapsedMs).toBeLessThan(3000);
    expect(answer.raw).toBe('');
    const reply = await world.slack.waitFor('respond', (call) => call.responseId === answer.responseId, 10_000);
    const reopen = button(reply.body.blocks as never, 'tandem:form.open');
    expect(reopen.text).toBe(plainOf('en', 'form.join.mentee.title'));
    const opensBefore = world.slack.calls('views.open').length;
    await late.click(reopen, { expectReply: false });
    const opened = await world.slack.waitFor('views.open', (call) => world.slack.calls('views.open').indexOf(call) >= opensBefore);
    expect(opened.body.view).toMatchObject({ callback_id: 'tandem:form:enrollment', title: { text: plainOf('en', 'form.join.mentee.title') } });
  });
});

describe('profile cache', () => {
  it('calls users.info once per person, not on every request', async () => {
    const owen = user('U0OWEN');
    await owen.ask('help');
    await owen.ask('me');
    await signUp(owen, 'join mentee', MENTEE);
    await owen.ask('me');
    await owen.ask(`pause until ${dayAfter(clock, 30)}`);
    await owen.ask('resume');
    await owen.openHome();
    await owen.click(button(await owen.ask('leave'), 'tandem:leave.keep'));
    expect(owen.profileLookups()).toBe(1);
  });

  it('answers a first contact whose users.info fails, and tries again an hour later, not on every request', async () => {
    const robin2 = 'U0MARIE';
    world.slack.users.set(robin2, person('marie', 'Marie Curie', 'fr-FR', 'Europe/Paris', 'Marie'));
    const marie = user(robin2);
    world.slack.failNext('users.info', 'ratelimited');
    const first = await marie.ask('aide');
    // No profile yet: the default language, but an answer all the same.
    expect(headerText(first)).toBe(plainOf('en', 'help.title'));
    await marie.ask('aide');
    expect(marie.profileLookups(), 'no retry on the next request').toBe(1);
    const saved = clock.now();
    try {
      clock.advance(61 * 60 * 1000);
      const later = await marie.ask('aide');
      expect(marie.profileLookups()).toBe(2);
      expect(headerText(later)).toBe(plainOf('fr', 'help.title'));
    } finally {
      clock.set(saved);
    }
  });

  it('answers every one of several simultaneous first requests from a new person', async () => {
    world.slack.users.set('U0BURST', person('burst', 'Bea Burst', 'fr-FR', 'Europe/Paris', 'Béa'));
    const burst = user('U0BURST');
    const answers = await Promise.all([burst.ask('aide'), burst.ask('moi'), burst.ask('aide'), burst.openHome()]);
    expect(headerText(answers[0] as Shown)).toBe(plainOf('fr', 'help.title'));
    expect(headerText(answers[1] as Shown)).toBe(plainOf('fr', 'me.title'));
    expect(headerText(answers[2] as Shown)).toBe(plainOf('fr', 'help.title'));
    const people = (await world.app.store.findPeopleByEmail('burst@example.com')).filter((p) => p.userId === 'U0BURST');
    expect(people, 'one person, not one per request').toHaveLength(1);
  });

  it('looked up everyone who used Tandem exactly once (the admin at start)', () => {
    const people = new Set(world.sent.map((s) => s.userId));
    people.add('U0ADMIN');
    people.delete('U0MARIE'); // failed once, on purpose
    people.delete('U0BURST'); // simultaneous first requests: each may look the person up
    expect(people.size).toBeGreaterThan(15);
    for (const id of people) expect(user(id).profileLookups(), id).toBe(1);
  });
});

describe('App Home', () => {
  it('publishes the home of an enrolled French mentee, in French', async () => {
    const view = await user('U0LEA').openHome();
    expect(view.type).toBe('home');
    expect(headerText(view.blocks)).toBe(plainOf('fr', 'me.title'));
    const sections = sectionTexts(view.blocks);
    expect(sections).toContain(mrkdwnOf('fr', 'me.enrollment', { role: words('fr', 'role.mentee'), program: program.name }));
    expect(sections).toContain(statusField('fr', words('fr', 'status.approved')));
    expect(view.blocks.some((b: { type: string; text?: { text: string } }) => b.type === 'header' && b.text?.text === plainOf('fr', 'help.title'))).toBe(true);
  });

  it('publishes a welcome with join buttons to someone new; a click there opens the form', async () => {
    const nina = user('U0NINA');
    const view = await nina.openHome();
    expect(sectionTexts(view.blocks)).toContain(mrkdwnOf('en', 'me.none', { program: program.name }));
    const join = buttonsOf(view.blocks).find((b) => b.value === 'mentee');
    expect(join?.text).toBe(plainOf('en', 'button.join_mentee'));
    const before = world.slack.calls('views.open').length;
    await nina.click(join!, { fromHome: true });
    const opened = await world.slack.waitFor('views.open', (call) => world.slack.calls('views.open').indexOf(call) >= before);
    expect(opened.body.view).toMatchObject({ callback_id: 'tandem:form:enrollment', title: { text: plainOf('en', 'form.join.mentee.title') } });
  });

  it('publishes a French home to a French newcomer', async () => {
    world.slack.users.set('U0GASPARD', person('gaspard', 'Gaspard Blanc', 'fr-FR', 'Europe/Paris', 'Gaspard'));
    const view = await user('U0GASPARD').openHome();
    expect(sectionTexts(view.blocks)).toContain(mrkdwnOf('fr', 'me.none', { program: program.name }));
  });

  it('ignores the Messages tab', async () => {
    const before = world.slack.calls('views.publish').length;
    const answer = await user('U0LEA').post(eventCallbackBody({ type: 'app_home_opened', user: 'U0LEA', channel: 'DU0LEA', tab: 'messages' }, TEAM_ID), 'event');
    expect(answer.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(world.slack.calls('views.publish')).toHaveLength(before);
  });
});
