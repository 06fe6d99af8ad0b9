// Delivers due outbox rows: claim with a lease, compose, pace to the platform's limits, send through
// the person's platform (one group message when the row has an audience), record the outcome.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../core/context.js';
import type { Message } from '../core/messages.js';
import { DeliveryError, type Clock, type Messenger, type Notification, type Store } from '../core/ports.js';
import type { Person, Platform } from '../core/types.js';
import { Pacer, realTime, type LimiterTime, type PaceRates } from './rate-limiter.js';
import { channelOf, sendToChannel } from './channel-delivery.js';

export type { PaceRates } from './rate-limiter.js';

export interface DispatcherOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  messengers: Partial<Record<Platform, Messenger>>;
  compose(notification: Notification, recipient: Person): Promise<Message | null>;
  /** Most rows claimed at once (fewer when the rates could not send them within the lease). */
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Sends in flight at once (each waits its turn in the pacer first). */
  concurrency?: number;
  /** Per-platform limits of the whole deployment, merged over DEFAULT_RATES. */
  rates?: { [P in Platform]?: Partial<PaceRates> };
  /**
   * How many processes deliver at once (TANDEM_REPLICAS, default 1). Pacing holds per process, so each
   * takes this share of the workspace/tenant rates; a destination's rate is left whole (one row goes
   * to one destination at a time and replicas rarely send to the same one together).
   */
  replicas?: number;
  /** The end of a lease kept for the send itself (HTTP timeouts, conversations.open pacing). Default 30 s. */
  sendGuardMs?: number;
  /** The pacer's time (tests inject a virtual one); real monotonic time by default. */
  limiterTime?: LimiterTime;
}

export interface Dispatcher {
  /** Claims and delivers what is due now; returns how many rows were handled. */
  tick(): Promise<number>;
  /** Ticks until nothing is due (tests, shutdown drains). */
  drain(): Promise<number>;
  /** Stops claiming, lets the sends in flight finish, and hands back claimed rows not yet sent. */
  stop(): Promise<void>;
}

/**
 * Slack: chat.postMessage allows about one message per second per channel; the workspace-wide cap
 * is a few hundred per minute. Teams: 7 sends per second per conversation, ~50 requests per second
 * per tenant. (Slack's conversations.open, Tier 3, is paced inside the Slack messenger.)
 */
export const DEFAULT_RATES: Record<Platform, PaceRates> = {
  slack: { perDestinationPerSecond: 1, perWorkspacePerSecond: 4 },
  teams: { perDestinationPerSecond: 7, perWorkspacePerSecond: 50 },
};

const BASE_BACKOFF_MS = 30_000;
/** A row failing with 429s (Retry-After) gives up after maxAttempts × this. */
const THROTTLED_ATTEMPTS_FACTOR = 4;
const MAX_BACKOFF_MS = 60 * 60_000;

interface Claimed {
  row: Notification;
  /** Domain clock (ms) when the lease ends. */
  leaseUntil: number;
  /** Limiter time after which the row must not be granted a send any more. */
  sendBy: number;
  /** Pacing key guessed from the row alone, to pick rows whose destination is free. */
  destination: string;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { store, clock, logger, messengers } = options;
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const sendGuardMs = options.sendGuardMs ?? Math.min(30_000, leaseMs / 4);
  if (!(sendGuardMs < leaseMs)) throw new RangeError('sendGuardMs must be shorter than leaseMs');
  const time = options.limiterTime ?? realTime;
  const replicas = options.replicas ?? 1;
  if (!(Number.isInteger(replicas) && replicas >= 1)) throw new RangeError(`replicas must be a positive integer: ${replicas}`);
  const rates = Object.fromEntries(
    (Object.keys(DEFAULT_RATES) as Platform[]).map((platform) => [platform, shareOf({ ...DEFAULT_RATES[platform], ...options.rates?.[platform] }, replicas)]),
  ) as Record<Platform, PaceRates>;
  const configured = (Object.keys(rates) as Platform[]).filter((platform) => messengers[platform]);
  const slowestPerSecond = Math.min(...configured.map((platform) => rates[platform].perWorkspacePerSecond));
  const slowestDestinationMs = Math.max(0, ...configured.map((platform) => 1000 / rates[platform].perDestinationPerSecond));
  /** Claimed rows waiting to be sent, at most. */
  const maxPool = 2 * batchSize;
  const pacer = new Pacer(time);
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let running: Promise<number> | null = null;
  let stopping = false;

