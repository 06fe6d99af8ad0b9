// The warm standby worker gives the rounds the in-thread solver gives, one after another or at once.
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../bench/instances.js';
import { TandemError } from '../../src/core/errors.js';
import { solveMatching } from '../../src/core/matching/index.js';
import { startStandbyMatcher } from '../../src/matching-worker/index.js';
import { warmUpRound } from '../../src/matching-worker/warm-up.js';
import { mentor, pool } from './pools.js';

// A small warm-up keeps the tests quick; the app's is larger (see WARM_UP).
const warmUp = { mentees: 120, mentors: 80, solves: 2 };

describe('startStandbyMatcher', () => {
  it('solves rounds one after another, each as the in-thread solver does', async () => {
    const matcher = startStandbyMatcher({ warmUp });
    try {
      for (const seed of [41, 42, 43]) {
        const input = generateInstance({ mentees: 300, mentors: 200, seed });
        expect(await matcher.solve(input)).toEqual(solveMatching(input));
      }
    } finally {
      await matcher.close();
    }
  });

  it('gives a round that arrives while another is solved a worker of its own', async () => {
    const matcher = startStandbyMatcher({ warmUp });
    try {
      const inputs = [44, 45, 46].map((seed) => generateInstance({ mentees: 400, mentors: 250, seed }));
      const results = await Promise.all(inputs.map((input) => matcher.solve(input)));
      results.forEach((result, n) => expect(result).toEqual(solveMatching(inputs[n]!)));
    } finally {
      await matcher.close();
    }
  });

  it('answers a round sent during the warm-up without waiting for it to end', async () => {
    // A warm-up that would outlast the test: the round must interrupt it after at most one of its solves.
    const matcher = startStandbyMatcher({ warmUp: { mentees: 300, mentors: 200, solves: 1_000_000 } });
    try {
      const input = generateInstance({ mentees: 60, mentors: 40, seed: 47 });
      expect(await matcher.solve(input)).toEqual(solveMatching(input));
    } finally {
      await matcher.close();
    }
  });

  it('rejects invalid input with its error code, and stops a round when aborted, then goes on', async () => {
    const matcher = startStandbyMatcher({ warmUp });
    try {
      const invalid = matcher.solve(pool([mentor('m', { capacity: 7 })], []));
      await expect(invalid).rejects.toBeInstanceOf(TandemError);
      await expect(invalid).rejects.toMatchObject({ code: 'invalid_input' });

      const controller = new AbortController();
      const solving = matcher.solve(generateInstance({ mentees: 2000, mentors: 1200, seed: 48 }), { signal: controller.signal });
      controller.abort(new Error('round cancelled'));
      await expect(solving).rejects.toThrow('round cancelled');

      const input = generateInstance({ mentees: 100, mentors: 60, seed: 49 });
      expect(await matcher.solve(input)).toEqual(solveMatching(input));
    } finally {
      await matcher.close();
    }
  });

  it('still solves after being closed (in a worker started then)', async () => {
    const matcher = startStandbyMatcher({ warmUp });
    await matcher.close();
    const input = generateInstance({ mentees: 80, mentors: 50, seed: 50 });
    expect(await matcher.solve(input)).toEqual(solveMatching(input));
  });
});

describe('warmUpRound', () => {
  it('is the same made-up round every time, and a round the solver pairs', () => {
    const round = warmUpRound(200, 120);
    expect(warmUpRound(200, 120)).toEqual(round);
    expect(round.mentees).toHaveLength(200);
    expect(round.mentors).toHaveLength(120);
    const result = solveMatching(round);
    expect(result.stats.matched).toBeGreaterThan(150);
    expect(result.stats.compatiblePairs).toBeLessThan(200 * 120); // languages and reporting lines rule some out
  });
});
