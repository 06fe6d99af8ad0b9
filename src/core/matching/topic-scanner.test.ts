import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../../bench/instances.js';
import { buildPool } from './pool.js';
import { isCompatible, scorePair } from './score.js';
import { TopicScanner } from './topic-scanner.js';

describe('TopicScanner', () => {
  // Against scoring every pair: what it keeps is right and ranked, and what it leaves out is ≤ cut.
  it.each([
    ['by score', false, false],
    ['by score − fixed prices, above a floor', true, true],
    ['by score − prices that may move, skipping listed mentors', true, false],
  ])('finds the best mentors %s', (_label, withPrices, fixed) => {
    for (let seed = 1; seed <= 12; seed++) {
      const pool = buildPool(generateInstance({ mentees: 30 + seed, mentors: 20 + seed, seed }));
      const prices = Float64Array.from({ length: pool.mentorCount }, (_, j) => (withPrices ? (j * 7919) % 13 : 0));
      const scanner = new TopicScanner(pool, 8);
      const skipOf = (i: number) => (withPrices && !fixed ? [i % pool.mentorCount, (i * 7) % pool.mentorCount] : []);
      const floorOf = (i: number) => (fixed ? 10 + (i % 30) : -Infinity);
      const seen = new Set<number>();
      scanner.scanAll(
        Array.from({ length: pool.menteeCount }, (_, i) => i),
        { offsets: withPrices ? prices : null, fixed },
        (i) => ({ limit: 1 + (i % 8), floor: floorOf(i), scoreCap: Infinity, skip: skipOf(i) }),
        (i, found) => {
          seen.add(i);
          const kept = new Set<number>();
          for (let n = 0; n < found.count; n++) {
            const j = found.partner[n]!;
            kept.add(j);
            expect(isCompatible(pool, j, i)).toBe(true);
            expect(found.score[n]).toBe(scorePair(pool, j, i));
            expect(found.score[n]! - prices[j]!).toBeGreaterThan(floorOf(i));
            if (n > 0) expect(found.score[n]! - prices[j]!).toBeLessThanOrEqual(found.score[n - 1]! - prices[found.partner[n - 1]!]!);
          }
          expect(found.cut).toBeGreaterThanOrEqual(floorOf(i));
          for (let j = 0; j < pool.mentorCount; j++) {
            if (kept.has(j) || skipOf(i).includes(j) || !isCompatible(pool, j, i)) continue;
            expect(scorePair(pool, j, i) - prices[j]!).toBeLessThanOrEqual(found.cut);
          }
        },
      );
      expect(seen.size).toBe(pool.menteeCount);
    }
  });
});
