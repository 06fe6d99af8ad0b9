// A round of proactive Slack messages against a fake Slack that enforces its rate limits with 429s,
// in scaled time: the fake, the dispatcher's clock and pacer, and the messenger's conversations.open
// pacer all read one simulated clock that runs `scale` times faster than the wall clock.
// Shared by the simulation test and bench/dispatcher.bench.ts.
import { webApi } from '@slack/bolt';
import { SlackMessenger } from '../../src/adapters/slack/messenger.js';
import type { Clock, Store } from '../../src/core/ports.js';
import type { Person } from '../../src/core/types.js';
import { createDispatcher, type PaceRates } from '../../src/scheduler/dispatcher.js';
import type { LimiterTime } from '../../src/scheduler/rate-limiter.js';
import { startFakeSlack, type FakeRate } from '../fakes/slack-api.js';

export interface SimulationOptions {
  /** Must also offer `listNotifications` (DrizzleStore does). */
  store: Store & { listNotifications(): Promise<{ dedupeKey: string; status: string; attempts: number }[]> };
  people: number;
  messagesPerPerson: number;
  /** Simulated seconds per wall-clock second. */
  scale: number;
  /** What the fake Slack enforces. */
  limits: { perChannel: FakeRate; workspace: FakeRate; open: FakeRate };
  /** The dispatcher's Slack rates (its defaults when omitted). */
  rates?: Partial<PaceRates>;
  /** The messenger's conversations.open pace (its default, 50/min, when omitted). */
  openPerMinute?: number;
  concurrency?: number;
  /** Stop after this much wall-clock time even if rows are left. */
  wallTimeoutMs?: number;
  /** This many extra 429s (Retry-After: 1) on the first chat.postMessage calls, whatever the limits. */
  forced429s?: number;
  /** Distinguishes the dedupe keys and user ids of several runs on one store. */
  runId?: string;
}

export interface SimulationResult {
  notifications: number;
  /** Accepted by the fake Slack, one per dedupe key. */
  delivered: number;
  /** Accepted more than once (sum of the extra copies). */
  duplicates: number;
  /** Not delivered: failed for good, or still pending at the end. */
  lost: number;
  failed: number;
  /** Rows that took more than one attempt. */
  retried: number;
  /** 429s the fake answered (chat.postMessage / conversations.open). */
  rateLimitedPosts: number;
  rateLimitedOpens: number;
  /** Simulated seconds from the start to the last accepted message. */
  makespanS: number;
  /** Simulated seconds from the start to the last accepted conversations.open. */
  lastOpenS: number;
  /** The shortest makespan the fake's limits allow any sender (see idealMakespan). */
  idealMakespanS: number;
  /** deliveredRate ÷ allowedRate = idealMakespan ÷ makespan. */
  ratio: number;
  wallMs: number;
}

export interface ScaledTime {
  /** Simulated epoch ms. */
  now(): number;
  clock: Clock;
  limiterTime: LimiterTime;
}

export function scaledTime(scale: number, start = Date.parse('2026-11-25T09:00:00Z')): ScaledTime {
  const wall0 = performance.now();
  const now = () => start + (performance.now() - wall0) * scale;
  return {
    now,
    clock: { now: () => new Date(now()) },
    limiterTime: { now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / scale))) },
  };
}

/**
 * The best any sender could do under the fake's limits, with every message due at once:
 * each channel needs its conversations.open (Tier 3 bucket, served in order), then one message per
 * channel interval; the workspace bucket caps the total. Bursts are counted in the sender's favour.
 */
export function idealMakespan(options: Pick<SimulationOptions, 'people' | 'messagesPerPerson' | 'limits'>): number {
  const { people, messagesPerPerson: m, limits } = options;
  const openInterval = 1 / limits.open.perSecond;
  const openBurst = limits.open.burst ?? 1;
  const lastOpen = Math.max(0, people - openBurst) * openInterval;
  const channelBurst = limits.perChannel.burst ?? 1;
  const perChannel = lastOpen + Math.max(0, m - channelBurst) / limits.perChannel.perSecond;
  const workspace = Math.max(0, people * m - (limits.workspace.burst ?? 1)) / limits.workspace.perSecond;
  return Math.max(perChannel, workspace);
}