  /** The group a row goes to as one message, or null: send to the recipient alone. */
  async function groupOf(row: Notification, recipient: Person, messenger: Messenger): Promise<Person[] | null> {
    const ids = [...new Set([recipient.id, ...(row.audienceIds ?? [])])];
    if (ids.length < 2 || !messenger.sendToGroup) return null;
    const others = await Promise.all(ids.slice(1).map((id) => store.getPerson(id)));
    const people = [recipient];
    for (const person of others) {
      if (!person || person.platform !== recipient.platform || person.tenantId !== recipient.tenantId) {
        logger.debug({ notificationId: row.id }, 'audience not reachable as one group: sending to the recipient alone');
        return null;
      }
      people.push(person);
    }
    return people;
  }

  async function deliver({ row, leaseUntil, sendBy }: Claimed): Promise<void> {
    const log = { notificationId: row.id, kind: row.kind };
    let workspace: string | null = null;
    try {
      const recipient = await store.getPerson(row.recipientId);
      if (!recipient) return record(await store.markNotificationCancelled(row.id, 'recipient gone', owner));
      const messenger = messengers[recipient.platform];
      if (!messenger) {
        return record(await store.markNotificationAttemptFailed(row.id, `${recipient.platform} is not configured`, null, owner));
      }
      const group = await groupOf(row, recipient, messenger);
      const composed = await options.compose(row, recipient);
      if (!composed) return record(await store.markNotificationCancelled(row.id, 'no longer applies', owner));
      // An edit of a message sent earlier (e.g. a round's progress): the earlier one must have gone out.
      const replaces = typeof row.payload.replaces === 'string' ? await store.findNotificationByKey(row.payload.replaces) : null;
      if (typeof row.payload.replaces === 'string' && !replaces?.platformMessageId) {
        return record(await store.markNotificationCancelled(row.id, 'the message to update was not sent', owner));
      }

      workspace = `${recipient.platform}:${recipient.tenantId}`;
      const channel = channelOf(row);
      const destination = channel ? `channel:${channel.channelId}` : group ? groupKey(group) : personKey(recipient.id);
      const granted = await pacer.acquire({ workspace, destination, rates: rates[recipient.platform], deadline: sendBy });
      if (!granted || clock.now().getTime() > leaseUntil - sendGuardMs) {
        // Sending now could overlap another replica taking the row over: give it back unsent.
        const retryAt = new Date(clock.now().getTime() + Math.max(1000, pacer.waitMs(workspace, destination)));
        logger.info({ ...log, retryAt }, 'notification given back: the rate limits would outlast its lease');
        return record(await store.markNotificationAttemptFailed(row.id, 'rate limit wait outlasted the lease', retryAt, owner));
      }
      let messageId: string;
      if (replaces?.platformMessageId) {
        await messenger.update(recipient, replaces.platformMessageId, composed);
        messageId = replaces.platformMessageId;
      } else if (channel) {
        ({ messageId } = await sendToChannel(store, messenger, channel, composed));
      } else {
        ({ messageId } =
          group && messenger.sendToGroup ? await messenger.sendToGroup(group, composed) : await messenger.send(recipient, composed));
      }
      const recorded = await store.markNotificationSent(row.id, messageId, clock.now(), owner);
      record(recorded);
      if (recorded) logger.debug(log, 'notification sent');
    } catch (error) {
      const delivery = error instanceof DeliveryError ? error : null;
      const retryAfterMs = delivery?.options.retryAfterMs;
      // The platform throttles the whole app: hold every send to this workspace, not only this row
      // (unless the limit was on a call the messenger paces itself, e.g. opening a conversation).
      if (retryAfterMs !== undefined && workspace && delivery?.options.retryAfterScope !== 'row') pacer.pause(workspace, retryAfterMs);
      // Throttling says "later", not "broken": a throttled row gets more attempts before giving up.
      const attemptsAllowed = retryAfterMs !== undefined ? maxAttempts * THROTTLED_ATTEMPTS_FACTOR : maxAttempts;
      const giveUp = delivery?.options.permanent || row.attempts >= attemptsAllowed;
      const retryAt = giveUp ? null : new Date(clock.now().getTime() + retryDelay(row.attempts, retryAfterMs));
      logger.warn({ ...log, err: error, attempts: row.attempts, giveUp }, 'notification not delivered');
      record(await store.markNotificationAttemptFailed(row.id, errorText(error), retryAt, owner));
    }

    /** The outcome is not ours to record once the lease was lost (this process stalled past it). */
    function record(recorded: boolean): void {
      if (!recorded) logger.warn(log, 'lease lost before the outcome was recorded: another replica took the notification over');
    }
  }

