// botbuilder is in maintenance mode upstream: keep it inside src/adapters/teams/ so it can be replaced there alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const BOT_FRAMEWORK = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](botbuilder|botframework-[\w-]+|botbuilder-[\w-]+)(?:\/[^'"]*)?['"]/;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|mts|cts|js|mjs)$/.test(file) && !file.split(sep).includes('node_modules'))
    .map((file) => join(root, dir, file));
}

describe('Bot Framework boundary', () => {
  it('imports botbuilder only under src/adapters/teams/', () => {
    const importers = [...sources('src'), ...sources('test')]
      .filter((file) => BOT_FRAMEWORK.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file).split(sep).join('/'));
    expect(importers).toContain('src/adapters/teams/index.ts');
    expect(importers.filter((file) => !file.startsWith('src/adapters/teams/'))).toEqual([]);
  });
});
