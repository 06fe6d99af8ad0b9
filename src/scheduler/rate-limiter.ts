// Pacing for proactive sends: token buckets (GCRA) that queue callers FIFO, can be paused (429
// Retry-After), and a per-destination spacing layered on a shared bucket. No I/O, no platform code.

/** The limiter's own time: milliseconds on any monotonic scale, and a way to wait. Injected in tests. */
export interface LimiterTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTime: LimiterTime = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.ceil(ms)))),
};

export interface BucketOptions {
  ratePerSecond: number;
  /** How many grants may go at once after a quiet spell (default 1: plain spacing). */
  burst?: number;
  time?: LimiterTime;
}

interface Waiter {
  deadline: number;
  resolve(granted: boolean): void;
}

/**
 * A token bucket as a generic cell rate algorithm: `tat` is when the bucket would be full again.
 * Callers are served in arrival order; a pause holds everyone and resumes at the steady rate.
 */
export class TokenBucket {
  private readonly interval: number;
  private readonly tolerance: number;
  private readonly time: LimiterTime;
  private tat = Number.NEGATIVE_INFINITY;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private readonly queue: Waiter[] = [];
  private pumping = false;

  constructor(options: BucketOptions) {
    this.interval = intervalOf(options.ratePerSecond);
    this.tolerance = (Math.max(1, options.burst ?? 1) - 1) * this.interval;
    this.time = options.time ?? realTime;
  }

  /** Waits for a grant; resolves false, having taken nothing, when it could not come by `deadline`. */
  acquire(deadline = Number.POSITIVE_INFINITY): Promise<boolean> {
    const now = this.time.now();
    if (this.queue.length === 0 && this.readyAt(now) <= now) {
      this.take(now);
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      this.queue.push({ deadline, resolve });
      void this.pump();
    });
  }

  /** Nobody is served for `ms` (a 429's Retry-After); then the bucket restarts empty, at its steady rate. */
  pause(ms: number): void {
    if (!(ms > 0)) return;
    this.pausedUntil = Math.max(this.pausedUntil, this.time.now() + ms);
    this.tat = Math.max(this.tat, this.pausedUntil + this.tolerance);
  }

  /** Roughly how long a caller arriving now would wait: the queue ahead of it, any pause. */
  waitMs(): number {
    const now = this.time.now();
    return Math.max(0, this.readyAt(now) - now) + this.queue.length * this.interval;
  }

  /** The remaining pause, 0 when not paused. */
  pausedMs(): number {
    return Math.max(0, this.pausedUntil - this.time.now());
  }

  private readyAt(now: number): number {
    return Math.max(now, this.tat - this.tolerance, this.pausedUntil);
  }

  private take(now: number): void {
    this.tat = Math.max(this.tat, now) + this.interval;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let head = this.queue[0]; head; head = this.queue[0]) {
        const now = this.time.now();
        const at = this.readyAt(now);
        if (at > head.deadline) {
          this.queue.shift();
          head.resolve(false);
        } else if (at > now) {
          // Re-checked after the sleep: a pause may have moved the time meanwhile.
          await this.time.sleep(at - now);
        } else {
          this.queue.shift();
          this.take(now);
          head.resolve(true);
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}

/** The limits of one platform. */
export interface PaceRates {
  /** Sends per second to one destination: a person's DM, one group DM, one Teams conversation. */
  perDestinationPerSecond: number;
  /** Grants one destination may take at once after a quiet spell (default 1: plain spacing). */
  destinationBurst?: number;
  /** Sends per second to one workspace (Slack) or tenant (Teams), all destinations together. */
  perWorkspacePerSecond: number;
  /** Default: one second's worth, so timer lateness does not erode the rate. */
  workspaceBurst?: number;
}

export interface PaceRequest {
  /** The shared bucket, e.g. "slack:T0123": a 429 pauses everything sent through it. */
  workspace: string;
  /** e.g. "person:<id>" or "group:<ids>". Keys must be unique across workspaces. */
  destination: string;
  rates: PaceRates;
  /** Limiter time after which the caller would rather not be granted (its lease ends). */
  deadline?: number;
}

const MAX_TRACKED_DESTINATIONS = 50_000;

/**
 * Paces sends: each destination is spaced by its own rate AND draws from its workspace's bucket.
 * The destination's slot is taken when the workspace bucket grants, and concurrent callers for one
 * destination go one at a time, so the destination rate holds at the moment of sending.
 */
export class Pacer {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly tats = new Map<string, number>();
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly time: LimiterTime = realTime) {}

  async acquire(request: PaceRequest): Promise<boolean> {
    const { destination, rates } = request;
    const deadline = request.deadline ?? Number.POSITIVE_INFINITY;
    const interval = intervalOf(rates.perDestinationPerSecond);
    const tolerance = (Math.max(1, rates.destinationBurst ?? 1) - 1) * interval;
    const bucket = this.bucket(request.workspace, rates);

    const previous = this.tails.get(destination) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(destination, tail);
    try {
      await previous;
      const ready = (this.tats.get(destination) ?? Number.NEGATIVE_INFINITY) - tolerance;
      if (ready > deadline) return false;
      const wait = ready - this.time.now();
      if (wait > 0) await this.time.sleep(wait);
      if (!(await bucket.acquire(deadline))) return false;
      const now = this.time.now();
      this.tats.set(destination, Math.max(this.tats.get(destination) ?? now, now) + interval);
      this.forgetIdle(now);
      return true;
    } finally {
      release();
      if (this.tails.get(destination) === tail) this.tails.delete(destination);
    }
  }

  /** A 429 for anything in this workspace: everyone waits `ms`. */
  pause(workspace: string, ms: number): void {
    this.buckets.get(workspace)?.pause(ms);
  }

  /** The longest pause in force, 0 when none. */
  pausedMs(): number {
    let longest = 0;
    for (const bucket of this.buckets.values()) longest = Math.max(longest, bucket.pausedMs());
    return longest;
  }

  /** When `destination` may next be sent to, in limiter time (its own spacing only). */
  readyAt(destination: string): number {
    return this.tats.get(destination) ?? Number.NEGATIVE_INFINITY;
  }

  /** Roughly how long a send to `destination` in `workspace` would wait now. */
  waitMs(workspace: string, destination: string): number {
    const own = Math.max(0, this.readyAt(destination) - this.time.now());
    return own + (this.buckets.get(workspace)?.waitMs() ?? 0);
  }

  /** Someone is waiting for, or being granted, this destination. */
  busy(destination: string): boolean {
    return this.tails.has(destination);
  }

  private bucket(workspace: string, rates: PaceRates): TokenBucket {
    let bucket = this.buckets.get(workspace);
    if (!bucket) {
      const burst = rates.workspaceBurst ?? Math.max(1, Math.round(rates.perWorkspacePerSecond));
      bucket = new TokenBucket({ ratePerSecond: rates.perWorkspacePerSecond, burst, time: this.time });
      this.buckets.set(workspace, bucket);
    }
    return bucket;
  }

  private forgetIdle(now: number): void {
    if (this.tats.size < MAX_TRACKED_DESTINATIONS) return;
    for (const [destination, tat] of this.tats) if (tat <= now) this.tats.delete(destination);
  }
}

function intervalOf(ratePerSecond: number): number {
  if (!(ratePerSecond > 0)) throw new RangeError(`rate must be positive: ${ratePerSecond}`);
  return 1000 / ratePerSecond;
}
