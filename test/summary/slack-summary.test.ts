// The summary on Slack, through POST /slack/events: in_channel for managers, ephemeral refusals, the weekly post.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSlackRequest, slashCommandBody } from '../fakes/slack-api.js';
import { enqueueWeeklyDigests } from '../../src/core/use-cases/weekly-summary.js';
import { startSlackWorld, SIGNING_SECRET, TEAM_ID, type BlockJson, type SlackWorld } from '../integration/slack-helpers.js';
import { testClock } from '../support/clock.js';
import { seedWorld } from './world.js';

let world: SlackWorld;
const clock = testClock('2026-11-25T09:00:00Z');
let sequence = 0;

beforeAll(async () => {
  world = await startSlackWorld(
    {
      UADMIN: { name: 'admin', real_name: 'Ada Admin', email: 'ada@example.com', locale: 'en-GB', tz: 'Europe/Paris' },
      UMANAGER: { name: 'manon', real_name: 'Manon Sponsor', email: 'manon@example.com', locale: 'fr-FR', tz: 'Europe/Paris' },
      UPART: { name: 'paula', real_name: 'Paula Participant', email: 'paula@example.com', locale: 'en-GB', tz: 'Europe/Paris' },
    },
    { admins: 'UADMIN', clock },
  );
  const { app } = world;
  const program = (await app.store.findOpenProgram())!;
  await seedWorld(app.database.db, app.store, program.id, clock.now());
  await typeIn('UMANAGER', 'help', { channelId: 'DUMANAGER' });
  const manager = (await app.store.findPerson({ platform: 'slack', tenantId: TEAM_ID, userId: 'UMANAGER' }))!;
  await app.store.grantRole(program.id, manager.id, 'manager');
}, 90_000);
afterAll(async () => world?.close());

/** Types `/tandem <text>` in a channel (or a DM); returns the ack's JSON, or what came on the response_url. */
async function typeIn(userId: string, text: string, where: { channelId?: string; channelName?: string } = {}): Promise<BlockJson> {
  const responseId = `summary-${(sequence += 1)}`;
  const request = slashCommandBody({
    text,
    userId,
    teamId: TEAM_ID,
    channelId: where.channelId ?? 'C0PROGRAM',
    channelName: where.channelName ?? (where.channelId?.startsWith('D') ? 'directmessage' : 'program-team'),
    responseUrl: world.slack.responseUrl(responseId),
  });
  const res = await postSlackRequest(world.eventsUrl, request, { signingSecret: SIGNING_SECRET });
  expect(res.status).toBe(200);
  const raw = await res.text();
  if (raw.trim().startsWith('{')) return JSON.parse(raw) as BlockJson;
  return (await world.slack.waitFor('respond', (call) => call.responseId === responseId, 10_000)).body;
}

const blockText = (body: BlockJson) => JSON.stringify(body.blocks ?? []);

describe('summary on Slack', () => {
  it('a manager’s summary is posted in the channel for everyone, in French, with the chart in a code block', async () => {
    const answer = await typeIn('UMANAGER', 'bilan');
    expect(answer.response_type).toBe('in_channel');
    const blocks = answer.blocks as BlockJson[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Bilan du programme — Tandem' } });
    const chart = blocks.find((b) => b.type === 'section' && String(b.text?.text).startsWith('```'));
    expect(chart?.text.text).toMatch(/^```\n(\d\d\/\d\d {2}[█▌ ]* {2}\d+\n){7}\d\d\/\d\d {2}[█▌ ]* {2}\d+\n```$/);
    expect(chart?.text.text).toContain('█');
    expect(blockText(answer)).not.toMatch(/Zed|Quartz|secret-learning/);
  });

  it('a participant gets an ephemeral refusal, and nothing is posted', async () => {
    const postsBefore = world.slack.calls('chat.postMessage').length;
    const answer = await typeIn('UPART', 'summary');
    expect(answer.response_type).toBe('ephemeral');
    expect(blockText(answer)).toContain('Only the program’s managers and admins can post its summary');
    expect(world.slack.calls('respond').filter((call) => call.body.response_type === 'in_channel')).toHaveLength(0);
    expect(world.slack.calls('chat.postMessage')).toHaveLength(postsBefore);
  });

  it('in a direct message, the manager is asked to run it in a channel', async () => {
    const answer = await typeIn('UMANAGER', 'summary', { channelId: 'DUMANAGER' });
    expect(answer.response_type).toBe('ephemeral');
    expect(blockText(answer)).toContain('tapez `/tandem bilan` dans le canal de votre choix');
  });

  it('the weekly summary, switched on by an admin, is posted in the channel once per week', async () => {
    const on = await typeIn('UADMIN', 'summary weekly monday 9');
    expect(on.response_type).toBe('ephemeral');
    expect(blockText(on)).toContain('every *Monday at 09:00*');

    const inChannel = () => world.slack.calls('chat.postMessage').filter((call) => call.body.channel === 'C0PROGRAM');
    clock.set('2026-11-30T08:01:00Z');
    await enqueueWeeklyDigests(world.app.deps);
    await world.app.deliver();
    expect(inChannel()).toHaveLength(1);
    const blocks = (typeof inChannel()[0]!.body.blocks === 'string' ? JSON.parse(inChannel()[0]!.body.blocks as string) : inChannel()[0]!.body.blocks) as BlockJson[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Weekly summary — Tandem' } });

    clock.set('2026-11-30T08:31:00Z');
    await enqueueWeeklyDigests(world.app.deps);
    await world.app.deliver();
    expect(inChannel()).toHaveLength(1);

    clock.set('2026-12-07T08:01:00Z');
    await enqueueWeeklyDigests(world.app.deps);
    await world.app.deliver();
    expect(inChannel()).toHaveLength(2);
  });
});
