// The summary on Teams, through POST /api/messages: a mention in a channel, a reply in its thread,
// refusals in the person's 1:1 chat only, and the weekly post in the channel itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsMessage, type RecordedActivity } from '../fakes/bot-connector.js';
import { enqueueWeeklyDigests } from '../../src/core/use-cases/weekly-summary.js';
import { cardMarkdown, cardOf, cardText, startTeamsWorld, TeamsUserDriver, TENANT, type TeamsWorld } from '../integration/teams-helpers.js';
import { testClock } from '../support/clock.js';
import { seedWorld } from './world.js';

let world: TeamsWorld;
const clock = testClock('2026-11-25T09:00:00Z');
const CHANNEL_ID = '19:program@thread.tacv2';
const THREAD = `${CHANNEL_ID};messageid=1764061200000`;
let admin: TeamsUserDriver;
let manager: TeamsUserDriver;
let participant: TeamsUserDriver;

beforeAll(async () => {
  world = await startTeamsWorld({ TANDEM_ADMINS: 'ada@example.com' }, clock);
  admin = new TeamsUserDriver(world, { key: 'ada', name: 'Ada Admin', locale: 'en-US', member: { name: 'Ada Admin', email: 'ada@example.com' } });
  manager = new TeamsUserDriver(world, { key: 'marc', name: 'Marc Sponsor', locale: 'fr-FR', member: { name: 'Marc Sponsor', email: 'marc@example.com' } });
  participant = new TeamsUserDriver(world, { key: 'paula', name: 'Paula Participant', locale: 'en-US', member: { name: 'Paula Participant', email: 'paula@example.com' } });
  const { app } = world;
  const program = (await app.store.findOpenProgram())!;
  // Seeded first: a long pause after the last request would leave fetch a stale keep-alive socket.
  await seedWorld(app.database.db, app.store, program.id, clock.now());
  for (const driver of [admin, manager, participant]) await driver.say('help');
  const person = (await app.store.findPerson({ platform: 'teams', tenantId: TENANT, userId: manager.aadObjectId }))!;
  await app.store.grantRole(program.id, person.id, 'manager');
}, 90_000);
afterAll(async () => world?.close());

/** A message mentioning the bot in the program channel's thread; returns what the bot posted anywhere. */
async function mentionInChannel(driver: TeamsUserDriver, text: string): Promise<RecordedActivity[]> {
  const before = world.connector.activities().length;
  const activity = teamsMessage({
    serviceUrl: world.connector.serviceUrl,
    userId: driver.userId,
    aadObjectId: driver.aadObjectId,
    name: driver.spec.name,
    locale: driver.spec.locale,
    tenantId: TENANT,
    conversationId: THREAD,
    conversationType: 'channel',
    channel: { id: CHANNEL_ID, name: 'Program team' },
    text,
    mentionBot: true,
  });
  const res = await fetch(`${world.app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  return world.connector.activities().slice(before);
}

describe('summary on Teams', () => {
  it('a manager’s summary is a reply in the channel thread, in French, with a monospace chart', async () => {
    const [reply, ...more] = await mentionInChannel(manager, 'résumé');
    expect(more).toHaveLength(0);
    expect(reply!.conversationId).toBe(THREAD);
    const text = cardText(reply!);
    expect(text).toContain('Bilan du programme — Tandem');
    expect(text).toContain('Séances tenues par semaine');
    expect(text).not.toMatch(/Zed|Quartz|secret-learning/);
    const chart = (cardOf(reply!).body as { fontType?: string; text: string }[]).filter((block) => block.fontType === 'Monospace');
    expect(chart).toHaveLength(8);
    expect(chart.map((line) => line.text).join('\n')).toContain('█');
    // Non-breaking spaces keep the columns: every bar starts at the same position.
    expect(new Set(chart.map((line) => line.text.search(/[█▌]|\u00a0\u00a0\d+$/))).size).toBeLessThanOrEqual(2);
  });

  it('a participant’s request is refused in their 1:1 chat; nothing is posted in the channel', async () => {
    const sent = await mentionInChannel(participant, 'summary');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe(participant.conversationId);
    expect(cardMarkdown(sent[0]!)).toContain('Only the program’s managers and admins can post its summary');
  });

  it('the weekly summary switched on by an admin is posted in the channel itself, once per week', async () => {
    const [confirmation] = await mentionInChannel(admin, 'summary weekly monday 9');
    expect(confirmation!.conversationId).toBe(THREAD);
    expect(cardText(confirmation!)).toContain('every Monday at 09:00');

    const inChannel = () => world.connector.activities((a) => a.conversationId === CHANNEL_ID);
    clock.set('2026-11-30T08:01:00Z');
    await enqueueWeeklyDigests(world.app.deps);
    await world.app.deliver();
    expect(inChannel()).toHaveLength(1);
    expect(cardText(inChannel()[0]!)).toContain('Weekly summary — Tandem');

    clock.set('2026-11-30T09:01:00Z');
    await enqueueWeeklyDigests(world.app.deps);
    await world.app.deliver();
    expect(inChannel()).toHaveLength(1);
  });
});
