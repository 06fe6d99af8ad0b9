// Local mode (no app id) must never reach the internet: no token from login.microsoftonline.com,
// no OpenID metadata, no call to a serviceUrl that is not on this machine.
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { message } from '../../src/core/messages.js';
import { teamsMembersAdded, teamsMessage, teamsSubmit } from '../fakes/bot-connector.js';
import { personOf, startHarness, type Harness } from './harness.js';

const ADA = { userId: '29:1-ada', aadObjectId: 'aad-ada', name: 'Ada Lovelace', tenantId: 'tenant-1' };

let h: Harness;
const destinations: string[] = [];
beforeEach(async () => {
  destinations.length = 0;
  const connect = net.Socket.prototype.connect;
  vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
    // net.connect() and http agents pass normalized arguments: [[options, callback]].
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const options = (typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }) as { host?: unknown; path?: unknown };
    destinations.push(String(options.path ?? options.host ?? 'localhost'));
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  });
  h = await startHarness({ members: [{ id: ADA.userId, name: ADA.name, aadObjectId: ADA.aadObjectId, email: 'ada@example.com' }] });
});
afterEach(async () => {
  await h.close();
  vi.restoreAllMocks();
});

describe('local mode', () => {
  it('is on without an app id', () => {
    expect(h.teams.localMode).toBe(true);
    expect(h.logs.some((line) => line.level === 40 && String(line.msg).includes('local mode'))).toBe(true);
  });

  it('talks only to 127.0.0.1 through a whole conversation and a proactive send', async () => {
    h.core.handleCommand.mockImplementation(async (actor) => {
      await actor.fetchProfile?.();
      return { kind: 'message', message: message([{ type: 'text', text: 'ok' }]) };
    });
    const user = { serviceUrl: h.connector.serviceUrl, ...ADA };
    await h.post(teamsMembersAdded(user));
    await h.post(teamsMessage({ ...user, text: 'me' }));
    await h.post(teamsSubmit({ ...user, value: { tandem: 'action', action: 'x' }, replyToId: 'm1' }));
    await h.teams.messenger.send(personOf({ identity: { platform: 'teams', tenantId: 'tenant-1', userId: 'aad-ada' } }), message([{ type: 'text', text: 'hi' }]));

    // Welcome (profile + reply), command (profile + reply), button (reply), proactive send (reply).
    expect(h.connector.calls.map((c) => c.kind)).toEqual(['getMember', 'reply', 'getMember', 'reply', 'reply', 'reply']);
    expect(h.connector.calls.every((c) => c.headers.authorization === undefined)).toBe(true);
    expect(destinations.length).toBeGreaterThan(0);
    expect(destinations.filter((host) => host !== '127.0.0.1')).toEqual([]);
  });

  it('refuses an activity whose serviceUrl is not on this machine, without calling it', async () => {
    const res = await h.post(teamsMessage({ serviceUrl: 'https://smba.trafficmanager.net/emea/', ...ADA, text: 'me' }));
    expect(res.status).toBe(403);
    expect(h.core.resolvePerson).not.toHaveBeenCalled();
    expect(destinations.filter((host) => host !== '127.0.0.1')).toEqual([]);
  });

  it('accepts localhost serviceUrls (Agents Playground)', async () => {
    const playground = h.connector.serviceUrl.replace('127.0.0.1', 'localhost');
    const res = await h.post(teamsMessage({ serviceUrl: playground, ...ADA, text: 'me' }));
    expect(res.status).toBe(200);
    expect(h.core.handleCommand).toHaveBeenCalledOnce();
  });
});
