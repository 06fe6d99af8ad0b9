// The Slack Messenger as the adapter wires it (no client retries), against the fake Web API.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { webApi } from '@slack/bolt';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { SlackMessenger } from '../../src/adapters/slack/messenger.js';
import { message } from '../../src/core/messages.js';
import { DeliveryError, type Messenger } from '../../src/core/ports.js';
import { untrusted } from '../../src/core/text.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { virtualTime } from '../scheduler/virtual-time.js';
import { BOT_TOKEN, person, SIGNING_SECRET, stubCore } from './support.js';

let slack: FakeSlack;
let messenger: Messenger;

beforeAll(async () => {
  slack = await startFakeSlack({ token: BOT_TOKEN });
});
afterAll(() => slack.close());
afterEach(() => slack.reset());

// A fresh messenger per test: it caches DM channels.
const fresh = () =>
  createSlackAdapter({
    config: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, apiUrl: slack.apiUrl },
    core: stubCore(),
    logger: pino({ level: 'silent' }),
  }).messenger;

const reminder = message([{ type: 'text', text: `Session with ${untrusted('<@U0BOB>')} tomorrow` }]);

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('SlackMessenger', () => {
  it('opens the DM and posts the rendered message', async () => {
    messenger = fresh();
    const { messageId } = await messenger.send(person('U0ALICE'), reminder);
    expect(slack.calls('conversations.open')[0]?.body).toMatchObject({ users: 'U0ALICE' });
    const posted = slack.calls('chat.postMessage')[0];
    expect(posted?.body).toMatchObject({
      channel: 'DU0ALICE',
      text: 'Session with &lt;@U0BOB&gt; tomorrow',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Session with &lt;@U0BOB&gt; tomorrow' } }],
    });
    expect(messageId).toMatch(/^DU0ALICE:\d+\.\d+$/);
  });

  it('opens a DM once per person', async () => {
    messenger = fresh();
    await messenger.send(person('U0ALICE'), reminder);
    await messenger.send(person('U0ALICE'), reminder);
    expect(slack.calls('conversations.open')).toHaveLength(1);
    expect(slack.calls('chat.postMessage')).toHaveLength(2);
  });

  it('reopens a cached DM that Slack no longer knows', async () => {
    messenger = fresh();
    await messenger.send(person('U0ALICE'), reminder);
    slack.failNext('chat.postMessage', 'channel_not_found');
    await messenger.send(person('U0ALICE'), reminder);
    expect(slack.calls('conversations.open')).toHaveLength(2);
    expect(slack.calls('chat.postMessage')).toHaveLength(3);
  });

  it('passes a 429 Retry-After to the dispatcher instead of waiting', async () => {
    messenger = fresh();
    slack.failNext('conversations.open', { status: 429, retryAfter: 7 });
    const error = await deliveryError(messenger.send(person('U0ALICE'), reminder));
    // Opening conversations is throttled, not posting: only this row waits.
    expect(error.options).toEqual({ retryAfterMs: 7000, retryAfterScope: 'row' });
    expect(slack.calls('conversations.open')).toHaveLength(1);
    // A 429 on posting holds the whole workspace (the default scope).
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    expect((await deliveryError(fresh().send(person('U0ALICE'), reminder))).options).toEqual({ retryAfterMs: 2000 });
  });

  it.each(['user_not_found', 'account_inactive', 'channel_not_found', 'not_in_channel', 'invalid_auth'])(
    'gives up for good on %s',
    async (code) => {
      messenger = fresh();
      slack.failNext('chat.postMessage', code);
      const error = await deliveryError(messenger.send(person('U0ALICE'), reminder));
      expect(error.options.permanent).toBe(true);
      expect(error.message).toContain(code);
    },
  );

  it('leaves other failures to be retried, without retrying itself', async () => {
    messenger = fresh();
    slack.failNext('chat.postMessage', { status: 503 });
    const error = await deliveryError(messenger.send(person('U0ALICE'), reminder));
    expect(error.options.permanent).toBeFalsy();
    expect(error.options.retryAfterMs).toBeUndefined();
    expect(slack.calls('chat.postMessage')).toHaveLength(1);

    slack.failNext('chat.postMessage', 'internal_error');
    expect((await deliveryError(messenger.send(person('U0ALICE'), reminder))).options.permanent).toBe(false);
  });

  it('refuses a person from another platform', async () => {
    messenger = fresh();
    const error = await deliveryError(messenger.send(person('29:teams-user', { platform: 'teams' }), reminder));
    expect(error.options.permanent).toBe(true);
    expect(slack.calls()).toHaveLength(0);
  });
});

