// `summary` and `summary weekly` through the core: who may ask, where it goes, what it never shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { CoreDeps } from '../../src/core/context.js';
import { createTandem } from '../../src/core/create-tandem.js';
import type { Message, Outcome } from '../../src/core/messages.js';
import type { Actor, Tandem } from '../../src/core/tandem.js';
import { plain } from '../../src/core/text.js';
import { composeNotification } from '../../src/core/use-cases/compose-notification.js';
import { DIGEST_KIND, enqueueWeeklyDigests } from '../../src/core/use-cases/weekly-summary.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { notifications, sessions, summaries } from '../../src/store/schema.js';
import { seedDatabase } from '../../src/store/seed.js';
import { testClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { seedWorld, type World } from './world.js';

let testDb: TestDatabase;
let store: DrizzleStore;
let core: Tandem;
let deps: CoreDeps;
let world: World;
let programId: string;
const clock = testClock('2026-11-25T09:00:00Z');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const CHANNEL = { id: 'C0PROGRAM', name: 'program-team' };

function actor(userId: string, name: string, locale: string, options: { channel?: boolean; shared?: boolean } = {}): Actor {
  return {
    identity: { platform: 'slack', tenantId: 'T0TANDEM', userId },
    fetchProfile: async () => ({ name, email: `${userId.toLowerCase()}@example.com`, locale, timeZone: 'Europe/Paris' }),
    ...(options.channel === false ? {} : { channel: CHANNEL }),
    ...(options.shared ? { conversation: 'shared' as const } : {}),
  };
}

const admin = actor('UADMIN', 'Admin Person', 'en-GB');
const manager = actor('UMANAGER', 'Manon Sponsor', 'fr-FR');
const englishManager = actor('UMANAGER2', 'Mark Sponsor', 'en-US');
const participant = actor('UPART', 'Paula Participant', 'en-GB');

const textOf = (message: Message) => plain(JSON.stringify(message.blocks).replace(/\\u000[23]/g, ''));
function posted(outcome: Outcome): Message {
  expect(outcome.kind).toBe('channel');
  return (outcome as Extract<Outcome, { kind: 'channel' }>).message;
}
async function summaryCount(): Promise<number> {
  const [row] = await testDb.database.db.select({ n: count() }).from(summaries).where(eq(summaries.programId, programId));
  return Number(row!.n);
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  store = DrizzleStore.from(testDb.database);
  deps = {
    store,
    clock,
    logger: silent,
    settings: { admins: ['uadmin@example.com'], defaultLocale: 'en', defaultTimeZone: 'Europe/Paris', profileTtlMs: 7 * 86_400_000, publicUrl: 'http://127.0.0.1:3978' },
  };
  core = createTandem(deps);
  programId = (await store.findOpenProgram())!.id;
  world = await seedWorld(testDb.database.db, store, programId, clock.now());
  for (const who of [manager, englishManager]) {
    const person = await core.resolvePerson(who);
    await store.grantRole(programId, person.id, 'manager');
  }
}, 60_000);
afterAll(async () => testDb?.dispose());

describe('summary in a channel', () => {
  it('is posted for everyone in the channel, in the requester’s language, without any name or feedback text', async () => {
    const english = textOf(posted(await core.handleCommand(englishManager, 'summary')));
    expect(english).toContain('Program summary — Tandem');
    expect(english).toContain('Sessions held per week');
    expect(english).toContain('This is the first summary');
    expect(english).toMatch(/Feedback response rate/);
    for (const enrollment of world.enrollments) expect(english).not.toContain(enrollment.name);
    expect(english).not.toMatch(/Zed|Quartz|secret-learning/);

    const french = textOf(posted(await core.handleCommand(manager, 'résumé')));
    expect(french).toContain('Bilan du programme — Tandem');
    expect(french).toContain('Séances tenues par semaine');
    expect(french).toContain('Depuis le bilan précédent');
    expect(french).not.toMatch(/Zed|Quartz|secret-learning/);
    expect(await summaryCount()).toBe(2);
  });

  it('shows the trend since the previous summary with ▲/▼', async () => {
    const pair = world.pairs.find((p) => p.status === 'active')!;
    await testDb.database.db
      .insert(sessions)
      .values({ pairId: pair.id, topic: 'cybersecurity', startsAt: new Date(clock.now().getTime() - 3_600_000 * 3), durationMinutes: 60, status: 'held', calendarToken: randomUUID() });
    const text = textOf(posted(await core.handleCommand(admin, 'summary')));
    const held = world.sessions.filter((s) => s.status === 'held').length + 1;
    expect(text).toContain(`Sessions held: ${held} (▲ 1)`);
  });

  it('refuses a participant privately and posts nothing', async () => {
    const before = await summaryCount();
    const outcome = await core.handleCommand(participant, 'summary');
    expect(outcome).toMatchObject({ kind: 'message', personal: true });
    expect(textOf((outcome as Extract<Outcome, { kind: 'message' }>).message)).toContain('Only the program’s managers and admins can post its summary');
    // The same in a shared Teams-like conversation: still private, never the private_only notice in the channel.
    expect(await core.handleCommand(actor('UPART', 'Paula Participant', 'en-GB', { shared: true }), 'bilan')).toMatchObject({ kind: 'message', personal: true });
    expect(await summaryCount()).toBe(before);
  });

  it('asks for a channel when typed in a direct message, and posts nothing', async () => {
    const before = await summaryCount();
    const outcome = await core.handleCommand(actor('UMANAGER2', 'Mark Sponsor', 'en-US', { channel: false }), 'summary');
    expect(outcome.kind).toBe('message');
    expect(textOf((outcome as Extract<Outcome, { kind: 'message' }>).message)).toContain('type `/tandem summary` in the channel');
    expect(await summaryCount()).toBe(before);
  });

  it('is answered in a shared conversation (Teams channel), where other commands are not', async () => {
    const shared = actor('UMANAGER2', 'Mark Sponsor', 'en-US', { shared: true });
    expect((await core.handleCommand(shared, 'summary')).kind).toBe('channel');
    const me = await core.handleCommand(shared, 'me');
    expect(me.kind).toBe('message');
    expect(textOf((me as Extract<Outcome, { kind: 'message' }>).message)).toContain('Your answers are personal');
  });

  it('explains its usage for a malformed command', async () => {
    const outcome = await core.handleCommand(englishManager, 'summary weekly someday');
    expect(textOf((outcome as Extract<Outcome, { kind: 'message' }>).message)).toContain('/tandem summary weekly monday 9');
  });
});

