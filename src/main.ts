// Starts Tandem: configuration, then the app; stops it cleanly on SIGTERM / SIGINT.
import { startApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the Configuration section of README.md.\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, config.logFormat);
  const app = await startApp({ config, logger, warmMatcher: true });

  logger.info(
    config.databaseUrl ? 'Database: Postgres (DATABASE_URL)' : `Database: embedded PGlite in ${config.dataDir} (set DATABASE_URL to use a Postgres server)`,
  );
  logger.info(
    config.slack
      ? `Slack: on (${config.slack.appToken ? 'Socket Mode' : 'HTTP mode, POST /slack/events'})`
      : 'Slack: off — set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to turn it on (add SLACK_APP_TOKEN for Socket Mode)',
  );
  logger.info(
    config.teams.appId
      ? `Teams: on (Bot Framework app ${config.teams.appId}, POST /api/messages)`
      : 'Teams: local mode, no authentication (Agents Playground, tests) — set MicrosoftAppId and MicrosoftAppPassword to connect a real tenant',
  );
  logger.info(`Tandem listening on ${app.url} (health: ${app.url}/healthz)`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: finishing in-flight requests, then closing the database`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Tandem could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
