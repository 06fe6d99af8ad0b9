// The app as `npm start` runs it keeps a warm matching worker for pairing rounds, and stops it on close.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../bench/instances.js';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { solveMatching } from '../../src/core/matching/index.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase } from '../support/database.js';

describe('the warm matcher', () => {
  it('solves rounds as the in-thread solver does, then closes with the app', async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    const testDb = await createTestDatabase();
    const app = await startApp({ config, logger: createLogger('silent', 'json'), scheduler: false, database: testDb.database, warmMatcher: true });
    try {
      const input = generateInstance({ mentees: 150, mentors: 100, seed: 51 });
      expect(await app.deps.matcher!.solve(input)).toEqual(solveMatching(input));
      expect(await app.deps.matcher!.solve(input)).toEqual(solveMatching(input));
    } finally {
      await app.close();
      await testDb.dispose();
    }
  });

  it('lets go of the warm worker when the app cannot start (port taken)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    const testDb = await createTestDatabase();
    try {
      await expect(
        startApp({ config, logger: createLogger('silent', 'json'), scheduler: false, database: testDb.database, warmMatcher: true }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(await testDb.database.ping()).toBe(true); // a database it was given stays open
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      await testDb.dispose();
    }
  });
});
