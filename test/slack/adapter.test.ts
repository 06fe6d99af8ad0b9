// The Slack adapter on its own: signed requests in, a stub core behind it, the fake Slack Web API out.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { message, type Form, type Outcome } from '../../src/core/messages.js';
import { untrusted } from '../../src/core/text.js';
import {
  blockActionsBody,
  eventCallbackBody,
  postSlackRequest,
  slashCommandBody,
  startFakeSlack,
  viewSubmissionBody,
  type FakeSlack,
} from '../fakes/slack-api.js';
import { BOT_TOKEN, captureLogger, deferred, mountAdapter, said, SIGNING_SECRET, stubCore, type CapturedLogger, type MountedAdapter, type StubCore } from './support.js';

const form: Form = {
  id: 'enrollment',
  title: 'Join Tandem',
  submitLabel: 'Join',
  cancelLabel: 'Cancel',
  state: 'state-1',
  fields: [{ kind: 'text', id: 'bio', label: 'Bio', multiline: true, maxLength: 500, required: true }],
};

let slack: FakeSlack;
let core: StubCore;
let log: CapturedLogger;
let mounted: MountedAdapter;

beforeAll(async () => {
  slack = await startFakeSlack({
    token: BOT_TOKEN,
    users: { U0ALICE: { name: 'alice', real_name: 'Alice Martin', display_name: 'Alice', email: 'alice@example.com', locale: 'fr-FR', tz: 'Europe/Paris' } },
  });
});
afterAll(() => slack.close());

beforeEach(async () => {
  core = stubCore();
  log = captureLogger();
  mounted = await mountAdapter({ core, apiUrl: slack.apiUrl, logger: log.logger });
});
afterEach(async () => {
  await mounted.close();
  slack.reset();
});

const signed = { signingSecret: SIGNING_SECRET };
const errorLogs = () => log.lines.filter((line) => (line.level as number) >= 50);

describe('request verification (Bolt HTTPReceiver)', () => {
  const command = () => slashCommandBody({ text: 'help', responseUrl: slack.responseUrl() });

  it('answers an unsigned request with 401', async () => {
    const res = await postSlackRequest(mounted.eventsUrl, command(), { signingSecret: null });
    expect(res.status).toBe(401);
    expect(core.handleCommand).not.toHaveBeenCalled();
  });

  it('answers a request signed with another secret with 401', async () => {
    const res = await postSlackRequest(mounted.eventsUrl, command(), { signingSecret: 'not-the-secret' });
    expect(res.status).toBe(401);
  });

  it('answers a correctly signed but stale (> 5 min) request with 401', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postSlackRequest(mounted.eventsUrl, command(), { ...signed, timestamp: sixMinutesAgo });
    expect(res.status).toBe(401);
    expect(core.handleCommand).not.toHaveBeenCalled();
  });
});

