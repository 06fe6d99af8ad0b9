// Link buttons (Button.url): rendered as Block Kit url buttons, https only; their clicks are acked and ignored.
import type { types } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isLinkActionId, renderBlocks } from '../../src/adapters/slack/render.js';
import { message, type Button } from '../../src/core/messages.js';
import { blockActionsBody, postSlackRequest, startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { captureLogger, mountAdapter, SIGNING_SECRET, stubCore, type MountedAdapter, type StubCore } from './support.js';

const CHAT = 'https://teams.microsoft.com/l/chat/0/0?users=ada@example.com';
const actions = (...buttons: Button[]) => renderBlocks(message([{ type: 'actions', buttons }])) as types.ActionsBlock[];

describe('rendering link buttons', () => {
  it('renders a url button with its own action id, beside callback buttons', () => {
    const [block] = actions(
      { action: 'chat.open', label: 'Open a chat', url: CHAT, style: 'primary' },
      { action: 'session.schedule', label: 'Schedule', value: 'pair-1' },
    );
    expect(block?.elements).toEqual([
      { type: 'button', action_id: 'tandem:link:chat.open', text: { type: 'plain_text', text: 'Open a chat', emoji: true }, url: CHAT, style: 'primary' },
      { type: 'button', action_id: 'tandem:session.schedule', text: { type: 'plain_text', text: 'Schedule', emoji: true }, value: 'pair-1' },
    ]);
    expect(isLinkActionId('tandem:link:chat.open')).toBe(true);
    expect(isLinkActionId('tandem:session.schedule')).toBe(false);
  });

  it('keeps repeated link action ids unique', () => {
    const [block] = actions({ action: 'doc', label: 'A', url: 'https://a.example' }, { action: 'doc', label: 'B', url: 'https://b.example' });
    expect(block?.elements.map((e) => (e as types.Button).action_id)).toEqual(['tandem:link:doc', 'tandem:link:doc#2']);
  });

  it.each(['http://example.com', 'javascript:alert(1)', 'slack://open', '/relative', 'not a url', `https://example.com/${'x'.repeat(3000)}`])(
    'drops a button whose link is not an https URL Slack accepts: %s',
    (url) => {
      const [block] = actions({ action: 'chat.open', label: 'Open', url }, { action: 'ok', label: 'OK' });
      expect(block?.elements.map((e) => (e as types.Button).action_id)).toEqual(['tandem:ok']);
    },
  );

  it('drops an actions block left without buttons', () => {
    expect(actions({ action: 'chat.open', label: 'Open', url: 'http://insecure.example' })).toEqual([]);
  });
});

describe('clicking a link button', () => {
  let slack: FakeSlack;
  let core: StubCore;
  let mounted: MountedAdapter;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());
  beforeEach(async () => {
    core = stubCore();
    mounted = await mountAdapter({ core, apiUrl: slack.apiUrl, logger: captureLogger().logger });
  });
  afterEach(async () => {
    await mounted.close();
    slack.reset();
  });

  it('is acked and goes no further', async () => {
    const body = blockActionsBody({ actionId: 'tandem:link:chat.open', responseUrl: slack.responseUrl('link') });
    const res = await postSlackRequest(mounted.eventsUrl, body, { signingSecret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    // A callback button clicked afterwards is answered: the link click left nothing pending behind it.
    await postSlackRequest(mounted.eventsUrl, blockActionsBody({ actionId: 'tandem:ok', responseUrl: slack.responseUrl('ok') }), { signingSecret: SIGNING_SECRET });
    await slack.waitFor('respond', (call) => call.responseId === 'ok');
    expect(core.handleAction).toHaveBeenCalledTimes(1);
    expect(core.handleAction.mock.calls[0]?.[1]).toBe('ok');
    expect(slack.calls('respond').map((call) => call.responseId)).toEqual(['ok']);
  });
});