describe('SlackMessenger group DMs', () => {
  it('opens the group DM of everyone with the bot (users comma-joined) and posts into it', async () => {
    messenger = fresh();
    const { messageId } = await messenger.sendToGroup!([person('U0BOB'), person('U0ALICE')], reminder);
    expect(slack.calls('conversations.open').map((call) => call.body.users)).toEqual(['U0ALICE,U0BOB']);
    const posted = slack.calls('chat.postMessage')[0];
    expect(posted?.body).toMatchObject({ text: 'Session with &lt;@U0BOB&gt; tomorrow' });
    const channel = String(posted?.body.channel);
    expect(channel).toMatch(/^G/);
    expect(messageId).toMatch(new RegExp(`^${channel}:\\d+\\.\\d+$`));
  });

  it('opens a group once per set of people, whatever their order, apart from their DMs', async () => {
    messenger = fresh();
    await messenger.sendToGroup!([person('U0ALICE'), person('U0BOB')], reminder);
    await messenger.sendToGroup!([person('U0BOB'), person('U0ALICE')], reminder);
    await messenger.send(person('U0ALICE'), reminder);
    expect(slack.calls('conversations.open').map((call) => call.body.users)).toEqual(['U0ALICE,U0BOB', 'U0ALICE']);
    const channels = slack.calls('chat.postMessage').map((call) => call.body.channel);
    expect(channels[0]).toBe(channels[1]);
    expect(channels[2]).toBe('DU0ALICE');
  });

  it('maps a 429 as for a DM, and refuses people from elsewhere', async () => {
    messenger = fresh();
    slack.failNext('conversations.open', { status: 429, retryAfter: 3 });
    expect((await deliveryError(messenger.sendToGroup!([person('U0ALICE'), person('U0BOB')], reminder))).options).toEqual({ retryAfterMs: 3000, retryAfterScope: 'row' });
    const teams = person('29:x', { platform: 'teams' });
    expect((await deliveryError(messenger.sendToGroup!([person('U0ALICE'), teams], reminder))).options.permanent).toBe(true);
    const otherTeam = person('U0OTHER', { tenantId: 'T0OTHER' });
    expect((await deliveryError(messenger.sendToGroup!([person('U0ALICE'), otherTeam], reminder))).options.permanent).toBe(true);
    expect(slack.calls('conversations.open')).toHaveLength(1);
  });
});

describe('SlackMessenger.update', () => {
  it('replaces the message with chat.update on its channel and ts', async () => {
    messenger = fresh();
    const { messageId } = await messenger.send(person('U0ALICE'), reminder);
    const [channel, ts] = messageId.split(':');
    await messenger.update(person('U0ALICE'), messageId, message([{ type: 'text', text: 'Moved to Friday' }]));
    expect(slack.calls('chat.update')[0]?.body).toMatchObject({
      channel,
      ts,
      text: 'Moved to Friday',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Moved to Friday' } }],
    });
  });

  it('maps failures as send does', async () => {
    messenger = fresh();
    slack.failNext('chat.update', { status: 429, retryAfter: 4 });
    expect((await deliveryError(messenger.update(person('U0ALICE'), 'DU0ALICE:1.2', reminder))).options).toEqual({ retryAfterMs: 4000 });
    for (const code of ['message_not_found', 'cant_update_message', 'channel_not_found']) {
      slack.failNext('chat.update', code);
      expect((await deliveryError(messenger.update(person('U0ALICE'), 'DU0ALICE:1.2', reminder))).options.permanent).toBe(true);
    }
    slack.failNext('chat.update', { status: 503 });
    expect((await deliveryError(messenger.update(person('U0ALICE'), 'DU0ALICE:1.2', reminder))).options.permanent).toBeFalsy();
  });

  it('refuses a message id it did not make, without calling Slack', async () => {
    messenger = fresh();
    for (const id of ['1700000000.000100', ':1.2', 'D1:']) {
      expect((await deliveryError(messenger.update(person('U0ALICE'), id, reminder))).options.permanent).toBe(true);
    }
    expect(slack.calls()).toHaveLength(0);
  });
});

describe('SlackMessenger conversations.open pacing', () => {
  const paced = (time = virtualTime(), options: { openPerMinute?: number; maxOpenWaitMs?: number } = {}) => {
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    return { time, messenger: new SlackMessenger(client, { time, openPerMinute: 60, openBurst: 1, ...options }) };
  };

  it('spaces conversations.open at its rate, and skips the wait for a cached channel', async () => {
    const { time, messenger: paced1 } = paced();
    const openedAt: number[] = [];
    await time.run(paced1.send(person('U0ALICE'), reminder));
    openedAt.push(time.now());
    await time.run(paced1.send(person('U0BOB'), reminder));
    openedAt.push(time.now());
    await time.run(paced1.send(person('U0ALICE'), reminder));
    openedAt.push(time.now());
    expect(openedAt).toEqual([0, 1000, 1000]);
    expect(slack.calls('conversations.open')).toHaveLength(2);
    expect(slack.calls('chat.postMessage')).toHaveLength(3);
  });

  it('after a 429 on conversations.open, holds further opens and hands a long wait back as Retry-After', async () => {
    const { time, messenger: paced1 } = paced(virtualTime(), { maxOpenWaitMs: 5000 });
    slack.failNext('conversations.open', { status: 429, retryAfter: 30 });
    expect((await deliveryError(time.run(paced1.send(person('U0ALICE'), reminder)))).options.retryAfterMs).toBe(30_000);
    const error = await deliveryError(time.run(paced1.send(person('U0BOB'), reminder)));
    expect(error.options.retryAfterMs).toBeGreaterThan(25_000);
    expect(slack.calls('conversations.open')).toHaveLength(1);
  });
});