describe('/tandem', () => {
  it('acks with the ephemeral answer of the core', async () => {
    core.handleCommand.mockResolvedValue(said(`Hello ${untrusted('<!channel>')}`));
    const res = await postSlackRequest(mounted.eventsUrl, slashCommandBody({ text: 'me', userId: 'U0ALICE', teamId: 'T0TANDEM', responseUrl: slack.responseUrl() }), signed);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      response_type: 'ephemeral',
      text: 'Hello &lt;!channel&gt;',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hello &lt;!channel&gt;' } }],
    });
    const [actor, text] = core.handleCommand.mock.calls[0] ?? [];
    expect(text).toBe('me');
    expect(actor?.identity).toEqual({ platform: 'slack', tenantId: 'T0TANDEM', userId: 'U0ALICE' });
  });

  it('gives the core a profile fetcher backed by users.info', async () => {
    await postSlackRequest(mounted.eventsUrl, slashCommandBody({ userId: 'U0ALICE', responseUrl: slack.responseUrl() }), signed);
    const actor = core.handleCommand.mock.calls[0]?.[0];
    expect(await actor?.fetchProfile?.()).toEqual({ name: 'Alice', email: 'alice@example.com', locale: 'fr-FR', timeZone: 'Europe/Paris' });
    expect((await slack.waitFor('users.info')).body).toMatchObject({ user: 'U0ALICE', include_locale: 'true' });
  });

  it('answers null for a user Slack does not know', async () => {
    await postSlackRequest(mounted.eventsUrl, slashCommandBody({ userId: 'U0GHOST', responseUrl: slack.responseUrl() }), signed);
    expect(await core.handleCommand.mock.calls[0]?.[0].fetchProfile?.()).toBeNull();
  });

  it('acks at once when the core is slow, then answers through the response_url', { timeout: 10_000 }, async () => {
    const slow = deferred<Outcome>();
    core.handleCommand.mockReturnValue(slow.promise);
    const responseUrl = slack.responseUrl('slow-command');
    const res = await postSlackRequest(mounted.eventsUrl, slashCommandBody({ text: 'summary', responseUrl }), signed);
    // The HTTP answer came while the core was still working.
    expect(slow.settled()).toBe(false);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    slow.resolve(said('Here is the summary'));
    const reply = await slack.waitFor('respond', (call) => call.responseId === 'slow-command');
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'Here is the summary' });
  });

  it('opens a form in a modal with the trigger id', async () => {
    core.handleCommand.mockResolvedValue({ kind: 'form', form });
    const res = await postSlackRequest(mounted.eventsUrl, slashCommandBody({ text: 'join mentor', triggerId: 'trigger-42', responseUrl: slack.responseUrl() }), signed);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const opened = await slack.waitFor('views.open');
    expect(opened.body).toMatchObject({
      trigger_id: 'trigger-42',
      view: { type: 'modal', callback_id: 'tandem:form:enrollment', private_metadata: 'state-1' },
    });
  });

  it('offers a button that reopens the form when the trigger expired', async () => {
    core.handleCommand.mockResolvedValue({ kind: 'form', form });
    slack.failNext('views.open', 'expired_trigger_id');
    const responseUrl = slack.responseUrl('expired');
    await postSlackRequest(mounted.eventsUrl, slashCommandBody({ text: 'join mentor', responseUrl }), signed);
    const reply = await slack.waitFor('respond', (call) => call.responseId === 'expired');
    expect(reply.body).toMatchObject({
      response_type: 'ephemeral',
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'tandem:form.open', value: JSON.stringify({ id: form.id, state: form.state }), text: { text: 'Join Tandem' } }] }],
    });
    expect(errorLogs()).toEqual([]);
  });

  it('reports a failing core to the one error handler', async () => {
    core.handleCommand.mockRejectedValue(new Error('database is down'));
    const res = await postSlackRequest(mounted.eventsUrl, slashCommandBody({ responseUrl: slack.responseUrl() }), signed);
    // At once, not after Bolt's 3 s unacked timeout: Slack tells the person the command failed.
    expect(res.status).toBe(500);
    expect(errorLogs()).toHaveLength(1);
    expect(errorLogs()[0]).toMatchObject({ err: { message: 'database is down' }, request: { kind: '/tandem' } });
  });
});

describe('button clicks', () => {
  it('acks, strips the prefix and suffix, and answers ephemerally', async () => {
    const responseUrl = slack.responseUrl('click');
    const res = await postSlackRequest(mounted.eventsUrl, blockActionsBody({ actionId: 'tandem:mentor.approve#2', value: 'enrollment-7', responseUrl }), signed);
    expect(res.status).toBe(200);
    const reply = await slack.waitFor('respond', (call) => call.responseId === 'click');
    expect(core.handleAction.mock.calls[0]?.slice(1)).toEqual(['mentor.approve', 'enrollment-7']);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'You clicked mentor.approve' });
  });

  it('replaces the clicked message when the core asks to', async () => {
    core.handleAction.mockResolvedValue({ kind: 'message', message: message([{ type: 'text', text: 'Approved' }]), replaceSource: true });
    const responseUrl = slack.responseUrl('replace');
    await postSlackRequest(mounted.eventsUrl, blockActionsBody({ actionId: 'tandem:mentor.approve', responseUrl }), signed);
    const reply = await slack.waitFor('respond', (call) => call.responseId === 'replace');
    expect(reply.body).toMatchObject({ replace_original: true, text: 'Approved' });
    expect(reply.body).not.toHaveProperty('response_type');
  });

  it('opens a form with the click trigger id', async () => {
    core.handleAction.mockResolvedValue({ kind: 'form', form });
    await postSlackRequest(mounted.eventsUrl, blockActionsBody({ actionId: 'tandem:form.open', value: 'enrollment', triggerId: 'click-trigger', responseUrl: slack.responseUrl() }), signed);
    expect((await slack.waitFor('views.open')).body).toMatchObject({ trigger_id: 'click-trigger', view: { callback_id: 'tandem:form:enrollment' } });
    expect(core.handleAction.mock.calls[0]?.slice(1)).toEqual(['form.open', 'enrollment']);
  });

  it('answers a Home tab click in the DM and refreshes the Home tab', async () => {
    await postSlackRequest(mounted.eventsUrl, blockActionsBody({ actionId: 'tandem:pause', userId: 'U0ALICE', container: { type: 'view', viewType: 'home' } }), signed);
    const posted = await slack.waitFor('chat.postMessage');
    expect(posted.body).toMatchObject({ channel: 'DU0ALICE', text: 'You clicked pause' });
    expect((await slack.waitFor('views.publish')).body).toMatchObject({ user_id: 'U0ALICE', view: { type: 'home' } });
  });
});