  /**
   * How many more rows to claim: no more than maxPool waiting, and no more than the slowest workspace
   * bucket can send within a lease (minus any pause), so claimed rows do not wait out their lease.
   */
  function claimLimit(pooled: number): number {
    const budgetMs = leaseMs - sendGuardMs - pacer.pausedMs();
    const capacity = Number.isFinite(slowestPerSecond) ? Math.floor((budgetMs / 1000) * slowestPerSecond) : batchSize;
    return Math.min(batchSize, capacity - pooled, maxPool - pooled);
  }

  /**
   * Whether to claim more now: the pool runs low, or nothing in it can go at once (every destination
   * is busy or spaced out, or only new ones are wanted and there are none), as long as what is
   * pooled would still drain well within a lease.
   */
  function needMore(pool: Claimed[], wantNew: boolean): boolean {
    if (pool.length < Math.max(concurrency, Math.floor(batchSize / 2))) return true;
    if (pool.length >= maxPool) return false;
    const now = time.now();
    const perDestination = new Map<string, number>();
    for (const { destination } of pool) {
      const ready = pacer.readyAt(destination);
      if (!pacer.busy(destination) && (ready === Number.NEGATIVE_INFINITY || (!wantNew && ready <= now))) return false;
      perDestination.set(destination, (perDestination.get(destination) ?? 0) + 1);
    }
    const drainMs = Math.max(...perDestination.values()) * slowestDestinationMs;
    return drainMs < (leaseMs - sendGuardMs) / 2;
  }

