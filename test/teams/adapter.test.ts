import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { message, type Form } from '../../src/core/messages.js';
import { BOT, teamsMembersAdded, teamsMessage, teamsSubmit } from '../fakes/bot-connector.js';
import { startHarness, type Harness } from './harness.js';

const ADA = { userId: '29:1-ada', aadObjectId: 'aad-ada', name: 'Ada Lovelace', tenantId: 'tenant-1' };
const GRACE = { id: '29:1-grace', name: 'Grace Hopper', aadObjectId: 'aad-grace', email: 'grace@example.com', userPrincipalName: 'grace@example.com' };

const form: Form = {
  id: 'enrollment',
  title: 'Join',
  submitLabel: 'Send',
  cancelLabel: 'Cancel',
  state: 'mentor',
  fields: [
    { kind: 'text', id: 'bio', label: 'Bio', multiline: true, maxLength: 500, required: true },
    { kind: 'select', id: 'topics', label: 'Topics', options: [{ value: 'ai', label: 'AI' }, { value: 'git', label: 'Git' }], multiple: true, required: true },
    { kind: 'checkbox', id: 'charter', label: 'Charter', optionLabel: 'I accept', required: true },
  ],
};

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    members: [{ id: ADA.userId, name: ADA.name, aadObjectId: ADA.aadObjectId, userPrincipalName: 'ada@example.com' }, GRACE],
  });
});
afterEach(async () => {
  await h.close();
});

function user(extra: object = {}) {
  return { serviceUrl: h.connector.serviceUrl, ...ADA, ...extra };
}

describe('text messages', () => {
  it('strips the bot mention, calls handleCommand and replies with a card', async () => {
    const incoming = teamsMessage({ ...user(), text: 'join mentor', mentionBot: true });
    const res = await h.post(incoming);
    expect(res.status).toBe(200);

    expect(h.core.handleCommand).toHaveBeenCalledTimes(1);
    const [actor, text] = h.core.handleCommand.mock.calls[0]!;
    expect(text).toBe('join mentor');
    expect(actor.identity).toEqual({ platform: 'teams', tenantId: 'tenant-1', userId: 'aad-ada' });
    expect(actor.hint).toEqual({ name: 'Ada Lovelace', locale: 'en-US', timeZone: 'Europe/Paris' });

    const reply = await h.connector.waitFor((a) => a.kind === 'reply');
    expect(reply.replyToId).toBe(incoming.id);
    expect(reply.conversationId).toBe(incoming.conversation.id);
    expect(reply.activity).toMatchObject({
      type: 'message',
      summary: 'Done',
      from: { id: BOT.id },
      recipient: { id: ADA.userId },
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5' } }],
    });
    expect(reply.activity.attachments[0].content.body[0].text).toBe('Done');
  });

  it('stores the personal conversation reference of the person', async () => {
    await h.post(teamsMessage({ ...user(), text: 'me' }));
    expect(h.store.saveConversationReference).toHaveBeenCalledWith('person:aad-ada', expect.anything());
    expect(h.store.references.get('person:aad-ada')).toMatchObject({
      serviceUrl: h.connector.serviceUrl,
      channelId: 'msteams',
      conversation: { id: 'a:1personal-ada', conversationType: 'personal', tenantId: 'tenant-1' },
      user: { id: ADA.userId, aadObjectId: 'aad-ada' },
      bot: { id: BOT.id },
    });
  });

  it('hands the core the person it already resolved for this turn, so it is looked up once', async () => {
    await h.post(teamsMessage({ ...user(), text: 'me' }));
    expect(h.core.resolvePerson).toHaveBeenCalledTimes(1);
    const resolved = await h.core.resolvePerson.mock.results[0]!.value;
    expect(h.core.handleCommand).toHaveBeenCalledWith(expect.objectContaining({ resolved }), 'me');
  });

  it('does not store a group chat as the place to reach a person', async () => {
    await h.post(teamsMessage({ ...user({ conversationType: 'groupChat', conversationId: '19:group' }), text: 'help', mentionBot: true }));
    expect(h.core.handleCommand).toHaveBeenCalledWith(expect.anything(), 'help');
    expect(h.store.saveConversationReference).not.toHaveBeenCalled();
  });

  it('turns other mentions into <@userId> tokens, looking the Entra id up when the mention lacks it', async () => {
    await h.post(
      teamsMessage({
        ...user(),
        text: 'admin grant <at>Grace Hopper</at> manager',
        mentionBot: true,
        mentions: [{ id: GRACE.id, name: GRACE.name }],
      }),
    );
    expect(h.core.handleCommand).toHaveBeenCalledWith(expect.anything(), 'admin grant <@aad-grace> manager');
  });

  it('uses the tenant from channelData and the Teams id when the activity lacks them', async () => {
    const incoming = teamsMessage({ ...user(), text: 'me' });
    delete incoming.conversation.tenantId;
    delete incoming.from.aadObjectId;
    await h.post(incoming);
    expect(h.core.handleCommand.mock.calls[0]![0].identity).toEqual({ platform: 'teams', tenantId: 'tenant-1', userId: ADA.userId });
  });

  it('fetches the profile from the Bot Connector member API, or gives null', async () => {
    let fetched: unknown;
    h.core.handleCommand.mockImplementationOnce(async (actor) => {
      fetched = await actor.fetchProfile?.();
      return { kind: 'message', message: message([{ type: 'text', text: 'ok' }]) };
    });
    await h.post(teamsMessage({ ...user(), text: 'me' }));
    expect(fetched).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com', locale: 'en-US', timeZone: 'Europe/Paris' });

    h.core.handleCommand.mockImplementationOnce(async (actor) => {
      fetched = await actor.fetchProfile?.();
      return { kind: 'message', message: message([{ type: 'text', text: 'ok' }]) };
    });
    await h.post(teamsMessage({ ...user({ userId: '29:stranger', aadObjectId: 'aad-stranger' }), text: 'me' }));
    expect(fetched).toBeNull();
  });
});

