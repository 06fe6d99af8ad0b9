// Browser end-to-end tests: `npm run test:e2e` (vitest run --config test/e2e/vitest.config.ts).
// Kept out of the plain `npm test`, whose config excludes test/e2e/. They need Debian's Chromium at
// /usr/bin/chromium (apt-get install chromium), driven by playwright-core, which downloads no browser.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    // The test process itself only talks to 127.0.0.1 (Tandem, the Playground) and to Chromium over a pipe.
    setupFiles: ['test/support/no-network.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    // A browser flow that failed once has something to say: no silent retries.
    retry: 0,
  },
});
