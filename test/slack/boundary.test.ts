// Slack stays in its adapter: no other part of src imports a Slack package.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('src', () => {
  it('imports @slack/* only inside src/adapters/slack', () => {
    const offenders = files(SRC)
      .filter((file) => !file.includes('/adapters/slack/'))
      .filter((file) => /from\s+['"]@slack\//.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