describe('card submissions', () => {
  it('routes a button to handleAction', async () => {
    await h.post(teamsSubmit({ ...user(), value: { tandem: 'action', action: 'mentor.approve', value: 'e1' }, replyToId: 'm1' }));
    expect(h.core.handleAction).toHaveBeenCalledWith(expect.objectContaining({ identity: expect.objectContaining({ userId: 'aad-ada' }) }), 'mentor.approve', 'e1');
    expect(h.core.handleCommand).not.toHaveBeenCalled();
    await h.connector.waitFor((a) => a.kind === 'reply');
  });

  it('updates the clicked card in place when the outcome asks to replace it', async () => {
    h.core.handleAction.mockResolvedValueOnce({ kind: 'message', message: message([{ type: 'text', text: 'Approved' }]), replaceSource: true });
    await h.post(teamsSubmit({ ...user(), value: { tandem: 'action', action: 'mentor.approve', value: 'e1' }, replyToId: 'm42' }));
    const update = await h.connector.waitFor((a) => a.kind === 'update');
    expect(update.activityId).toBe('m42');
    expect(update.activity.attachments[0].content.body[0].text).toBe('Approved');
    expect(h.connector.activities((a) => a.kind !== 'update')).toHaveLength(0);
  });

  it('never updates the thread root a typed message replies to', async () => {
    h.core.handleCommand.mockResolvedValueOnce({ kind: 'message', message: message([{ type: 'text', text: 'Hi' }]), replaceSource: true });
    const incoming = teamsMessage({ ...user({ conversationType: 'channel', conversationId: '19:general;messageid=1' }), text: 'me', mentionBot: true });
    incoming.replyToId = '1';
    await h.post(incoming);
    await h.connector.waitFor((a) => a.kind === 'reply');
    expect(h.connector.activities((a) => a.kind === 'update')).toHaveLength(0);
  });

  it('submits a form with multi-select values split and redraws it with errors in place', async () => {
    h.core.submitForm.mockResolvedValueOnce({ kind: 'form_errors', form, errors: { bio: 'Too short' } });
    const value = { tandem: 'form', formId: 'enrollment', state: 'mentor', multi: ['topics'], toggles: ['charter'], bio: ' hi ', topics: 'ai,git', charter: 'false' };
    await h.post(teamsSubmit({ ...user(), value, replyToId: 'm7' }));

    expect(h.core.submitForm).toHaveBeenCalledWith(expect.anything(), 'enrollment', 'mentor', { bio: 'hi', topics: ['ai', 'git'], charter: undefined });
    const update = await h.connector.waitFor((a) => a.kind === 'update');
    expect(update.activityId).toBe('m7');
    expect(update.conversationId).toBe('a:1personal-ada');
    const body = update.activity.attachments[0].content.body;
    expect(body).toContainEqual(expect.objectContaining({ type: 'TextBlock', text: 'Too short', color: 'Attention' }));
    expect(h.connector.calls.filter((c) => c.method === 'PUT').map((c) => c.path)).toEqual(['/v3/conversations/a%3A1personal-ada/activities/m7']);
  });

  it('sends a new card when the form card cannot be updated', async () => {
    h.core.submitForm.mockResolvedValueOnce({ kind: 'form_errors', form, errors: { bio: 'Too short' } });
    h.connector.failNext(404);
    await h.post(teamsSubmit({ ...user(), value: { tandem: 'form', formId: 'enrollment', state: 'mentor', bio: '' }, replyToId: 'gone' }));
    const sent = await h.connector.waitFor((a) => a.kind === 'reply');
    expect(sent.activity.attachments[0].content.actions[0].data).toMatchObject({ tandem: 'form', formId: 'enrollment' });
    expect(h.logs.some((line) => line.msg === 'could not update the Teams card in place; sending a new one')).toBe(true);
  });

  it('turns the form card into the result once done', async () => {
    h.core.submitForm.mockResolvedValueOnce({ kind: 'form_done', message: message([{ type: 'text', text: 'Welcome aboard' }]) });
    await h.post(teamsSubmit({ ...user(), value: { tandem: 'form', formId: 'enrollment', state: 'mentor', bio: 'x' }, replyToId: 'm9' }));
    const update = await h.connector.waitFor((a) => a.kind === 'update');
    expect(update.activityId).toBe('m9');
    expect(update.activity.attachments[0].content.body[0].text).toBe('Welcome aboard');
  });

  it('opens a form as a new card', async () => {
    h.core.handleCommand.mockResolvedValueOnce({ kind: 'form', form });
    await h.post(teamsMessage({ ...user(), text: 'join mentor' }));
    const sent = await h.connector.waitFor((a) => a.kind === 'reply');
    expect(sent.activity.attachments[0].content.body.map((e: { type: string }) => e.type)).toEqual([
      'TextBlock',
      'Input.Text',
      'Input.ChoiceSet',
      'Input.Toggle',
    ]);
  });

  it('asks the core how to close a cancelled form, without submitting it', async () => {
    const res = await h.post(teamsSubmit({ ...user(), value: { tandem: 'form.cancel', formId: 'enrollment' }, replyToId: 'm3' }));
    expect(res.status).toBe(200);
    expect(h.core.submitForm).not.toHaveBeenCalled();
    expect(h.core.handleCommand).not.toHaveBeenCalled();
    expect(h.core.handleAction.mock.calls.at(-1)?.slice(1)).toEqual(['form.cancel']);
  });

  it('ignores card data that is not ours', async () => {
    const res = await h.post(teamsSubmit({ ...user(), value: { something: 'else' } }));
    expect(res.status).toBe(200);
    expect(h.core.handleCommand).not.toHaveBeenCalled();
    expect(h.core.handleAction).not.toHaveBeenCalled();
  });
});

