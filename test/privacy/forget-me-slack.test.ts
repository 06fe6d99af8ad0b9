// `forget-me` on Slack end to end: signed requests to the real /slack/events, a fake Slack Web API, the
// real store. A French participant erases their data with the confirmation buttons; their English
// partner is told once, in English, without reasons; an English admin erases a leaver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMrkdwn } from '../../src/adapters/slack/mrkdwn.js';
import type { Person } from '../../src/core/types.js';
import type { FakeSlackUser } from '../fakes/slack-api.js';
import { testClock } from '../support/clock.js';
import { allMrkdwn, buttonsOf, mrkdwnOf, startSlackWorld, TEAM_ID, type Shown, type SlackButton, type SlackWorld } from '../integration/slack-helpers.js';
import { aggregates, findPersonalData, personRow, seedSubjectData } from './privacy-world.js';

const clock = testClock('2026-11-25T10:00:00Z');

const user = (name: string, email: string, locale: 'fr-FR' | 'en-US'): FakeSlackUser => ({
  name: email.split('@')[0]!,
  real_name: name,
  display_name: name,
  email,
  locale,
  tz: 'Europe/Paris',
});

const USERS: Record<string, FakeSlackUser> = {
  U0ZOEQ: user('Zoé Quillard', 'zoe.quillard@example.com', 'fr-FR'),
  U0BRUNO: user('Bruno Baxter', 'bruno.baxter@example.com', 'en-US'),
  U0FANNY: user('Fanny Fournier', 'fanny.fournier@example.com', 'fr-FR'),
  U0ADMIN: user('Alex Admin', 'alex.admin@example.com', 'en-US'),
  U0COLIN: user('Colin Cole', 'colin.cole@example.com', 'en-US'),
  U0LIAM: user('Liam Leaving', 'liam.leaving@example.com', 'en-US'),
};

let world: SlackWorld;
const people: Record<string, Person> = {};
/** The confirmation button Zoé clicked, to click it again later. */
let zoeConfirm: SlackButton;

/** The adapter may namespace action ids (`tandem:forget.confirm`): the core's id is what matters. */
const coreAction = (b: SlackButton) => b.action_id.replace(/^tandem:/, '');
function button(shown: Shown, action: string): SlackButton {
  const found = buttonsOf(shown).find((b) => coreAction(b) === action);
  if (!found) throw new Error(`no button ${action}; buttons: ${buttonsOf(shown).map((b) => b.action_id).join(', ')}`);
  return found;
}

beforeAll(async () => {
  world = await startSlackWorld(USERS, { admins: 'U0ADMIN', clock });
  for (const userId of Object.keys(USERS)) {
    await world.user(userId).ask('help');
    people[userId] = (await world.app.store.findPerson({ platform: 'slack', tenantId: TEAM_ID, userId }))!;
  }
  await seedSubjectData(
    world.app.store,
    world.app.database,
    { subject: people.U0ZOEQ!, partner: people.U0BRUNO!, former: people.U0FANNY!, admin: people.U0ADMIN!, colleague: people.U0COLIN! },
    clock.now(),
  );
});
afterAll(async () => world?.close());

describe('my-data on Slack', () => {
  it('arrives as a JSON file in the person’s DM, with the message in French', async () => {
    const zoe = world.user('U0ZOEQ');
    const answer = await zoe.command('mes données');
    expect(answer.status).toBe(200);
    await world.slack.waitFor('files.completeUploadExternal', (call) => call.body.channel_id === zoe.dmChannel, 10_000);
    const file = world.slack.sharedFiles().find((f) => f.channelId === zoe.dmChannel)!;
    expect(file.filename).toBe('tandem-my-data-2026-11-25.json');
    expect(file.initialComment).toContain('Voici tout ce que Tandem conserve à votre sujet');
    const doc = JSON.parse(file.content) as { person: { name: string; email: string }; feedback: unknown[] };
    expect(doc.person).toMatchObject({ name: 'Zoé Quillard', email: 'zoe.quillard@example.com' });
    expect(doc.feedback).toHaveLength(3);
    expect(file.content).not.toContain('bruno.baxter@example.com');
  });
});

