// The worker thread gives the same round as solving in the main thread, which stays free meanwhile.
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../bench/instances.js';
import { TandemError } from '../../src/core/errors.js';
import { solveMatching } from '../../src/core/matching/index.js';
import { solveInWorker } from '../../src/matching-worker/index.js';
import { mentor, pool } from './pools.js';

describe('solveInWorker', () => {
  it('returns exactly what the in-thread solver returns, without blocking the event loop', async () => {
    const input = generateInstance({ mentees: 1200, mentors: 800, seed: 31 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const fromWorker = await solveInWorker(input);
    clearInterval(ticker);
    expect(fromWorker).toEqual(solveMatching(input));
    expect(ticks).toBeGreaterThan(0);
  });

  it('rejects invalid input with the same error code', async () => {
    const rejection = solveInWorker(pool([mentor('m', { capacity: 7 })], []));
    await expect(rejection).rejects.toBeInstanceOf(TandemError);
    await expect(rejection).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const solving = solveInWorker(generateInstance({ mentees: 2000, mentors: 1200, seed: 32 }), { signal: controller.signal });
    controller.abort(new Error('round cancelled'));
    await expect(solving).rejects.toThrow('round cancelled');
  });
});