describe('conversation updates', () => {
  it('welcomes the person when the bot is installed in a personal chat (Teams lists the bot)', async () => {
    await h.post(teamsMembersAdded({ ...user(), members: ['bot'] }));
    expect(h.core.handleCommand).toHaveBeenCalledWith(expect.anything(), 'help');
    await h.connector.waitFor((a) => a.kind === 'reply' || a.kind === 'send');
    expect(h.store.references.has('person:aad-ada')).toBe(true);
  });

  it('welcomes once when the Agents Playground lists both the bot and the user', async () => {
    await h.post(teamsMembersAdded({ ...user(), members: ['bot', 'user'] }));
    expect(h.core.handleCommand).toHaveBeenCalledTimes(1);
  });

  it('answers 200 to other activity types and to invokes', async () => {
    const typing = { ...teamsMessage({ ...user(), text: '' }), type: 'typing' };
    expect((await h.post(typing)).status).toBe(200);
    const invoke = { ...teamsMessage({ ...user(), text: '' }), type: 'invoke', name: 'adaptiveCard/action', value: {} };
    expect((await h.post(invoke)).status).toBe(200);
    expect(h.core.handleCommand).not.toHaveBeenCalled();
    expect(h.connector.activities()).toHaveLength(0);
  });
});

describe('errors', () => {
  it('logs a failing turn in the one error handler and still answers 200', async () => {
    h.core.handleCommand.mockRejectedValueOnce(new Error('database down'));
    const res = await h.post(teamsMessage({ ...user(), text: 'me' }));
    expect(res.status).toBe(200);
    const line = h.logs.find((l) => l.msg === 'Teams turn failed');
    expect(line).toMatchObject({ level: 50, activityType: 'message', err: { message: 'database down' } });
    expect(h.connector.activities()).toHaveLength(0);
  });

  it('answers 400 to invalid JSON and to JSON that is not an activity', async () => {
    expect((await h.post('{"type":', { raw: true })).status).toBe(400);
    expect((await h.post([1, 2])).status).toBe(400);
    expect((await h.post({ text: 'no type' })).status).toBe(400);
    expect(h.core.resolvePerson).not.toHaveBeenCalled();
  });

  it('answers 413 past 256 KB', async () => {
    const huge = teamsMessage({ ...user(), text: 'x'.repeat(300 * 1024) });
    expect((await h.post(huge)).status).toBe(413);
    expect(h.core.handleCommand).not.toHaveBeenCalled();
  });

  it('answers 405 to anything but POST', async () => {
    const res = await fetch(h.url);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('refuses new requests once stopped', async () => {
    await h.teams.stop();
    expect((await h.post(teamsMessage({ ...user(), text: 'me' }))).status).toBe(503);
  });
});

describe('authentication', () => {
  it('refuses unauthenticated requests when an app id is configured', async () => {
    const secured = await startHarness({ config: { appId: '00000000-0000-0000-0000-000000000001', appPassword: 'secret', appType: 'MultiTenant' } });
    try {
      expect(secured.teams.localMode).toBe(false);
      const res = await secured.post(teamsMessage({ serviceUrl: secured.connector.serviceUrl, text: 'me' }));
      expect(res.status).toBe(401);
      expect(secured.core.resolvePerson).not.toHaveBeenCalled();
      expect(secured.connector.calls).toHaveLength(0);
    } finally {
      await secured.close();
    }
  });
});
