// Starts the real app on 127.0.0.1:0 with a throwaway database, no cron, and a controllable clock.
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { testClock, type TestClock } from './clock.js';
import { createTestDatabase } from './database.js';

export interface TestApp extends App {
  clock: TestClock;
  /** Delivers every due notification now (what the outbox cron job does every few seconds). */
  deliver(): Promise<number>;
}

export async function startTestApp(env: Record<string, string | undefined> = {}, clock = testClock()): Promise<TestApp> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env });
  const testDb = await createTestDatabase();
  const app = await startApp({
    config,
    logger: createLogger(config.logLevel, 'json'),
    clock,
    scheduler: false,
    database: testDb.database,
  });
  return {
    ...app,
    clock,
    deliver: () => app.dispatcher.drain(),
    async close() {
      await app.close();
      await testDb.dispose();
    },
  };
}
