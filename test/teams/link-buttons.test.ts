// Link buttons (Button.url) as Adaptive Card Action.OpenUrl, https only.
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/adapters/teams/render.js';
import { message, type Button } from '../../src/core/messages.js';

const CHAT = 'https://teams.microsoft.com/l/chat/0/0?users=ada@example.com';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const body = (...buttons: Button[]): any[] => (renderCard(message([{ type: 'actions', buttons }])).content as { body: unknown[] }).body;

describe('link buttons on Teams', () => {
  it('renders Action.OpenUrl beside Action.Submit', () => {
    const [set] = body({ action: 'chat.open', label: 'Chat with Ada', url: CHAT, style: 'primary' }, { action: 'session.schedule', label: 'Schedule', value: 'p1' });
    expect(set).toEqual({
      type: 'ActionSet',
      actions: [
        { type: 'Action.OpenUrl', title: 'Chat with Ada', url: CHAT, style: 'positive' },
        { type: 'Action.Submit', title: 'Schedule', data: { tandem: 'action', action: 'session.schedule', value: 'p1' } },
      ],
    });
  });

  it.each(['http://example.com', 'javascript:alert(1)', 'msteams://x', '/relative', 'not a url'])('drops a link that is not https: %s', (url) => {
    const [set] = body({ action: 'chat.open', label: 'Open', url }, { action: 'ok', label: 'OK' });
    expect(set.actions.map((a: { type: string }) => a.type)).toEqual(['Action.Submit']);
  });

  it('drops an ActionSet left without actions', () => {
    const card = renderCard(message([{ type: 'text', text: 'Hi' }, { type: 'actions', buttons: [{ action: 'x', label: 'X', url: 'ftp://x' }] }]));
    expect((card.content as { body: { type: string }[] }).body.map((e) => e.type)).toEqual(['TextBlock']);
  });
});
