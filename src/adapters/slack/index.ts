// The Slack adapter: Bolt over HTTP (mounted by the main server) or Socket Mode, and the Messenger.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, AuthorizationError, HTTPReceiver, SocketModeReceiver, webApi, type CodedError, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SlackConfig } from '../../config.js';
import type { Messenger } from '../../core/ports.js';
import type { Tandem } from '../../core/tandem.js';
import { boltLogger } from './bolt-logger.js';
import { slackActor } from './actor.js';
import { registerListeners } from './listeners.js';
import { SlackMessenger } from './messenger.js';

export { SlackMessenger, toDeliveryError } from './messenger.js';

/** Where the main HTTP server must route Slack's POSTs (commands, interactivity, events). */
export const SLACK_EVENTS_PATH = '/slack/events';
const WEB_API_TIMEOUT_MS = 10_000;
/** How long stop() waits for listeners still delivering a late answer. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface SlackAdapter {
  mode: 'http' | 'socket';
  /** HTTP mode only: mount on POST /slack/events. Answers 503 until start() has resolved. */
  requestListener?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Proactive DMs for the outbox dispatcher. Usable before start(). */
  messenger: Messenger;
  /** Verifies the bot token (auth.test); in Socket Mode, also connects. Rejects when Slack refuses the token. */
  start(): Promise<void>;
  /** Disconnects (Socket Mode) and waits briefly for listeners still answering. */
  stop(): Promise<void>;
}

export interface SlackAdapterOptions {
  config: SlackConfig;
  core: Tandem;
  logger: Logger;
  /** TANDEM_ADMINS: made known to the core at start, so approval DMs reach them before they ever write. */
  admins?: string[];
}

export function createSlackAdapter({ config, core, logger, admins = [] }: SlackAdapterOptions): SlackAdapter {
  const log = logger;
  const bolt = boltLogger(log);
  const receiver = createReceiver(config, bolt);
  const app = new App({
    token: config.botToken,
    receiver,
    logger: bolt,
    convoStore: false,
    // Calls made while answering someone: a couple of quick retries on network errors, no waiting out a 429.
    clientOptions: {
      ...apiUrlOption(config),
      timeout: WEB_API_TIMEOUT_MS,
      retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 1000 },
      rejectRateLimitedCalls: true,
    },
    // auth.test runs in start(), where a bad token can fail loudly instead of as an unhandled rejection.
    deferInitialization: true,
    extendedErrorHandler: true,
  });
  const inFlight = trackInFlight(app);
  registerListeners(app, { core, logger: log });
  // extendedErrorHandler: true gives the handler the request body beside the error.
  app.error(async ({ error, body }: { error: CodedError; body: unknown }) => {
    log.error({ err: originalError(error), code: error.code, request: summarize(body) }, 'Slack request failed');
    throw error;
  });

  const messenger = new SlackMessenger(
    new webApi.WebClient(config.botToken, {
      ...apiUrlOption(config),
      logger: bolt,
      timeout: WEB_API_TIMEOUT_MS,
      // The outbox dispatcher owns retries, backoff and Retry-After.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    }),
  );

  let started = false;
  const mode = config.appToken ? 'socket' : 'http';
  return {
    mode,
    requestListener: receiver instanceof HTTPReceiver ? guardedListener(receiver, () => started) : undefined,
    messenger,
    async start() {
      await app.init();
      if (mode === 'socket') await app.start();
      started = true;
      log.info({ mode }, 'Slack adapter started');
      await introduceAdmins(app.client, core, admins, log);
    },
    async stop() {
      started = false;
      if (mode === 'socket') await app.stop();
      await inFlight.drain(DRAIN_TIMEOUT_MS);
    },
  };
}

/** Looks up each configured admin (Slack user id or email) so the core knows them from the start. */
async function introduceAdmins(client: webApi.WebClient, core: Tandem, admins: string[], log: Logger): Promise<void> {
  if (admins.length === 0) return;
  const { team_id: teamId } = await client.auth.test();
  if (!teamId) return;
  for (const entry of admins) {
    try {
      let userId: string | undefined;
      if (/^[UW][A-Z0-9]{2,}$/.test(entry)) userId = entry;
      else if (entry.includes('@')) userId = (await client.users.lookupByEmail({ email: entry })).user?.id;
      if (userId) await core.resolvePerson(slackActor(client, teamId, userId));
    } catch (error) {
      // Not in this workspace (maybe a Teams admin), or no users:read.email: they become known when they write.
      log.debug({ err: error, entry }, 'configured admin not found on Slack');
    }
  }
}

/** HTTP (mounted by the main server) or Socket Mode. app.error logs every failure once and rethrows,
 *  so that these answer Slack at once. */
function createReceiver(config: SlackConfig, logger: BoltLogger): HTTPReceiver | SocketModeReceiver {
  if (config.appToken) {
    return new SocketModeReceiver({
      appToken: config.appToken,
      logger,
      // Unacked envelopes are retried by Slack; an authorization failure will not get better.
      processEventErrorHandler: async ({ error }) => error instanceof AuthorizationError,
    });
  }
  return new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: false,
    logger,
    // Without this, a listener failing before ack() leaves Slack waiting for Bolt's 3 s timeout.
    processEventErrorHandler: async ({ error, response }) => {
      if (response.headersSent) return false;
      response.writeHead(error instanceof AuthorizationError ? 401 : 500).end();
      return true;
    },
  });
}

function apiUrlOption(config: SlackConfig): { slackApiUrl?: string } {
  return config.apiUrl ? { slackApiUrl: config.apiUrl } : {};
}

/**
 * Bolt's listener throws for paths it does not serve and cannot answer before init; the main server
 * should get a plain HTTP answer either way.
 */
function guardedListener(receiver: HTTPReceiver, isStarted: () => boolean): NonNullable<SlackAdapter['requestListener']> {
  return (req, res) => {
    if (!isStarted()) {
      res.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    try {
      receiver.requestListener(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(404).end();
    }
  };
}

/** Listeners keep running after ack() to deliver late answers; stop() lets them finish. */
function trackInFlight(app: App): { drain(timeoutMs: number): Promise<void> } {
  const running = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const run = next();
    running.add(run);
    try {
      await run;
    } finally {
      running.delete(run);
    }
  });
  return {
    async drain(timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...running]), timeout]);
      clearTimeout(timer);
    },
  };
}

function originalError(error: CodedError): unknown {
  return 'original' in error && error.original ? error.original : error;
}

/** Enough to find the request in Slack's logs, without the personal data a payload carries. */
function summarize(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as {
    type?: string;
    command?: string;
    user_id?: string;
    team_id?: string;
    user?: { id?: string };
    team?: { id?: string } | null;
    event?: { type?: string; user?: string };
  };
  return {
    kind: b.command ?? b.event?.type ?? b.type,
    team: b.team_id ?? b.team?.id,
    user: b.user_id ?? b.user?.id ?? b.event?.user,
  };
}