  /**
   * The next row to send, among those whose destination nobody is sending to. A destination this
   * process never sent to may first need a conversation opened (Slack's conversations.open, Tier 3,
   * far slower than posting): up to half the senders take those, in due order, so the opening never
   * idles; the others take destinations sent to before and ready again, then new ones, then the one
   * ready soonest. All busy: the oldest row.
   */
  function takeNext(pool: Claimed[], wantNew: boolean): Claimed | undefined {
    const now = time.now();
    let best = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    for (let i = 0; i < pool.length; i++) {
      const { destination } = pool[i]!;
      if (pacer.busy(destination)) continue;
      const ready = pacer.readyAt(destination);
      const score =
        ready === Number.NEGATIVE_INFINITY
          ? wantNew
            ? -Number.MAX_VALUE
            : now
          : ready <= now
            ? ready - Number.MAX_SAFE_INTEGER
            : ready;
      if (score < bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return pool.splice(Math.max(best, 0), 1)[0];
  }

  /**
   * Claims a batch, and claims again while it drains (so the pacer always has rows for free
   * destinations), until nothing more is due or the tick has claimed for a lease.
   */
  async function runOnce(): Promise<number> {
    const pool: Claimed[] = [];
    const stopClaimingAt = time.now() + leaseMs;
    let handled = 0;
    let exhausted = false;
    let claiming: Promise<void> | null = null;

    const refill = async () => {
      if (stopping) {
        exhausted = true;
        return;
      }
      const limit = claimLimit(pool.length);
      if (limit <= 0) {
        // Paused longer than a lease: claim nothing now, the next tick tries again.
        if (pool.length === 0) exhausted = true;
        return;
      }
      const now = clock.now();
      const rows = await store.claimDueNotifications(now, new Date(now.getTime() + leaseMs), limit, owner);
      const sendBy = time.now() + leaseMs - sendGuardMs;
      rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      for (const row of rows) pool.push({ row, leaseUntil: now.getTime() + leaseMs, sendBy, destination: destinationOf(row) });
      if (rows.length < limit || time.now() >= stopClaimingAt) exhausted = true;
    };

    const newSlots = Math.max(1, Math.floor(concurrency / 2));
    let newInFlight = 0;
    const worker = async () => {
      for (;;) {
        if (stopping) {
          // Shutting down: what was claimed but not sent goes back at once, for this or another replica.
          const unsent = pool.splice(0).map((claimed) => claimed.row.id);
          if (unsent.length > 0) await store.releaseNotifications(unsent, owner);
          return;
        }
        if (!exhausted && needMore(pool, newInFlight < newSlots)) {
          await (claiming ??= refill().finally(() => {
            claiming = null;
          }));
        }
        const next = takeNext(pool, newInFlight < newSlots);
        if (!next) {
          if (exhausted) return;
          continue;
        }
        const isNew = pacer.readyAt(next.destination) === Number.NEGATIVE_INFINITY;
        if (isNew) newInFlight++;
        try {
          await deliver(next);
        } finally {
          if (isNew) newInFlight--;
        }
        handled++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return handled;
  }

  return {
    tick() {
      if (stopping) return Promise.resolve(0);
      // One tick at a time per process; other replicas coordinate through the row leases.
      running ??= runOnce().finally(() => {
        running = null;
      });
      return running;
    },
    async drain() {
      let total = 0;
      for (let handled = await this.tick(); handled > 0 && !stopping; handled = await this.tick()) total += handled;
      return total;
    },
    async stop() {
      stopping = true;
      await running;
    },
  };
}

/** One replica's part of the shared (workspace/tenant) rates. */
function shareOf(rates: PaceRates, replicas: number): PaceRates {
  if (replicas === 1) return rates;
  const perWorkspacePerSecond = rates.perWorkspacePerSecond / replicas;
  const workspaceBurst = rates.workspaceBurst === undefined ? undefined : Math.max(1, Math.floor(rates.workspaceBurst / replicas));
  return { ...rates, perWorkspacePerSecond, ...(workspaceBurst === undefined ? {} : { workspaceBurst }) };
}

function personKey(personId: string): string {
  return `person:${personId}`;
}

function groupKey(people: Person[]): string {
  return `group:${people
    .map((person) => person.id)
    .sort()
    .join(',')}`;
}

/** The destination a row will most likely go to, before its people are loaded. */
function destinationOf(row: Notification): string {
  const ids = [...new Set([row.recipientId, ...(row.audienceIds ?? [])])];
  return ids.length > 1 ? `group:${ids.sort().join(',')}` : personKey(row.recipientId);
}

/** Retry-After when the platform gave one, else exponential backoff with jitter. */
export function retryDelay(attempts: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return retryAfterMs + Math.floor(Math.random() * 500);
  const exponential = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.floor(exponential / 2 + Math.random() * (exponential / 2));
}

function errorText(error: unknown): string {
  if (error instanceof DeliveryError) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
