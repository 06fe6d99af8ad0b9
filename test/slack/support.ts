// Test support for the Slack adapter in isolation: a stub core, a captured logger, the adapter
// mounted on a throwaway HTTP server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { vi, type Mock } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.js';
import { message, type Outcome } from '../../src/core/messages.js';
import type { Tandem } from '../../src/core/tandem.js';
import type { Person } from '../../src/core/types.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-token';

export interface StubCore extends Tandem {
  handleCommand: Mock<Tandem['handleCommand']>;
  handleAction: Mock<Tandem['handleAction']>;
  submitForm: Mock<Tandem['submitForm']>;
  home: Mock<Tandem['home']>;
  resolvePerson: Mock<Tandem['resolvePerson']>;
}

export const said = (text: string): Outcome => ({ kind: 'message', message: message([{ type: 'text', text }]) });

/** A core answering every call with a canned outcome; tests replace the implementations they need. */
export function stubCore(): StubCore {
  return {
    handleCommand: vi.fn<Tandem['handleCommand']>(async (_actor, text) => said(`You typed ${text}`)),
    handleAction: vi.fn<Tandem['handleAction']>(async (_actor, action) => said(`You clicked ${action}`)),
    submitForm: vi.fn<Tandem['submitForm']>(async () => ({ kind: 'form_done', message: message([{ type: 'text', text: 'Thanks' }]) })),
    home: vi.fn<Tandem['home']>(async () => message([{ type: 'header', text: 'Tandem' }, { type: 'text', text: 'Your home' }])),
    resolvePerson: vi.fn<Tandem['resolvePerson']>(async (actor) => person(actor.identity.userId)),
  };
}

export function person(userId: string, overrides: Partial<Person> = {}): Person {
  return {
    id: `p-${userId}`,
    platform: 'slack',
    tenantId: 'T0TANDEM',
    userId,
    name: userId,
    email: null,
    locale: 'en',
    timeZone: 'Europe/Paris',
    department: null,
    managerId: null,
    timeZoneChosen: false,
    profileFetchedAt: new Date(0),
    ...overrides,
  };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  settled(): boolean;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let done = false;
  const promise = new Promise<T>((r) => {
    resolve = (value) => {
      done = true;
      r(value);
    };
  });
  return { promise, resolve, settled: () => done };
}

export interface CapturedLogger {
  logger: Logger;
  lines: Record<string, unknown>[];
}

export function captureLogger(): CapturedLogger {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

export interface MountedAdapter {
  adapter: SlackAdapter;
  /** The URL to POST Slack requests to. */
  eventsUrl: string;
  close(): Promise<void>;
}

/** Creates and starts the adapter in HTTP mode and mounts its listener as the main server would. */
export async function mountAdapter(options: { core: Tandem; apiUrl: string; logger: Logger }): Promise<MountedAdapter> {
  const adapter = createSlackAdapter({
    config: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, apiUrl: options.apiUrl },
    core: options.core,
    logger: options.logger,
  });
  await adapter.start();
  const listener = adapter.requestListener;
  if (!listener) throw new Error('HTTP mode has a request listener');
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    adapter,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    close: async () => {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
