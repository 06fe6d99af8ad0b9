// Proactive messages to Teams people who never wrote to the bot: the 1:1 chat is created (Bot
// Connector POST /v3/conversations) from a colleague's conversation reference in the same tenant.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_CONVERSATION_IN_TENANT, TeamsMessenger, type TeamsMessengerOptions } from '../../src/adapters/teams/messenger.js';
import { message } from '../../src/core/messages.js';
import { DeliveryError } from '../../src/core/ports.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { BOT, teamsMessage } from '../fakes/bot-connector.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { personOf, startHarness, type Harness } from './harness.js';

const TENANT = 'tenant-1';
const ADA = { userId: '29:1-ada', aadObjectId: 'aad-ada', name: 'Ada Lovelace', tenantId: TENANT };
// Grace is in Ada's tenant but never wrote to the bot; Tandem knows her by her Entra object id.
const grace = teamsPerson('aad-grace');
const reminder = message([{ type: 'text', text: 'Your mentoring session is tomorrow' }]);

// botbuilder stays under src/adapters/teams/ (boundary.test.ts): its types are reached through the messenger's.
type Adapter = TeamsMessengerOptions['adapter'];
type Logic = Parameters<Adapter['createConversationAsync']>[5];
type Context = Parameters<Logic>[0];

function teamsPerson(userId: string, tenantId = TENANT) {
  return personOf({ identity: { platform: 'teams', tenantId, userId }, hint: { name: userId } });
}

let h: Harness;
let findInTenant: ReturnType<typeof vi.fn<(tenantId: string) => Promise<Record<string, unknown> | null>>>;
beforeEach(async () => {
  h = await startHarness();
  // The harness' store only keeps references: give it the tenant look-up, most recently saved first.
  findInTenant = vi.fn(async (tenantId: string) => {
    const inTenant = [...h.store.references.values()].filter(
      (reference) => (reference.conversation as { tenantId?: string } | undefined)?.tenantId === tenantId,
    );
    return inTenant.at(-1) ?? null;
  });
  Object.assign(h.store, { findConversationReferenceInTenant: findInTenant });
  await h.post(teamsMessage({ serviceUrl: h.connector.serviceUrl, ...ADA, text: 'me' }));
  h.connector.clear();
  h.store.saveConversationReference.mockClear();
});
afterEach(async () => {
  await h.close();
});

