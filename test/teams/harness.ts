// The Teams adapter alone: its request listener on a throwaway 127.0.0.1 server, a stub core with
// canned outcomes, an in-memory store of conversation references and a fake Bot Connector.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { vi } from 'vitest';
import { createTeamsAdapter, type TeamsAdapter } from '../../src/adapters/teams/index.js';
import type { TeamsConfig } from '../../src/config.js';
import { message, type Outcome } from '../../src/core/messages.js';
import type { Actor, Tandem } from '../../src/core/tandem.js';
import type { Person } from '../../src/core/types.js';
import { startFakeConnector, type FakeConnector, type FakeMember } from '../fakes/bot-connector.js';

export const ok: Outcome = { kind: 'message', message: message([{ type: 'text', text: 'Done' }]) };

export function personOf(actor: Actor): Person {
  return {
    id: `person:${actor.identity.userId}`,
    ...actor.identity,
    name: actor.hint?.name ?? 'Someone',
    email: null,
    locale: 'en',
    timeZone: 'Europe/Paris',
    department: null,
    managerId: null,
    timeZoneChosen: false,
    profileFetchedAt: new Date(0),
  };
}

export function stubCore() {
  return {
    handleCommand: vi.fn<Tandem['handleCommand']>(async () => ok),
    handleAction: vi.fn<Tandem['handleAction']>(async () => ok),
    submitForm: vi.fn<Tandem['submitForm']>(async () => ok),
    home: vi.fn<Tandem['home']>(async () => ok.kind === 'message' ? ok.message : message([])),
    resolvePerson: vi.fn<Tandem['resolvePerson']>(async (actor) => personOf(actor)),
  } satisfies Tandem;
}

export function memoryStore() {
  const references = new Map<string, Record<string, unknown>>();
  return {
    references,
    saveConversationReference: vi.fn(async (personId: string, reference: Record<string, unknown>) => {
      references.set(personId, reference);
    }),
    getConversationReference: vi.fn(async (personId: string) => references.get(personId) ?? null),
  };
}

export interface Harness {
  teams: TeamsAdapter;
  core: ReturnType<typeof stubCore>;
  store: ReturnType<typeof memoryStore>;
  connector: FakeConnector;
  /** Structured log lines written by the adapter. */
  logs: Record<string, unknown>[];
  url: string;
  post(body: unknown, init?: { headers?: Record<string, string>; raw?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(options: { config?: TeamsConfig; members?: FakeMember[] } = {}): Promise<Harness> {
  const connector = await startFakeConnector({ members: options.members ?? [] });
  const core = stubCore();
  const store = memoryStore();
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const teams = createTeamsAdapter({ config: options.config ?? { appType: 'MultiTenant' }, core, store, logger });
  const server: Server = createServer((req, res) => teams.requestListener(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return {
    teams,
    core,
    store,
    connector,
    logs,
    url,
    post: (body, init = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...init.headers },
        body: init.raw ? (body as string) : JSON.stringify(body),
      }),
    async close() {
      await teams.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
    },
  };
}
