import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../../bench/instances.js';
import { buildPool, type Pool } from './pool.js';
import { isCompatible, scorePair } from './score.js';
import { TopicScanner } from './topic-scanner.js';
import type { MatchInput } from './types.js';

/** Against scoring every pair: what the scanner keeps is right and ranked, and what it leaves out is ≤ cut. */
function checkScans(pool: Pool, withPrices: boolean, withFloor: boolean): void {
  const prices = Float64Array.from({ length: pool.mentorCount }, (_, j) => (withPrices ? (j * 7919) % 13 : 0));
  const scanner = new TopicScanner(pool, 8);
  const skipOf = (i: number) => (withPrices && !withFloor ? [i % pool.mentorCount, (i * 7) % pool.mentorCount] : []);
  const floorOf = (i: number) => (withFloor ? 10 + (i % 30) : -Infinity);
  const seen = new Set<number>();
  scanner.scanAll(
    Array.from({ length: pool.menteeCount }, (_, i) => i),
    { offsets: withPrices ? prices : null },
    (i) => ({ limit: 1 + (i % 8), floor: floorOf(i), skip: skipOf(i) }),
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

const MODES = [
  ['by score', false, false],
  ['by score − prices, above a floor', true, true],
  ['by score − prices, skipping listed mentors', true, false],
] as const;

/** More than 32 teach-back topics and availability slots: bit sets of several words. */
function withManyTeachTopicsAndSlots(input: MatchInput): MatchInput {
  const extra = (prefix: string, n: number, count: number) => Array.from({ length: count }, (_, k) => `${prefix}-${(n * 7 + k * 5) % 40}`);
  return {
    ...input,
    mentors: input.mentors.map((mentor, n) => ({
      ...mentor,
      wantsToLearn: [...mentor.wantsToLearn, ...extra('learn', n, 3)],
      availability: [...mentor.availability, ...extra('slot', n, 4)],
    })),
    mentees: input.mentees.map((mentee, n) => ({
      ...mentee,
      canTeach: [...mentee.canTeach, ...extra('learn', n + 3, 2)],
      availability: [...mentee.availability, ...extra('slot', n + 1, 5)],
    })),
  };
}

/** Mentees wanting up to nine topics: class keys beyond the direct-index table. */
function withManyTopics(input: MatchInput): MatchInput {
  const topics = [...new Set(input.mentors.flatMap((mentor) => mentor.topics.map((choice) => choice.topic)))].sort();
  return {
    ...input,
    mentees: input.mentees.map((mentee, n) => ({
      ...mentee,
      topics: topics.slice(0, 7 + (n % 3)).map((topic, k) => ({ topic, level: 1 + ((n + k) % 3) })),
    })),
  };
}

describe('TopicScanner', () => {
  it.each(MODES)('finds the best mentors %s', (_label, withPrices, withFloor) => {
    for (let seed = 1; seed <= 12; seed++) {
      checkScans(buildPool(generateInstance({ mentees: 30 + seed, mentors: 20 + seed, seed })), withPrices, withFloor);
    }
  });

  it.each(MODES)('finds the best mentors %s, with more than 32 teach-back topics and slots', (_label, withPrices, withFloor) => {
    for (let seed = 1; seed <= 4; seed++) {
      const pool = buildPool(withManyTeachTopicsAndSlots(generateInstance({ mentees: 30 + seed, mentors: 20 + seed, seed })));
      expect(pool.teachWords).toBeGreaterThan(1);
      expect(pool.slotWords).toBeGreaterThan(1);
      checkScans(pool, withPrices, withFloor);
    }
  });

  it.each(MODES)('finds the best mentors %s, for mentees wanting seven to nine topics', (_label, withPrices, withFloor) => {
    for (let seed = 1; seed <= 4; seed++) {
      const pool = buildPool(withManyTopics(generateInstance({ mentees: 30 + seed, mentors: 20 + seed, seed })));
      expect(pool.needStart[1]! - pool.needStart[0]!).toBeGreaterThanOrEqual(7);
      checkScans(pool, withPrices, withFloor);
    }
  });
});
