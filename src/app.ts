// Composition: database → core → adapters → HTTP server → scheduler, and the way back down on shutdown.
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createSlackAdapter, type SlackAdapter } from './adapters/slack/index.js';
import { createTeamsAdapter } from './adapters/teams/index.js';
import type { Config } from './config.js';
import type { CoreDeps } from './core/context.js';
import { createTandem } from './core/create-tandem.js';
import { systemClock, type Clock } from './core/ports.js';
import type { Tandem } from './core/tandem.js';
import { composeNotification } from './core/use-cases/compose-notification.js';
import { createCalendarRoute } from './calendar/ics-route.js';
import { createHttpServer } from './http-server.js';
import { createDownloadOffer } from './exports/download-links.js';
import { createDownloadRoute } from './exports/download-route.js';
import { solveInWorker, startStandbyMatcher } from './matching-worker/index.js';
import { createDispatcher, type Dispatcher } from './scheduler/dispatcher.js';
import { jobRegistry, startScheduler, type Scheduler } from './scheduler/jobs.js';
import { createRunCoordinator } from './scheduler/run-coordinator.js';
import { openDatabase, type Database } from './store/database.js';
import { DrizzleStore } from './store/drizzle-store.js';
import { seedDatabase } from './store/seed.js';

const PROFILE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const SHUTDOWN_GRACE_MS = 10_000;

export interface AppOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Runs the cron jobs (outbox delivery, daily jobs). Tests drive the dispatcher themselves. */
  scheduler?: boolean;
  /** An already opened database (tests share one per file); otherwise opened from the config. */
  database?: Database;
  /**
   * Keeps a matching worker warmed up for the next pairing round (about a quarter faster; costs
   * a fraction of a second of CPU after start-up and after each round). Tests go without.
   */
  warmMatcher?: boolean;
}

export interface App {
  url: string;
  port: number;
  database: Database;
  store: DrizzleStore;
  core: Tandem;
  deps: CoreDeps;
  dispatcher: Dispatcher;
  slack: SlackAdapter | null;
  close(): Promise<void>;
}

export async function startApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  let ready = false;
  try {
    await database.migrate((db) => seedDatabase(db, { timeZone: config.defaultTimeZone }));
    ready = true;
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }

  const store = DrizzleStore.from(database);
  const standby = options.warmMatcher ? startStandbyMatcher() : null;
  const deps: CoreDeps = {
    store,
    // Off the main thread: the server keeps acking Slack within 3 s while a large round is solved.
    matcher: standby ?? { solve: (input) => solveInWorker(input) },
    clock,
    logger: logger.child({ component: 'core' }),
    settings: {
      admins: config.admins,
      defaultLocale: config.defaultLocale,
      defaultTimeZone: config.defaultTimeZone,
      profileTtlMs: PROFILE_TTL_MS,
      // Known once the server listens when TANDEM_PUBLIC_URL is not set (see below).
      publicUrl: config.publicUrl ?? '',
    },
  };
  const core = createTandem(deps);
  const slack = config.slack ? createSlackAdapter({ config: config.slack, core, admins: config.admins, logger: logger.child({ adapter: 'slack' }) }) : null;
  const teams = createTeamsAdapter({
    config: config.teams,
    core,
    store,
    logger: logger.child({ adapter: 'teams' }),
    downloads: createDownloadOffer({ store, clock, publicUrl: () => deps.settings.publicUrl }),
  });
  const dispatcher = createDispatcher({
    store,
    clock,
    logger: logger.child({ component: 'dispatcher' }),
    messengers: { slack: slack?.messenger, teams: teams.messenger },
    compose: (notification, recipient) => composeNotification(deps, notification, recipient),
    replicas: config.replicas,
  });

  const server = createHttpServer({
    slackEvents: slack?.requestListener,
    teamsMessages: teams.requestListener,
    calendar: createCalendarRoute({ store, clock, logger: logger.child({ component: 'calendar' }) }),
    downloads: createDownloadRoute({ store, clock, logger: logger.child({ component: 'downloads' }) }),
    ready: async () => ready && (await database.ping()),
  });
  // A start that fails (port taken, Slack refusing the token) lets go of what it opened.
  const abandon = async (error: unknown, listening: boolean) => {
    if (listening) await new Promise((resolve) => server.close(resolve));
    await standby?.close();
    if (!options.database) await database.close();
    throw error;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await abandon(error, false);
  }
  try {
    await slack?.start();
  } catch (error) {
    await abandon(error, true);
  }

  let scheduler: Scheduler | null = null;
  if (options.scheduler !== false) {
    scheduler = startScheduler(jobRegistry(deps, dispatcher), {
      coordinator: createRunCoordinator(database.db, `${process.pid}`),
      onError: (job, error) => logger.error({ err: error, job }, 'job failed'),
    });
  }

  const address = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  if (!config.publicUrl) deps.settings.publicUrl = `http://${host}:${address.port}`;
  let closing: Promise<void> | null = null;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    database,
    store,
    core,
    deps,
    dispatcher,
    slack,
    close() {
      closing ??= (async () => {
        ready = false;
        await scheduler?.stop();
        // Sends in flight finish; claimed rows not yet sent go back to the outbox for the next process.
        await dispatcher.stop();
        // Stop accepting, let in-flight requests finish, then cut what is left after the grace period.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await closed;
        clearTimeout(timer);
        await slack?.stop();
        await teams.stop();
        await standby?.close();
        if (!options.database) await database.close();
      })();
      return closing;
    },
  };
}
