// Programs and settings as admins use them on Slack (slash commands, buttons, a modal) and on Teams
// (messages, cards, a card form), through the real app, store and adapters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plain } from '../../src/core/text.js';
import { testClock } from '../support/clock.js';
import type { FakeSlackUser } from '../fakes/slack-api.js';
import { allMrkdwn, button, inputBlocks, mrkdwnOf, plainOf, startSlackWorld, type SlackWorld } from '../integration/slack-helpers.js';
import { buttons, cardOf, cardText, fieldErrors, inputs, startTeamsWorld, TeamsUserDriver, type TeamsWorld } from '../integration/teams-helpers.js';
import { t as translate, trusted } from '../../src/core/i18n/index.js';

/** A catalogue message as a Teams card reads once its marks are undone (see cardText). */
const words = (locale: 'en' | 'fr', key: Parameters<typeof translate>[1], params: Parameters<typeof translate>[2] = {}) =>
  plain(translate(locale, key, { prefix: trusted(''), ...params })).replace(/`/g, '').replace(/\*/g, '');

/** What Teams sends for a form card left as it is: every input's current value. */
function cardDefaults(card: Parameters<typeof cardOf>[0]): Record<string, string> {
  return Object.fromEntries(inputs(cardOf(card)).map((input) => [input.id as string, input.value === undefined ? '' : String(input.value)]));
}

describe('on Slack', () => {
  let world: SlackWorld;
  const user = (name: string, locale: 'en-US' | 'fr-FR'): FakeSlackUser => ({ name, real_name: name, display_name: name, email: `${name.toLowerCase()}@example.com`, locale, tz: 'Europe/Paris' });

  beforeAll(async () => {
    world = await startSlackWorld({ U0ADMIN: user('Alix', 'fr-FR'), U0NEW: user('Noa', 'en-US') }, { admins: 'U0ADMIN', clock: testClock('2026-11-25T09:00:00Z') });
  });
  afterAll(async () => world?.close());

  it('closes sign-up with a button, and a newcomer is told sign-up is closed', async () => {
    const admin = world.user('U0ADMIN');
    const shown = await admin.ask('admin programme');
    expect(allMrkdwn(shown)).toContain(mrkdwnOf('fr', 'oversight.program.status.open'));
    const { reply } = await admin.click(button(shown, 'tandem:program.close'));
    expect(allMrkdwn(reply!)).toContain(mrkdwnOf('fr', 'oversight.program.closed', { program: 'Tandem' }));
    expect(reply!.body.replace_original).toBe(true);
    expect((await world.app.store.findCurrentProgram())!.status).toBe('closed');
    const refused = await world.user('U0NEW').ask('join mentee');
    expect(allMrkdwn(refused)).toContain(mrkdwnOf('en', 'oversight.program.join_closed', { program: 'Tandem' }));
    expect(world.slack.calls('views.open')).toHaveLength(0);
  });

  it('edits the settings in a modal: field errors in French, then saved', async () => {
    const admin = world.user('U0ADMIN');
    const shown = await admin.ask('admin réglages');
    await admin.click(button(shown, 'tandem:settings.edit'), { expectReply: false });
    const opened = await world.slack.waitFor('views.open');
    const view = opened.body.view as Record<string, unknown>;
    const ids = inputBlocks(view).map((block) => block.block_id);
    expect(ids).toEqual(['approval', 'cadence', 'duration', 'sessions', 'modules', 'reminders', 'nudgeMentee', 'nudgeBoth', 'nudgeAdmins', 'languages']);
    expect(inputBlocks(view).find((b) => b.block_id === 'duration')!.element).toMatchObject({ type: 'number_input', min_value: '15', max_value: '240' });

    const bad = await admin.submit(view, { reminders: 'demain', nudgeBoth: '3' });
    expect(bad.json).toEqual({
      response_action: 'errors',
      errors: {
        reminders: plainOf('fr', 'oversight.settings.error.reminders_format', { value: 'demain' }),
        nudgeBoth: plainOf('fr', 'oversight.settings.error.nudge_both', { days: 7 }),
      },
    });
    expect((await world.app.store.findCurrentProgram())!.settings.reminderOffsetsMinutes).toEqual([1440, 60]);

    const before = admin.dms().length;
    const good = await admin.submit(view, { reminders: '2j, 30min', approval: 'not_required' });
    expect(good.status).toBe(200);
    expect(good.raw).toBe('');
    const done = await admin.dm(before);
    expect(allMrkdwn(done)).toContain(mrkdwnOf('fr', 'oversight.settings.saved', { changes: { trusted: 'Validation des mentors et Rappels de séance' } }));
    expect((await world.app.store.findCurrentProgram())!.settings).toMatchObject({ approvalRequired: false, reminderOffsetsMinutes: [2880, 30] });
  });
});

describe('on Teams', () => {
  let world: TeamsWorld;
  let admin: TeamsUserDriver;
  let newcomer: TeamsUserDriver;

  beforeAll(async () => {
    world = await startTeamsWorld({ TANDEM_ADMINS: 'admin@example.com' }, testClock('2026-11-25T09:00:00Z'));
    admin = new TeamsUserDriver(world, { key: 'grace', name: 'Grace', locale: 'en-US', member: { name: 'Grace', email: 'admin@example.com' } });
    newcomer = new TeamsUserDriver(world, { key: 'remi', name: 'Rémi', locale: 'fr-FR', member: { name: 'Rémi', email: 'remi@example.com' } });
  });
  afterAll(async () => world?.close());

  it('closes sign-up, refuses a newcomer in French, and reopens', async () => {
    const shown = await admin.say('admin program');
    expect(cardText(shown)).toContain(words('en', 'oversight.program.status.open'));
    const closed = await admin.click(shown, words('en', 'oversight.program.close'));
    expect(cardText(closed)).toContain(words('en', 'oversight.program.closed', { program: 'Tandem' }));
    expect(cardText(await newcomer.say('rejoindre mentoré'))).toContain(words('fr', 'oversight.program.join_closed', { program: 'Tandem' }));
    const reopened = await admin.click(closed, words('en', 'oversight.program.reopen'));
    expect(cardText(reopened)).toContain(words('en', 'oversight.program.reopened', { program: 'Tandem' }));
    expect(buttons(reopened).map((b) => b.title)).toContain(words('en', 'oversight.program.close'));
    expect((await world.app.store.listAuditEntries()).map((e) => e.action).filter((a) => a.startsWith('program.'))).toEqual(['program.closed', 'program.reopened']);
  });

  it('edits the settings in a card form: errors under the fields, then saved', async () => {
    const shown = await admin.say('admin settings');
    const form = await admin.click(shown, words('en', 'oversight.settings.edit'));
    expect(inputs(cardOf(form)).map((input) => input.id)).toEqual(['approval', 'cadence', 'duration', 'sessions', 'modules', 'reminders', 'nudgeMentee', 'nudgeBoth', 'nudgeAdmins', 'languages']);
    const redrawn = await admin.submit(form, { ...cardDefaults(form), nudgeAdmins: '10', modules: 'Quantum' });
    expect(fieldErrors(redrawn)).toEqual({
      nudgeAdmins: words('en', 'oversight.settings.error.nudge_admins', { days: 14 }),
      modules: words('en', 'oversight.settings.error.modules_unknown', { names: '“Quantum”' }),
    });
    const done = await admin.submit(redrawn, { ...cardDefaults(redrawn), nudgeAdmins: '30', modules: 'cybersecurity' });
    expect(cardText(done)).toContain(words('en', 'oversight.settings.saved', { changes: { trusted: 'Default plan and Nudges when a pair goes quiet' } }));
    expect((await world.app.store.findCurrentProgram())!.settings).toMatchObject({ nudgeDays: { mentee: 7, both: 14, admins: 30 }, defaultPlan: { modules: ['cybersecurity'] } });
  });
});
