// The core stays platform-neutral: no Slack, Teams, database, scheduler or HTTP package in src/core.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = /from\s+['"](@slack\/|botbuilder|botframework|drizzle-orm|postgres['"]|@electric-sql|node-cron|express|pino|node:http|node:https|undici)/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('src/core', () => {
  it('imports no platform, database, scheduler or HTTP package', () => {
    const offenders = files(new URL('.', import.meta.url).pathname)
      .filter((file) => !file.endsWith('boundary.test.ts'))
      .filter((file) => FORBIDDEN.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('botbuilder is imported only inside src/adapters/teams', () => {
    const src = new URL('..', import.meta.url).pathname;
    const offenders = files(src)
      .filter((file) => !file.includes('/adapters/teams/') && !file.endsWith('boundary.test.ts'))
      .filter((file) => /from\s+['"](botbuilder|botframework)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
