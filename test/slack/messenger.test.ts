// The Slack Messenger as the adapter wires it (no client retries), against the fake Web API.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { message } from '../../src/core/messages.js';
import { DeliveryError, type Messenger } from '../../src/core/ports.js';
import { untrusted } from '../../src/core/text.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
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
    expect(error.options).toEqual({ retryAfterMs: 7000 });
    expect(slack.calls('conversations.open')).toHaveLength(1);
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