describe('forget-me on Slack', () => {
  it('asks first, with Erase / Keep buttons in French; Keep changes nothing', async () => {
    const zoe = world.user('U0ZOEQ');
    const asked = await zoe.ask('oublie-moi');
    expect(allMrkdwn(asked)).toContain(toMrkdwn('Effacer tout ce que Tandem sait de vous ?'));
    expect(buttonsOf(asked).map((b) => [coreAction(b), b.text, b.style])).toEqual([
      ['forget.confirm', 'Tout effacer', 'danger'],
      ['forget.keep', 'Conserver mes données', undefined],
    ]);
    const { reply } = await zoe.click(button(asked, 'forget.keep'));
    expect(reply!.body.replace_original).toBe(true);
    expect(allMrkdwn(reply!)).toContain(mrkdwnOf('fr', 'privacy.forget.kept'));
    expect((await personRow(world.app.database, people.U0ZOEQ!.id)).erasedAt).toBeNull();
  });

  it('erases on confirmation: the reply is the last message they get; the partner is told once, in English, without reasons', async () => {
    const zoe = world.user('U0ZOEQ');
    const bruno = world.user('U0BRUNO');
    const before = await aggregates(world.app.database);
    const asked = await zoe.ask('m’oublier');
    zoeConfirm = button(asked, 'forget.confirm');
    expect(zoeConfirm.value).toBe(people.U0ZOEQ!.id);
    const { reply } = await zoe.click(zoeConfirm);
    expect(reply!.body.replace_original).toBe(true);
    expect(allMrkdwn(reply!)).toContain(mrkdwnOf('fr', 'privacy.forget.done'));
    expect(allMrkdwn(reply!)).toContain(mrkdwnOf('fr', 'privacy.forget.done_partner'));

    const zoeDms = zoe.dms().length;
    const brunoDms = bruno.dms().length;
    await world.app.deliver();
    await world.app.deliver();
    expect(zoe.dms()).toHaveLength(zoeDms);
    const told = bruno.dms().slice(brunoDms);
    expect(told).toHaveLength(1);
    expect(allMrkdwn(told[0]!)).toContain(
      mrkdwnOf('en', 'privacy.pair_ended', { name: 'Bruno Baxter', role: { trusted: 'mentee' }, program: 'Tandem' }),
    );
    expect(allMrkdwn(told[0]!)).not.toContain('Zoé');

    expect(await findPersonalData(world.app.database, ['Zoé Quillard', 'zoe.quillard@example.com', 'U0ZOEQ'])).toEqual([]);
    expect(await aggregates(world.app.database)).toEqual(before);
  });

  it('a second click is answered politely; the next command starts afresh as a new person', async () => {
    const zoe = world.user('U0ZOEQ');
    const { reply } = await zoe.click(zoeConfirm);
    expect(allMrkdwn(reply!)).toContain(mrkdwnOf('fr', 'privacy.forget.already'));
    const fresh = await world.app.store.findPerson({ platform: 'slack', tenantId: TEAM_ID, userId: 'U0ZOEQ' });
    expect(fresh!.id).not.toBe(people.U0ZOEQ!.id);
    expect(fresh!.name).toBe('Zoé Quillard');
    expect(await world.app.store.listEnrollmentsOfPerson(fresh!.id)).toEqual([]);
  });
});

describe('admin forget on Slack', () => {
  it('refuses a participant politely', async () => {
    const shown = await world.user('U0BRUNO').ask('admin forget <@U0LIAM>');
    expect(allMrkdwn(shown)).toContain(mrkdwnOf('en', 'error.forbidden'));
    expect(buttonsOf(shown)).toEqual([]);
  });

  it('erases a leaver after the admin confirms', async () => {
    const admin = world.user('U0ADMIN');
    const asked = await admin.ask('admin forget <@U0LIAM|liam>');
    expect(allMrkdwn(asked)).toContain('Liam Leaving');
    expect(allMrkdwn(asked)).toContain('liam.leaving@example.com');
    expect(buttonsOf(asked).map((b) => b.text)).toEqual(['Erase their data', 'Cancel']);
    const { reply } = await admin.click(button(asked, 'forget.admin.confirm'));
    expect(allMrkdwn(reply!)).toContain(mrkdwnOf('en', 'privacy.admin.done', { pairs: 0 }));
    expect(await findPersonalData(world.app.database, ['Liam Leaving', 'liam.leaving@example.com', 'U0LIAM'])).toEqual([]);
    expect((await personRow(world.app.database, people.U0LIAM!.id)).erasedAt).not.toBeNull();
  });
});
