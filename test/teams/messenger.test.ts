import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_CONVERSATION_IN_TENANT, parseRetryAfter, toDeliveryError } from '../../src/adapters/teams/messenger.js';
import { message } from '../../src/core/messages.js';
import { DeliveryError } from '../../src/core/ports.js';
import { untrusted } from '../../src/core/text.js';
import { teamsMessage } from '../fakes/bot-connector.js';
import { personOf, startHarness, type Harness } from './harness.js';

const ADA = { userId: '29:1-ada', aadObjectId: 'aad-ada', name: 'Ada Lovelace', tenantId: 'tenant-1' };
const ada = personOf({ identity: { platform: 'teams', tenantId: 'tenant-1', userId: 'aad-ada' }, hint: { name: 'Ada Lovelace' } });
const reminder = message([{ type: 'text', text: `Session with ${untrusted('Grace <at>')} tomorrow` }]);

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  // A first message from Ada stores where to reach her.
  await h.post(teamsMessage({ serviceUrl: h.connector.serviceUrl, ...ADA, text: 'me' }));
  h.connector.clear();
});
afterEach(async () => {
  await h.close();
});

async function sendError(): Promise<DeliveryError> {
  const error = await h.teams.messenger.send(ada, reminder).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('TeamsMessenger', () => {
  it('posts the card to the stored personal conversation and returns its id', async () => {
    const { messageId } = await h.teams.messenger.send(ada, reminder);
    const [sent] = h.connector.activities();
    expect(sent).toBeDefined();
    expect(messageId).toBe(sent!.activityId);
    expect(sent!.conversationId).toBe('a:1personal-ada');
    expect(sent!.activity).toMatchObject({
      type: 'message',
      summary: 'Session with Grace <at> tomorrow',
      recipient: { id: ADA.userId },
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }],
    });
    expect(sent!.activity.attachments[0].content.body[0].text).toBe('Session with Grace &lt;at&gt; tomorrow');
    // Local mode: no bearer token on outgoing calls.
    expect(h.connector.calls[0]!.headers.authorization).toBeUndefined();
  });

  it('fails for good without a conversation reference, nor a way to create one', async () => {
    // This store cannot look up a colleague's reference (see create-conversation.test.ts for that).
    const stranger = { ...ada, id: 'person:nobody' };
    const error = await h.teams.messenger.send(stranger, reminder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).message).toBe(NO_CONVERSATION_IN_TENANT);
    expect((error as DeliveryError).options.permanent).toBe(true);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('fails for good on a reference it cannot use', async () => {
    h.store.references.set(ada.id, { serviceUrl: 'not a url' });
    expect((await sendError()).options.permanent).toBe(true);
    h.store.references.set(ada.id, { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'a:1' } });
    const error = await sendError();
    expect(error.options.permanent).toBe(true);
    expect(error.message).toMatch(/local mode/);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('reports a 429 with Retry-After once the SDK has used up its own retries', async () => {
    // botbuilder's HTTP pipeline retries a throttled request three times, honouring Retry-After.
    for (let i = 0; i < 3; i += 1) h.connector.failNext(429, '0');
    h.connector.failNext(429, '7');
    const error = await sendError();
    expect(error.options).toEqual({ retryAfterMs: 7000 });
    expect(h.connector.calls.filter((c) => c.status === 429)).toHaveLength(4);
  });

  it.each([403, 404])('marks %i (bot removed, conversation or user gone) as permanent', async (status) => {
    h.connector.failNext(status);
    const error = await sendError();
    expect(error.options.permanent).toBe(true);
    expect(error.message).toContain(String(status));
  });

  it('treats other failures as transient', async () => {
    h.connector.failNext(401);
    const error = await sendError();
    expect(error.options).toEqual({});
  });

  it('has no group send: the dispatcher sends to each person', () => {
    expect(h.teams.messenger.sendToGroup).toBeUndefined();
  });
});

describe('TeamsMessenger.update', () => {
  it('replaces the card in the stored conversation (updateActivity on the sent activity id)', async () => {
    const { messageId } = await h.teams.messenger.send(ada, reminder);
    await h.teams.messenger.update(ada, messageId, message([{ type: 'text', text: 'Moved to Friday' }]));
    const update = h.connector.calls.find((call) => call.kind === 'update');
    expect(update).toMatchObject({ method: 'PUT', conversationId: 'a:1personal-ada', targetId: messageId, status: 200 });
    const [updated] = h.connector.activities((a) => a.kind === 'update');
    expect(updated!.activity).toMatchObject({
      type: 'message',
      id: messageId,
      summary: 'Moved to Friday',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }],
    });
    expect(updated!.activity.attachments[0].content.body[0].text).toBe('Moved to Friday');
  });

  it('maps failures as send does', async () => {
    for (let i = 0; i < 3; i += 1) h.connector.failNext(429, '0');
    h.connector.failNext(429, '5');
    const throttled = await h.teams.messenger.update(ada, 'm1', reminder).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(DeliveryError);
    expect((throttled as DeliveryError).options).toEqual({ retryAfterMs: 5000 });

    h.connector.failNext(404);
    const gone = await h.teams.messenger.update(ada, 'm1', reminder).catch((e: unknown) => e);
    expect((gone as DeliveryError).options.permanent).toBe(true);
  });

  it('fails for good without a conversation reference or an activity id', async () => {
    const stranger = { ...ada, id: 'person:nobody' };
    for (const attempt of [h.teams.messenger.update(stranger, 'm1', reminder), h.teams.messenger.update(ada, '', reminder)]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).options.permanent).toBe(true);
    }
    expect(h.connector.calls).toHaveLength(0);
  });
});

describe('toDeliveryError', () => {
  it('reads status and Retry-After from plain header objects too', () => {
    const error = toDeliveryError(Object.assign(new Error('throttled'), { statusCode: 429, response: { headers: { 'Retry-After': '2' } } }));
    expect(error.options).toEqual({ retryAfterMs: 2000 });
  });

  it('treats a network failure as transient', () => {
    const error = toDeliveryError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
    expect(error.options).toEqual({});
    expect(error.message).toMatch(/unreachable/);
  });

  it('marks oversized and malformed messages permanent', () => {
    expect(toDeliveryError({ statusCode: 413 }).options.permanent).toBe(true);
    expect(toDeliveryError({ statusCode: 400 }).options.permanent).toBe(true);
    expect(toDeliveryError({ statusCode: 502 }).options.permanent).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
