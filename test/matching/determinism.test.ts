// The same pool, listed in any order, gives exactly the same round.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../bench/instances.js';
import { solveMatching } from '../../src/core/matching/index.js';
import { pools, shuffled } from './arbitraries.js';

describe('solveMatching determinism', () => {
  it('returns the same pairs, reasons and unmatched list whatever the input order', () => {
    fc.assert(
      fc.property(pools({ maxMentors: 20, maxMentees: 30 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (input, seed) => {
        expect(solveMatching(shuffled(input, seed))).toEqual(solveMatching(input));
      }),
      { numRuns: 100 },
    );
  });

  it('holds on a realistic pool full of ties', () => {
    const input = generateInstance({ mentees: 500, mentors: 300, seed: 21 });
    const expected = solveMatching(input);
    for (const seed of [1, 2, 3]) expect(solveMatching(shuffled(input, seed))).toEqual(expected);
  });
});