export async function runSlackSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const { store, people, messagesPerPerson, scale } = options;
  const runId = options.runId ?? 'sim';
  const time = scaledTime(scale);
  let started = time.now();
  const fake = await startFakeSlack({ token: 'xoxb-sim', limits: { ...options.limits, now: time.now } });
  try {
    const base = { tenantId: 'T0TANDEM', email: null, locale: 'en' as const, timeZone: 'UTC', profileFetchedAt: new Date() };
    const persons: Person[] = [];
    for (let i = 0; i < people; i++) {
      const userId = `U${runId.toUpperCase()}${String(i).padStart(5, '0')}`;
      persons.push(await options.store.savePerson({ ...base, platform: 'slack', userId, name: userId }));
    }
    // Round-robin over people, as a round of announcements and reminders would interleave them.
    const rows = [];
    for (let k = 0; k < messagesPerPerson; k++) {
      for (const person of persons) {
        rows.push({ recipientId: person.id, kind: 'sim', payload: {}, dueAt: time.clock.now(), dedupeKey: `${runId}-${person.userId}-${k}` });
      }
    }
    await store.enqueueNotifications(rows);

    const client = new webApi.WebClient('xoxb-sim', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: webApi.LogLevel.ERROR,
    });
    const slack = new SlackMessenger(client, {
      time: time.limiterTime,
      ...(options.openPerMinute ? { openPerMinute: options.openPerMinute } : {}),
    });
    const dispatcher = createDispatcher({
      store,
      clock: time.clock,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      messengers: { slack },
      compose: async (notification) => ({ text: notification.dedupeKey, blocks: [{ type: 'text', text: notification.dedupeKey }] }),
      limiterTime: time.limiterTime,
      ...(options.rates ? { rates: { slack: options.rates } } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    });

    const keys = new Set(rows.map((row) => row.dedupeKey));
    started = time.now();
    const wallStart = performance.now();
    for (let i = 0; i < (options.forced429s ?? 0); i++) fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const wallTimeout = options.wallTimeoutMs ?? 60_000;
    let statuses: { dedupeKey: string; status: string; attempts: number }[] = [];
    for (;;) {
      await dispatcher.drain();
      statuses = (await store.listNotifications()).filter((row) => keys.has(row.dedupeKey));
      const open = statuses.filter((row) => row.status === 'pending' || row.status === 'sending').length;
      if (open === 0 || performance.now() - wallStart > wallTimeout) break;
      // Rows waiting out a Retry-After: come back when they are due.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const wallMs = performance.now() - wallStart;

    const accepted = fake.calls('chat.postMessage').filter((call) => !call.limited && !call.failed);
    const copies = new Map<string, number>();
    for (const call of accepted) {
      const key = String(call.body.text);
      if (keys.has(key)) copies.set(key, (copies.get(key) ?? 0) + 1);
    }
    const lastAt = Math.max(...accepted.map((call) => call.clockAt ?? started));
    const makespanS = (lastAt - started) / 1000;
    const idealMakespanS = idealMakespan(options);
    const opens = fake.calls('conversations.open').filter((call) => !call.limited && !call.failed);
    const lastOpenS = (Math.max(...opens.map((call) => call.clockAt ?? started)) - started) / 1000;
    const sent = statuses.filter((row) => row.status === 'sent').length;
    return {
      notifications: keys.size,
      delivered: copies.size,
      duplicates: [...copies.values()].reduce((sum, n) => sum + n - 1, 0),
      lost: keys.size - sent,
      failed: statuses.filter((row) => row.status === 'failed').length,
      retried: statuses.filter((row) => row.attempts > 1).length,
      rateLimitedPosts: fake.calls('chat.postMessage').filter((call) => call.limited).length,
      rateLimitedOpens: fake.calls('conversations.open').filter((call) => call.limited).length,
      makespanS,
      lastOpenS,
      idealMakespanS,
      ratio: idealMakespanS / makespanS,
      wallMs,
    };
  } finally {
    await fake.close();
  }
}
