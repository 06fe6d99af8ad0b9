// The matching module is pure: no I/O, no threads, no package at all — only the core's own files.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const folder = new URL('../../src/core/matching/', import.meta.url);

describe('src/core/matching', () => {
  it('imports nothing but relative core modules', () => {
    const offenders = readdirSync(folder)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .flatMap((file) =>
        [...readFileSync(new URL(file, folder), 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)]
          .map((match) => match[1]!)
          .filter((specifier) => !specifier.startsWith('./') && !specifier.startsWith('../'))
          .map((specifier) => `${file}: ${specifier}`),
      );
    expect(offenders).toEqual([]);
  });
});
