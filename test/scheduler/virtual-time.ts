// Limiter time for tests: a virtual clock whose sleeps wake in time order, without real waiting.
import type { Clock } from '../../src/core/ports.js';
import type { LimiterTime } from '../../src/scheduler/rate-limiter.js';

export interface VirtualTime extends LimiterTime {
  /** Runs everything runnable, then wakes the next sleeper, and so on, until `promise` settles.
   *  With nobody asleep, waits (for real) for I/O to answer. */
  run<T>(promise: Promise<T>): Promise<T>;
}

/** Exact: sleepers wake one at a time, earliest first, once nothing else can run. */
export function virtualTime(start = 0): VirtualTime {
  let now = start;
  let sequence = 0;
  const timers: { at: number; sequence: number; wake(): void }[] = [];
  const idle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((wake) => {
        timers.push({ at: now + Math.max(0, ms), sequence: sequence++, wake });
      }),
    async run(promise) {
      let settled = false;
      promise.then(
        () => (settled = true),
        () => (settled = true),
      );
      const giveUpAt = Date.now() + 10_000;
      for (;;) {
        await idle();
        if (settled) return promise;
        timers.sort((a, b) => a.at - b.at || a.sequence - b.sequence);
        const next = timers.shift();
        if (next) {
          now = Math.max(now, next.at);
          next.wake();
        } else if (Date.now() < giveUpAt) {
          // Waiting for real I/O (a fake server): give it real time; virtual time stands still.
          await new Promise((resolve) => setTimeout(resolve, 1));
        } else {
          throw new Error('virtual time: the promise waits for something that never comes');
        }
      }
    },
  };
}

/**
 * Follows a test clock, and a sleep moves that clock forward to the wake-up time at once. Waits are
 * never shorter than asked (sleepers may wake late), so paced sends keep their spacing in clock time.
 */
export function clockTime(clock: Clock & { advance(ms: number): void }): LimiterTime {
  return {
    now: () => clock.now().getTime(),
    sleep: async (ms) => {
      // Whole milliseconds: the clock is a Date.
      const wakeAt = clock.now().getTime() + Math.ceil(ms);
      await Promise.resolve();
      const now = clock.now().getTime();
      if (wakeAt > now) clock.advance(wakeAt - now);
    },
  };
}