describe('weekly summary', () => {
  it('can only be switched by an admin', async () => {
    for (const who of [participant, englishManager]) {
      const outcome = await core.handleCommand(who, 'summary weekly monday 9');
      expect(outcome).toMatchObject({ kind: 'message', personal: true });
    }
    expect((await store.getProgram(programId))!.settings.digest).toBeNull();
  });

  it('switched on in a channel, is enqueued once per week at its slot and composed in the admin’s language', async () => {
    const on = await core.handleCommand(admin, 'summary weekly monday 9');
    expect(textOf((on as Extract<Outcome, { kind: 'message' }>).message)).toContain('every *Monday at 09:00* (Europe/Paris). The first one comes on Monday 30 November');
    const adminPerson = await core.resolvePerson(admin);
    expect((await store.getProgram(programId))!.settings.digest).toMatchObject({ channel: 'C0PROGRAM', platform: 'slack', day: 1, hour: 9, by: adminPerson.id });
    expect(await store.getChannelRef('slack', 'T0TANDEM', 'C0PROGRAM')).toMatchObject({ name: 'program-team' });
    expect(textOf((await core.handleCommand(englishManager, 'summary weekly') as Extract<Outcome, { kind: 'message' }>).message)).toContain(
      'posted in this channel every *Monday at 09:00*',
    );

    const digests = async () => (await store.listNotifications({ kinds: [DIGEST_KIND] })).filter((n) => n.status !== 'cancelled');
    clock.set('2026-11-30T07:59:00Z'); // 08:59 in Paris: not yet
    expect(await enqueueWeeklyDigests(deps)).toBe(0);
    clock.set('2026-11-30T08:01:00Z');
    await enqueueWeeklyDigests(deps);
    clock.set('2026-11-30T08:16:00Z');
    await enqueueWeeklyDigests(deps);
    const first = await digests();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ recipientId: adminPerson.id, payload: { programId, channel: { platform: 'slack', tenantId: 'T0TANDEM', channelId: 'C0PROGRAM' } } });
    expect(first[0]!.dueAt.toISOString()).toBe('2026-11-30T08:00:00.000Z');

    const message = await composeNotification(deps, first[0]!, adminPerson);
    expect(textOf(message!)).toContain('Weekly summary — Tandem');
    expect(textOf(message!)).not.toMatch(/Zed|Quartz|secret-learning/);

    clock.set('2026-12-07T08:05:00Z');
    await enqueueWeeklyDigests(deps);
    expect(await digests()).toHaveLength(2);
    clock.set('2026-11-25T09:00:00Z');
  });

  it('switched off, stops and cancels what was waiting', async () => {
    clock.set('2026-12-14T08:02:00Z');
    await enqueueWeeklyDigests(deps);
    const [pending] = await testDb.database.db.select().from(notifications).where(eq(notifications.dedupeKey, `${DIGEST_KIND}:${programId}:2026-W51`));
    expect(pending?.status).toBe('pending');
    const off = await core.handleCommand(admin, 'summary weekly off');
    expect(textOf((off as Extract<Outcome, { kind: 'message' }>).message)).toContain('The weekly summary is switched off');
    const [cancelled] = await testDb.database.db.select().from(notifications).where(eq(notifications.dedupeKey, `${DIGEST_KIND}:${programId}:2026-W51`));
    expect(cancelled?.status).toBe('cancelled');
    expect((await store.getProgram(programId))!.settings.digest).toBeNull();
    clock.set('2026-12-21T08:02:00Z');
    expect(await enqueueWeeklyDigests(deps)).toBe(0);
    clock.set('2026-11-25T09:00:00Z');
  });
});
