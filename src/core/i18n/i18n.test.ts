import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { fr } from './fr.js';

describe('message catalogues', () => {
  it('have the same keys and the same parameters in French and English', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(params(fr[key]), key).toEqual(params(en[key]));
      expect(fr[key].trim(), key).not.toBe('');
    }
  });

  it('uses French typography in French (no English quotes left)', () => {
    for (const [key, value] of Object.entries(fr)) {
      expect(value, key).not.toMatch(/“|”/);
    }
  });
});