describe('form submissions', () => {
  const submission = () =>
    viewSubmissionBody({
      callbackId: 'tandem:form:enrollment',
      privateMetadata: 'state-1',
      userId: 'U0ALICE',
      values: { bio: { value: { type: 'plain_text_input', value: 'Hi' } } },
    });

  it('keeps the modal open with the errors next to the fields', async () => {
    core.submitForm.mockResolvedValue({ kind: 'form_errors', errors: { bio: `Too short: ${untrusted('Hi')}` }, form });
    const res = await postSlackRequest(mounted.eventsUrl, submission(), signed);
    expect(await res.json()).toEqual({ response_action: 'errors', errors: { bio: 'Too short: Hi' } });
    expect(core.submitForm.mock.calls[0]?.slice(1)).toEqual(['enrollment', 'state-1', { bio: 'Hi' }]);
  });

  it('closes the modal and confirms in the DM', async () => {
    const res = await postSlackRequest(mounted.eventsUrl, submission(), signed);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect((await slack.waitFor('conversations.open')).body).toMatchObject({ users: 'U0ALICE' });
    expect((await slack.waitFor('chat.postMessage')).body).toMatchObject({ channel: 'DU0ALICE', text: 'Thanks' });
  });

  it('closes the modal in time when the core is slow, and posts the errors when they come', { timeout: 10_000 }, async () => {
    const slow = deferred<Outcome>();
    core.submitForm.mockReturnValue(slow.promise);
    const res = await postSlackRequest(mounted.eventsUrl, submission(), signed);
    expect(slow.settled()).toBe(false);
    expect(await res.text()).toBe('');
    slow.resolve({ kind: 'form_errors', errors: { bio: 'Too short' }, form });
    const posted = await slack.waitFor('chat.postMessage');
    expect(posted.body).toMatchObject({
      channel: 'DU0ALICE',
      blocks: [{ type: 'header', text: { text: 'Join Tandem' } }, { type: 'section', fields: [{ type: 'mrkdwn', text: '*Bio*\nToo short' }] }],
    });
  });
});

describe('Home tab', () => {
  it('publishes the home built by the core', async () => {
    await postSlackRequest(mounted.eventsUrl, eventCallbackBody({ type: 'app_home_opened', user: 'U0ALICE', channel: 'D0ALICE', tab: 'home' }), signed);
    const published = await slack.waitFor('views.publish');
    expect(published.body).toMatchObject({
      user_id: 'U0ALICE',
      view: { type: 'home', blocks: [{ type: 'header' }, { type: 'section', text: { text: 'Your home' } }] },
    });
    expect(core.home.mock.calls[0]?.[0].identity).toEqual({ platform: 'slack', tenantId: 'T0TANDEM', userId: 'U0ALICE' });
  });

  it('ignores the Messages tab', async () => {
    const res = await postSlackRequest(mounted.eventsUrl, eventCallbackBody({ type: 'app_home_opened', user: 'U0ALICE', tab: 'messages' }), signed);
    expect(res.status).toBe(200);
    expect(core.home).not.toHaveBeenCalled();
  });
});

describe('lifecycle', () => {
  it('answers 503 until started', async () => {
    const adapter = createSlackAdapter({ config: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, apiUrl: slack.apiUrl }, core, logger: pino({ level: 'silent' }) });
    const status = await new Promise<number>((resolve) => {
      const res = { headersSent: false, writeHead: (code: number) => (resolve(code), res), end: () => res };
      adapter.requestListener?.({} as never, res as never);
    });
    expect(status).toBe(503);
  });

  it('fails to start with a token Slack refuses', async () => {
    const adapter = createSlackAdapter({ config: { signingSecret: SIGNING_SECRET, botToken: 'xoxb-wrong', apiUrl: slack.apiUrl }, core, logger: pino({ level: 'silent' }) });
    await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
  });

  it('uses Socket Mode, with no HTTP listener, when an app token is set', () => {
    const adapter = createSlackAdapter({
      config: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, appToken: 'xapp-test', apiUrl: slack.apiUrl },
      core,
      logger: pino({ level: 'silent' }),
    });
    expect(adapter.mode).toBe('socket');
    expect(adapter.requestListener).toBeUndefined();
  });
});