async function sendError(to = grace): Promise<DeliveryError> {
  const error = await h.teams.messenger.send(to, reminder).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('TeamsMessenger, someone who never wrote to the bot', () => {
  it('creates the 1:1 chat from a colleague’s reference, delivers the card there and keeps the reference', async () => {
    const { messageId } = await h.teams.messenger.send(grace, reminder);

    expect(h.connector.createdConversations).toHaveLength(1);
    const [created] = h.connector.createdConversations;
    expect(created).toMatchObject({
      conversationId: 'a:new-1',
      members: [{ id: 'aad-grace' }],
      tenantId: TENANT,
      bot: { ...BOT },
      isGroup: false,
    });
    expect(created!.body.channelData).toEqual({ tenant: { id: TENANT } });
    // Local mode: the borrowed serviceUrl is the fake on 127.0.0.1, and no token is sent.
    expect(h.connector.calls[0]).toMatchObject({ kind: 'createConversation', path: '/v3/conversations' });
    expect(h.connector.calls[0]!.headers.authorization).toBeUndefined();

    const [sent] = h.connector.activities();
    expect(sent).toMatchObject({ conversationId: 'a:new-1', activityId: messageId });
    expect(sent!.activity).toMatchObject({
      type: 'message',
      summary: 'Your mentoring session is tomorrow',
      from: { ...BOT },
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }],
    });

    expect(h.store.saveConversationReference).toHaveBeenCalledTimes(1);
    expect(h.store.references.get(grace.id)).toMatchObject({
      serviceUrl: h.connector.serviceUrl,
      channelId: 'msteams',
      bot: { ...BOT },
      conversation: { id: 'a:new-1', tenantId: TENANT, isGroup: false },
    });

    // The next send and an update go to the stored chat: no second creation.
    await h.teams.messenger.send(grace, reminder);
    await h.teams.messenger.update(grace, messageId, message([{ type: 'text', text: 'Moved to Friday' }]));
    expect(h.connector.createdConversations).toHaveLength(1);
    expect(h.connector.calls.filter((c) => c.kind === 'createConversation')).toHaveLength(1);
    expect(h.connector.activities().map((a) => [a.kind === 'update' ? 'update' : 'post', a.conversationId])).toEqual([
      ['post', 'a:new-1'],
      ['post', 'a:new-1'],
      ['update', 'a:new-1'],
    ]);
  });

  it('names a person Teams gave no Entra object id by their 29: id', async () => {
    const bob = teamsPerson('29:1-bob');
    await h.teams.messenger.send(bob, reminder);
    expect(h.connector.createdConversations[0]!.members).toEqual([{ id: '29:1-bob' }]);
    expect(h.connector.activities()[0]!.conversationId).toBe('a:new-1');
  });

  it('borrows only from the person’s own tenant', async () => {
    const error = await sendError(teamsPerson('aad-linus', 'tenant-2'));
    expect(error.message).toBe(NO_CONVERSATION_IN_TENANT);
    expect(error.options.permanent).toBe(true);
    expect(findInTenant).toHaveBeenCalledWith('tenant-2');
    expect(h.connector.calls).toHaveLength(0);
  });

  it('fails for good when the store cannot look up the tenant', async () => {
    delete (h.store as { findConversationReferenceInTenant?: unknown }).findConversationReferenceInTenant;
    const error = await sendError();
    expect(error.message).toBe(NO_CONVERSATION_IN_TENANT);
    expect(error.options.permanent).toBe(true);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('keeps the local-mode guard on the borrowed serviceUrl', async () => {
    h.store.references.set('person:elsewhere', {
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      bot: { ...BOT },
      conversation: { id: 'a:1personal-someone', tenantId: 'tenant-3' },
    });
    const error = await sendError(teamsPerson('aad-linus', 'tenant-3'));
    expect(error.options.permanent).toBe(true);
    expect(error.message).toMatch(/local mode/);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('fails for good on a borrowed reference without a bot account', async () => {
    h.store.references.set('person:odd', { serviceUrl: h.connector.serviceUrl, conversation: { id: 'a:1', tenantId: 'tenant-3' } });
    const error = await sendError(teamsPerson('aad-linus', 'tenant-3'));
    expect(error.options.permanent).toBe(true);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('reports a 429 on creation with Retry-After, stores nothing, and creates on the next attempt', async () => {
    // botbuilder's HTTP pipeline retries the throttled request three times, honouring Retry-After.
    for (let i = 0; i < 3; i += 1) h.connector.failNext(429, '0');
    h.connector.failNext(429, '9');
    const error = await sendError();
    expect(error.options).toEqual({ retryAfterMs: 9000 });
    expect(h.connector.calls.map((c) => [c.kind, c.status])).toEqual(Array(4).fill(['createConversation', 429]));
    expect(h.connector.activities()).toHaveLength(0);
    expect(h.store.references.has(grace.id)).toBe(false);

    await h.teams.messenger.send(grace, reminder);
    expect(h.connector.createdConversations).toHaveLength(1);
    expect(h.connector.activities()).toHaveLength(1);
  });

  it.each([403, 404])('marks %i on creation (app not installed for the person, user gone) as permanent', async (status) => {
    h.connector.failNext(status);
    const error = await sendError();
    expect(error.options.permanent).toBe(true);
    expect(error.message).toContain(String(status));
    expect(h.store.references.has(grace.id)).toBe(false);
  });

  it('sends nothing when the new reference cannot be stored (transient: the next attempt creates again)', async () => {
    h.store.saveConversationReference.mockRejectedValueOnce(new Error('database unavailable'));
    const error = await sendError();
    expect(error.options).toEqual({});
    expect(error.message).toMatch(/could not store the new Teams conversation: database unavailable/);
    expect(h.connector.activities()).toHaveLength(0);
  });

  it('updates in a created chat too', async () => {
    await h.teams.messenger.update(grace, 'm1', reminder);
    expect(h.connector.createdConversations).toHaveLength(1);
    expect(h.connector.calls.find((c) => c.kind === 'update')).toMatchObject({ conversationId: 'a:new-1', targetId: 'm1' });
  });
});

describe('TeamsMessenger with an app id', () => {
  it('creates the conversation as the bot, for the Bot Framework audience', async () => {
    const reference = { serviceUrl: 'https://smba.trafficmanager.net/emea/', bot: { id: '28:app-id', name: 'Tandem' }, conversation: { id: 'a:1' } };
    const saved: Record<string, unknown>[] = [];
    const sendActivity = vi.fn(async () => ({ id: 'm42' }));
    const createConversationAsync = vi.fn(
      async (_appId: string, channelId: string, serviceUrl: string, _audience: string, _parameters: unknown, logic: Logic) => {
        await logic({
          activity: { type: 'event', id: 'a:created', serviceUrl, channelId, conversation: { id: 'a:created' }, recipient: reference.bot },
          sendActivity,
        } as unknown as Context);
      },
    );
    const messenger = new TeamsMessenger({
      adapter: { createConversationAsync } as unknown as Adapter,
      appId: 'app-id',
      localMode: false,
      store: {
        getConversationReference: async () => null,
        saveConversationReference: async (_personId, value) => void saved.push(value),
        findConversationReferenceInTenant: async () => reference,
      },
    });

    expect(await messenger.send(grace, reminder)).toEqual({ messageId: 'm42' });
    const [appId, channelId, serviceUrl, audience, parameters] = createConversationAsync.mock.calls[0]!;
    expect([appId, channelId, serviceUrl, audience]).toEqual(['app-id', 'msteams', reference.serviceUrl, 'https://api.botframework.com']);
    expect(parameters).toEqual({
      isGroup: false,
      bot: { id: '28:app-id', name: 'Tandem' },
      members: [{ id: 'aad-grace' }],
      tenantId: TENANT,
      channelData: { tenant: { id: TENANT } },
    });
    expect(saved).toEqual([expect.objectContaining({ serviceUrl: reference.serviceUrl, conversation: { id: 'a:created' } })]);
  });
});

describe('DrizzleStore.findConversationReferenceInTenant', () => {
  let testDb: TestDatabase;
  let store: DrizzleStore;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
    store = DrizzleStore.from(testDb.database);
  });
  afterAll(async () => testDb?.dispose());

  const person = (platform: 'teams' | 'slack', tenantId: string, userId: string) =>
    store.savePerson({ platform, tenantId, userId, name: userId, email: null, locale: 'en', timeZone: 'Europe/Paris', profileFetchedAt: new Date() });

  it('returns a Teams reference of the tenant, the most recently updated one', async () => {
    expect(await store.findConversationReferenceInTenant('T-A')).toBeNull();
    const ada = await person('teams', 'T-A', 'aad-ada');
    const bob = await person('teams', 'T-A', 'aad-bob');
    const other = await person('teams', 'T-B', 'aad-other');
    const slack = await person('slack', 'T-A', 'U1');
    // Saved in this order; the clock (PGlite's now() can repeat) is set explicitly below.
    const save = async (who: { id: string }, id: string, minute: number) => {
      await store.saveConversationReference(who.id, { conversation: { id } });
      await testDb.database.db.execute(
        sql`UPDATE teams_conversation_refs SET updated_at = ${new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString()}::timestamptz WHERE person_id = ${who.id}`,
      );
    };
    await save(other, 'other', 3);
    await save(ada, 'ada', 1);
    await save(bob, 'bob', 2);
    expect(await store.findConversationReferenceInTenant('T-A')).toEqual({ conversation: { id: 'bob' } });

    await save(ada, 'ada-again', 4);
    expect(await store.findConversationReferenceInTenant('T-A')).toEqual({ conversation: { id: 'ada-again' } });
    // Only Teams people count, whatever a Slack workspace id looks like.
    await save(slack, 'slack', 5);
    expect(await store.findConversationReferenceInTenant('T-A')).toEqual({ conversation: { id: 'ada-again' } });
    expect(await store.findConversationReferenceInTenant('T-B')).toEqual({ conversation: { id: 'other' } });
    expect(await store.findConversationReferenceInTenant('T-C')).toBeNull();
  });
});
