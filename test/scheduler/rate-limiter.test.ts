// The pacing primitives on virtual time: exact grant times, no real waiting.
import { describe, expect, it } from 'vitest';
import { Pacer, TokenBucket, type PaceRates } from '../../src/scheduler/rate-limiter.js';
import { virtualTime, type VirtualTime } from './virtual-time.js';

/** Acquires all at once, returns the virtual time of each grant (or null when refused). */
async function grantTimes(time: VirtualTime, acquires: (() => Promise<boolean>)[]): Promise<(number | null)[]> {
  return time.run(Promise.all(acquires.map((acquire) => acquire().then((granted) => (granted ? time.now() : null)))));
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('TokenBucket', () => {
  it('spaces grants at the rate: 20 at 5/s span 3.8 s', async () => {
    const time = virtualTime();
    const bucket = new TokenBucket({ ratePerSecond: 5, time });
    const times = (await grantTimes(time, Array.from({ length: 20 }, () => () => bucket.acquire()))) as number[];
    expect(times[0]).toBe(0);
    expect(gaps(times).every((gap) => gap === 200)).toBe(true);
    expect(times.at(-1)).toBe(3800);
  });

  it('lets a burst through after a quiet spell, then the steady rate', async () => {
    const time = virtualTime();
    const bucket = new TokenBucket({ ratePerSecond: 4, burst: 4, time });
    const times = await grantTimes(time, Array.from({ length: 8 }, () => () => bucket.acquire()));
    expect(times).toEqual([0, 0, 0, 0, 250, 500, 750, 1000]);
  });

  it('serves callers in arrival order', async () => {
    const time = virtualTime();
    const bucket = new TokenBucket({ ratePerSecond: 10, time });
    const order: number[] = [];
    await time.run(Promise.all([1, 2, 3, 4].map((n) => bucket.acquire().then(() => order.push(n)))));
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('holds everyone during a pause, waiters included, and resumes without a burst', async () => {
    const time = virtualTime();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 5, time });
    const burst = await grantTimes(time, Array.from({ length: 5 }, () => () => bucket.acquire()));
    expect(burst).toEqual([0, 0, 0, 0, 0]);
    const waiting = Array.from({ length: 4 }, () => bucket.acquire().then(() => time.now()));
    bucket.pause(5000); // a 429 arrives while they wait
    expect(bucket.pausedMs()).toBe(5000);
    const times = await time.run(Promise.all(waiting));
    expect(times).toEqual([5000, 5100, 5200, 5300]);
  });

  it('refuses, taking nothing, when the grant would come after the deadline', async () => {
    const time = virtualTime();
    const bucket = new TokenBucket({ ratePerSecond: 1, time });
    const times = await grantTimes(time, [() => bucket.acquire(), () => bucket.acquire(500), () => bucket.acquire()]);
    expect(times).toEqual([0, null, 1000]);
  });

  it('tells how long a newcomer would wait', async () => {
    const time = virtualTime();
    const bucket = new TokenBucket({ ratePerSecond: 2, time });
    await bucket.acquire();
    expect(bucket.waitMs()).toBe(500);
    bucket.pause(3000);
    expect(bucket.waitMs()).toBe(3000);
  });
});

describe('Pacer', () => {
  const slack: PaceRates = { perDestinationPerSecond: 1, perWorkspacePerSecond: 4 };

  it('holds each destination to its own rate', async () => {
    const time = virtualTime();
    const pacer = new Pacer(time);
    const sends = ['a', 'b', 'c'].flatMap((to) => Array.from({ length: 4 }, () => ({ to })));
    const times = await grantTimes(
      time,
      sends.map(({ to }) => () => pacer.acquire({ workspace: 'slack:T', destination: to, rates: slack })),
    );
    for (const to of ['a', 'b', 'c']) {
      const own = times.filter((_, i) => sends[i]!.to === to) as number[];
      expect(own).toEqual([0, 1000, 2000, 3000]);
    }
  });

  it('holds the workspace to its cap across destinations', async () => {
    const time = virtualTime();
    const pacer = new Pacer(time);
    const times = (await grantTimes(
      time,
      Array.from({ length: 20 }, (_, i) => () => pacer.acquire({ workspace: 'slack:T', destination: `d${i}`, rates: slack })),
    )) as number[];
    const sorted = [...times].sort((a, b) => a - b);
    // A burst of 4 (one second's worth), then one every 250 ms.
    expect(sorted.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(gaps(sorted.slice(3)).every((gap) => gap === 250)).toBe(true);
    expect(sorted.at(-1)).toBe(4000);
  });

  it('keeps a destination’s spacing at the moment of sending, even when the workspace makes it wait', async () => {
    const time = virtualTime();
    const pacer = new Pacer(time);
    const slow: PaceRates = { perDestinationPerSecond: 2, perWorkspacePerSecond: 1 };
    const sends = ['x', 'y', 'x', 'y', 'x'];
    const times = await grantTimes(
      time,
      sends.map((to) => () => pacer.acquire({ workspace: 'w', destination: to, rates: slow })),
    );
    const x = times.filter((_, i) => sends[i] === 'x') as number[];
    expect(gaps(x).every((gap) => gap >= 500)).toBe(true);
    expect(gaps([...(times as number[])].sort((a, b) => a - b)).every((gap) => gap >= 1000)).toBe(true);
  });

  it('pauses one workspace only', async () => {
    const time = virtualTime();
    const pacer = new Pacer(time);
    const teams: PaceRates = { perDestinationPerSecond: 7, perWorkspacePerSecond: 50 };
    await time.run(pacer.acquire({ workspace: 'slack:T', destination: 'a', rates: slack }));
    await time.run(pacer.acquire({ workspace: 'teams:X', destination: 't', rates: teams }));
    pacer.pause('slack:T', 30_000);
    expect(pacer.pausedMs()).toBe(30_000);
    const times = await grantTimes(time, [
      () => pacer.acquire({ workspace: 'slack:T', destination: 'b', rates: slack }),
      () => pacer.acquire({ workspace: 'teams:X', destination: 'u', rates: teams }),
    ]);
    expect(times).toEqual([30_000, 0]);
  });

  it('refuses when a destination would only be free after the deadline', async () => {
    const time = virtualTime();
    const pacer = new Pacer(time);
    const times = await grantTimes(time, [
      () => pacer.acquire({ workspace: 'w', destination: 'a', rates: slack }),
      () => pacer.acquire({ workspace: 'w', destination: 'a', rates: slack, deadline: 900 }),
      () => pacer.acquire({ workspace: 'w', destination: 'a', rates: slack }),
    ]);
    expect(times).toEqual([0, null, 1000]);
    expect(pacer.busy('a')).toBe(false);
  });
});
