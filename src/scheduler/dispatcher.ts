// Delivers due outbox rows: claim with a lease, compose, send through the person's platform, record the outcome.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../core/context.js';
import type { Message } from '../core/messages.js';
import { DeliveryError, type Clock, type Messenger, type Notification, type Store } from '../core/ports.js';
import type { Person, Platform } from '../core/types.js';

export interface DispatcherOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  messengers: Partial<Record<Platform, Messenger>>;
  compose(notification: Notification, recipient: Person): Promise<Message | null>;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  concurrency?: number;
}

export interface Dispatcher {
  /** Claims and delivers what is due now; returns how many rows were handled. */
  tick(): Promise<number>;
  /** Ticks until nothing is due (tests, shutdown drains). */
  drain(): Promise<number>;
}

const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { store, clock, logger, messengers } = options;
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const concurrency = options.concurrency ?? 4;
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let running: Promise<number> | null = null;

  async function deliver(notification: Notification): Promise<void> {
    const log = { notificationId: notification.id, kind: notification.kind };
    try {
      const recipient = await store.getPerson(notification.recipientId);
      if (!recipient) return await store.markNotificationCancelled(notification.id, 'recipient gone');
      const messenger = messengers[recipient.platform];
      if (!messenger) {
        return await store.markNotificationAttemptFailed(notification.id, `${recipient.platform} is not configured`, null);
      }
      const composed = await options.compose(notification, recipient);
      if (!composed) return await store.markNotificationCancelled(notification.id, 'no longer applies');
      const { messageId } = await messenger.send(recipient, composed);
      await store.markNotificationSent(notification.id, messageId, clock.now());
      logger.debug(log, 'notification sent');
    } catch (error) {
      const delivery = error instanceof DeliveryError ? error : null;
      const giveUp = delivery?.options.permanent || notification.attempts >= maxAttempts;
      const retryAt = giveUp ? null : new Date(clock.now().getTime() + retryDelay(notification.attempts, delivery?.options.retryAfterMs));
      logger.warn({ ...log, err: error, attempts: notification.attempts, giveUp }, 'notification not delivered');
      await store.markNotificationAttemptFailed(notification.id, errorText(error), retryAt);
    }
  }

  async function runOnce(): Promise<number> {
    const now = clock.now();
    const claimed = await store.claimDueNotifications(now, new Date(now.getTime() + leaseMs), batchSize, owner);
    let next = 0;
    const workers = Array.from({ length: Math.min(concurrency, claimed.length) }, async () => {
      while (next < claimed.length) await deliver(claimed[next++]!);
    });
    await Promise.all(workers);
    return claimed.length;
  }

  return {
    tick() {
      // One tick at a time per process; other replicas coordinate through the row leases.
      running ??= runOnce().finally(() => {
        running = null;
      });
      return running;
    },
    async drain() {
      let total = 0;
      for (let handled = await this.tick(); handled > 0; handled = await this.tick()) total += handled;
      return total;
    },
  };
}

/** Retry-After when the platform gave one, else exponential backoff with jitter. */
export function retryDelay(attempts: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return retryAfterMs + Math.floor(Math.random() * 500);
  const exponential = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.floor(exponential / 2 + Math.random() * (exponential / 2));
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
