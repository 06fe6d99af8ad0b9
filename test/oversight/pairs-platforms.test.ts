// Pair oversight through the real endpoints: on Slack the at-risk list's End button ends the pair and the
// partners are told in their DMs; on Teams Rematch → Next round, and a failed delivery retried.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enrollment, Person } from '../../src/core/types.js';
import type { App } from '../../src/app.js';
import { buttonsOf, startSlackWorld, TEAM_ID, type SlackWorld } from '../integration/slack-helpers.js';
import { buttons, cardText, startTeamsWorld, TeamsUserDriver, TENANT, type TeamsWorld } from '../integration/teams-helpers.js';

const DAY = 24 * 60 * 60 * 1000;

/** A quiet pair seeded in the store: created 30 days ago, nothing ever planned. */
async function quietPair(app: App, mentor: Person, mentee: Person): Promise<string> {
  const program = (await app.store.findOpenProgram())!;
  const enroll = (person: Person, role: 'mentor' | 'mentee'): Promise<Enrollment> =>
    app.store.saveEnrollment({
      programId: program.id,
      personId: person.id,
      role,
      status: 'approved',
      topics: [{ topic: 'cybersecurity', level: 3 }],
      teachBack: [],
      languages: ['en', 'fr'],
      capacity: 1,
      availability: [],
      bio: '',
      department: null,
      managerEmail: null,
      charterAcceptedAt: app.deps.clock.now(),
      approvedAt: app.deps.clock.now(),
    });
  const [pair] = await app.store.insertPairs([
    {
      programId: program.id,
      roundId: null,
      mentorEnrollmentId: (await enroll(mentor, 'mentor')).id,
      menteeEnrollmentId: (await enroll(mentee, 'mentee')).id,
      score: 20,
      reasons: [],
      plan: program.settings.defaultPlan,
    },
  ]);
  await app.database.db.execute(sql`UPDATE pairs SET created_at = ${new Date(app.deps.clock.now().getTime() - 30 * DAY).toISOString()} WHERE id = ${pair!.id}`);
  return pair!.id;
}

describe('on Slack', () => {
  let world: SlackWorld;
  let pairId: string;

  beforeAll(async () => {
    world = await startSlackWorld(
      {
        U0ADMIN: { name: 'Ada', email: 'ada@example.com' },
        U0MONA: { name: 'Mona', email: 'mona@example.com' },
        U0EVE: { name: 'Eve', email: 'eve@example.com', locale: 'fr-FR' },
      },
      { admins: 'U0ADMIN' },
    );
    await world.user('U0MONA').ask('help');
    await world.user('U0EVE').ask('help');
    const person = async (userId: string) => (await world.app.store.findPerson({ platform: 'slack', tenantId: TEAM_ID, userId }))!;
    pairId = await quietPair(world.app, await person('U0MONA'), await person('U0EVE'));
  });
  afterAll(async () => world?.close());

  it('lists the quiet pair with its three buttons; End asks, then ends and tells both partners', async () => {
    const list = await world.user('U0ADMIN').ask('admin at-risk');
    expect(list.text).toContain('Pairs at risk: 1');
    const actions = buttonsOf(list).map((b) => [b.action_id, b.value]);
    expect(actions).toEqual([
      ['tandem:pair.remind', pairId],
      ['tandem:pair.rematch', pairId],
      ['tandem:pair.end', pairId],
    ]);
    const ask = await world.user('U0ADMIN').click(buttonsOf(list)[2]!);
    const confirm = buttonsOf(ask.reply!).find((b) => b.action_id === 'tandem:pair.end.confirm')!;
    const done = await world.user('U0ADMIN').click(confirm);
    expect(done.reply!.body.replace_original).toBe(true);
    expect(done.reply!.blocks.map((b) => JSON.stringify(b)).join('')).toContain('has ended');
    expect((await world.app.store.getPair(pairId))!.status).toBe('ended');

    await world.app.deliver();
    const posts = world.slack.calls('chat.postMessage').map((c) => ({ channel: c.body.channel, text: String(c.body.text) }));
    expect(posts.find((p) => p.channel === 'DU0MONA')?.text).toContain('your pair with Eve has come to an end');
    expect(posts.find((p) => p.channel === 'DU0EVE')?.text).toContain('votre binôme avec Mona prend fin');
  });

  it('refuses a participant’s click on an admin button', async () => {
    const refused = await world.user('U0EVE').click({ action_id: 'tandem:pair.end.confirm', value: pairId });
    expect(refused.reply!.text).toContain('Seuls les administrateurs');
  });
});

describe('on Teams', () => {
  let world: TeamsWorld;
  let admin: TeamsUserDriver;
  let pairId: string;

  beforeAll(async () => {
    world = await startTeamsWorld({ TANDEM_ADMINS: 'admin@example.com' });
    admin = new TeamsUserDriver(world, { key: 'grace', name: 'Grace', locale: 'en-US', member: { name: 'Grace Hopper', email: 'admin@example.com' } });
    const mona = new TeamsUserDriver(world, { key: 'mona', name: 'Mona', locale: 'en-US', member: { name: 'Mona', email: 'mona@example.com' } });
    const eve = new TeamsUserDriver(world, { key: 'eve', name: 'Eve', locale: 'fr-FR', member: { name: 'Eve', email: 'eve@example.com' } });
    await mona.say('help');
    await eve.say('help');
    const person = async (driver: TeamsUserDriver) => (await world.app.store.findPerson({ platform: 'teams', tenantId: TENANT, userId: driver.aadObjectId }))!;
    pairId = await quietPair(world.app, await person(mona), await person(eve));
  });
  afterAll(async () => world?.close());

  it('Rematch → Next round ends the pair; both stay in the pool', async () => {
    const list = await admin.say('admin at-risk');
    expect(cardText(list)).toContain('Pairs at risk: 1');
    expect(buttons(list).map((b) => b.title)).toEqual(['Remind both', 'Rematch', 'End the pair']);
    const choice = await admin.click(list, 'Rematch');
    expect(cardText(choice)).toContain('Rematch the pair Mona (mentor) & Eve (mentee)');
    const done = await admin.click(choice, 'Next round');
    expect(cardText(done)).toContain('will be considered at the next pairing round');
    expect((await world.app.store.getPair(pairId))!.status).toBe('ended');
  });

  it('admin failed lists a failed delivery in words; Retry queues it again', async () => {
    const eve = (await world.app.store.findPeopleByEmail('eve@example.com'))[0]!;
    await world.app.store.enqueueNotifications([{ recipientId: eve.id, kind: 'pair.intro', payload: { pairId }, dueAt: world.app.deps.clock.now(), dedupeKey: 'failed-intro' }]);
    await world.app.database.db.execute(
      sql`UPDATE notifications SET status = 'failed', attempts = 5, last_error = 'Bot Connector refused the message (403): Forbidden' WHERE dedupe_key = 'failed-intro'`,
    );
    const list = await admin.say('admin failed');
    expect(cardText(list)).toContain('Pair introduction to Eve — attempts: 5');
    expect(cardText(list)).toContain('The platform refused the message');
    const retried = await admin.click(list, 'Retry');
    expect(cardText(retried)).toContain('Queued again');
    expect((await world.app.store.findNotificationByKey('failed-intro'))!.status).toBe('pending');
  });
});
