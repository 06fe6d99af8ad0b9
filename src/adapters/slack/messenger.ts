// Proactive Slack messages for the outbox dispatcher: a DM to one person or a group DM, updates,
// errors as DeliveryError; conversations.open (Tier 3) paced here.
import type { webApi } from '@slack/bolt';
import type { Message } from '../../core/messages.js';
import { DeliveryError, type ChannelRef, type Messenger } from '../../core/ports.js';
import type { Person } from '../../core/types.js';
import { renderBlocks, renderFallbackText } from './render.js';
import { errorCodeOf, platformErrorOf } from './web-api-errors.js';
import { realTime, TokenBucket, type LimiterTime } from '../../scheduler/rate-limiter.js';

/** Retrying will not help: the person, the channel or the token is gone, or the message is invalid. */
const PERMANENT_ERRORS = new Set([
  'user_not_found',
  'users_not_found',
  'account_inactive',
  'user_disabled',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'cannot_dm_bot',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'invalid_blocks',
  'invalid_arguments',
  'msg_too_long',
  // chat.update
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
]);
const RATE_LIMIT_ERRORS = new Set(['ratelimited', 'rate_limited']);
/** A cached DM channel that fails with these is reopened once before giving up. */
const STALE_CHANNEL_ERRORS = new Set(['channel_not_found', 'is_archived']);
const MAX_CACHED_CHANNELS = 10_000;
/** conversations.open is Tier 3: 50+ calls per minute, short bursts tolerated. */
const OPEN_PER_MINUTE = 50;
const OPEN_BURST = 5;
/** Longer than this in the local conversations.open queue (after a 429) → handed back as a Retry-After. */
const MAX_OPEN_WAIT_MS = 20_000;

export interface SlackMessengerOptions {
  /** Pace of conversations.open (default 50 per minute, bursts of 5). Cached channels skip it. */
  openPerMinute?: number;
  openBurst?: number;
  /** Longest wait for a conversations.open slot before failing with a Retry-After (default 20 s). */
  maxOpenWaitMs?: number;
  /** The pacer's time (tests). */
  time?: LimiterTime;
}

/**
 * The client must not retry on its own (`retryConfig: { retries: 0 }`, `rejectRateLimitedCalls: true`):
 * the dispatcher owns retries, backoff and Retry-After.
 */
export class SlackMessenger implements Messenger {
  /** Channel per sorted, comma-joined user ids (a DM or a group DM): conversations.open is Tier 3. */
  private readonly channels = new Map<string, string>();
  /** conversations.open calls in flight: concurrent sends to the same people share one. */
  private readonly opening = new Map<string, Promise<string>>();
  private readonly opens: TokenBucket;
  private readonly time: LimiterTime;
  private readonly maxOpenWaitMs: number;

  constructor(
    private readonly client: webApi.WebClient,
    options: SlackMessengerOptions = {},
  ) {
    this.time = options.time ?? realTime;
    this.opens = new TokenBucket({
      ratePerSecond: (options.openPerMinute ?? OPEN_PER_MINUTE) / 60,
      burst: options.openBurst ?? OPEN_BURST,
      time: this.time,
    });
    this.maxOpenWaitMs = options.maxOpenWaitMs ?? MAX_OPEN_WAIT_MS;
  }

  async send(to: Person, message: Message): Promise<{ messageId: string }> {
    assertSlack(to);
    return this.deliver([to.userId], message);
  }

  /** One message in the group DM of these people and the bot (opened once, then cached). */
  async sendToGroup(people: Person[], message: Message): Promise<{ messageId: string }> {
    people.forEach(assertSlack);
    const [first] = people;
    if (!first) throw new DeliveryError('a group needs people', { permanent: true });
    if (people.some((person) => person.tenantId !== first.tenantId)) {
      throw new DeliveryError('a group DM stays in one workspace', { permanent: true });
    }
    return this.deliver(
      people.map((person) => person.userId),
      message,
    );
  }

  /** chat.update of a message `send` or `sendToGroup` posted (`messageId` is "<channel>:<ts>"). */
  async update(to: Person, messageId: string, message: Message): Promise<void> {
    assertSlack(to);
    const separator = messageId.indexOf(':');
    const channel = messageId.slice(0, separator);
    const ts = messageId.slice(separator + 1);
    if (separator <= 0 || !ts) throw new DeliveryError(`Not a Slack message id: ${messageId}`, { permanent: true });
    try {
      await this.client.chat.update({ channel, ts, text: renderFallbackText(message), blocks: renderBlocks(message) });
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  /** A post in a channel (weekly summary). Public channels need `chat:write.public`; private ones, the app invited. */
  async sendToChannel(channel: ChannelRef, message: Message): Promise<{ messageId: string }> {
    if (channel.platform !== 'slack') throw new DeliveryError(`Not a Slack channel: ${channel.platform}`, { permanent: true });
    try {
      return await this.post(channel.channelId, message);
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  private async deliver(userIds: string[], message: Message, reopened = false): Promise<{ messageId: string }> {
    const key = [...new Set(userIds)].sort().join(',');
    const cached = this.channels.get(key);
    try {
      return await this.post(cached ?? (await this.open(key)), message);
    } catch (error) {
      const code = platformErrorOf(error) ?? '';
      if (STALE_CHANNEL_ERRORS.has(code) || PERMANENT_ERRORS.has(code)) this.channels.delete(key);
      if (cached !== undefined && !reopened && STALE_CHANNEL_ERRORS.has(code)) return this.deliver(userIds, message, true);
      throw toDeliveryError(error);
    }
  }

  private open(users: string): Promise<string> {
    let pending = this.opening.get(users);
    if (!pending) {
      pending = this.openNow(users).finally(() => this.opening.delete(users));
      this.opening.set(users, pending);
    }
    return pending;
  }

  /** conversations.open with `users` = the comma-joined ids: a DM for one, a group DM (with the bot) for several. */
  private async openNow(users: string): Promise<string> {
    if (!(await this.opens.acquire(this.time.now() + this.maxOpenWaitMs))) {
      // Only after a 429 on conversations.open: hand the wait back to the dispatcher instead of holding a sender.
      const retryAfterMs = Math.max(1000, Math.ceil(this.opens.waitMs()));
      throw new DeliveryError('conversations.open is rate limited: waiting for a slot', { retryAfterMs, retryAfterScope: 'row' });
    }
    let opened;
    try {
      opened = await this.client.conversations.open({ users });
    } catch (error) {
      const mapped = toDeliveryError(error);
      // Tier 3 is throttled: nobody in this process opens a conversation before Retry-After; posting
      // into conversations already open goes on (only this row waits).
      if (mapped.options.retryAfterMs === undefined) throw mapped;
      this.opens.pause(mapped.options.retryAfterMs);
      const rowOnly = new DeliveryError(mapped.message, { ...mapped.options, retryAfterScope: 'row' });
      rowOnly.cause = mapped.cause;
      throw rowOnly;
    }
    const channel = opened.channel?.id;
    if (!channel) throw new DeliveryError('conversations.open returned no channel');
    if (this.channels.size >= MAX_CACHED_CHANNELS) this.channels.clear();
    this.channels.set(users, channel);
    return channel;
  }

  private async post(channel: string, message: Message): Promise<{ messageId: string }> {
    const posted = await this.client.chat.postMessage({
      channel,
      text: renderFallbackText(message),
      blocks: renderBlocks(message),
    });
    if (!posted.ts) throw new DeliveryError('chat.postMessage returned no ts');
    // Channel and ts together identify a Slack message (chat.update needs both).
    return { messageId: `${posted.channel ?? channel}:${posted.ts}` };
  }
}

function assertSlack(person: Person): void {
  if (person.platform !== 'slack') throw new DeliveryError(`Not a Slack person: ${person.platform}`, { permanent: true });
}

/** Maps a Web API failure to what the dispatcher needs: wait (429), stop (permanent) or retry. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const mapped = classify(error);
  mapped.cause = error;
  return mapped;
}

function classify(error: unknown): DeliveryError {
  const code = errorCodeOf(error);
  const platformError = platformErrorOf(error);
  if (code === 'slack_webapi_rate_limited_error') {
    const { retryAfter } = error as { retryAfter?: number };
    return new DeliveryError(`Slack rate limited (retry after ${retryAfter ?? '?'} s)`, { retryAfterMs: seconds(retryAfter) });
  }
  if (platformError !== undefined) {
    if (RATE_LIMIT_ERRORS.has(platformError)) {
      const { data } = error as { data: { response_metadata?: { retryAfter?: number } } };
      return new DeliveryError(`Slack API error: ${platformError}`, { retryAfterMs: seconds(data.response_metadata?.retryAfter) });
    }
    return new DeliveryError(`Slack API error: ${platformError}`, { permanent: PERMANENT_ERRORS.has(platformError) });
  }
  if (code === 'slack_webapi_http_error') {
    const { statusCode, headers } = error as { statusCode: number; headers: Record<string, string> };
    const retryAfter = Number.parseInt(headers['retry-after'] ?? '', 10);
    return new DeliveryError(`Slack HTTP ${statusCode}`, { retryAfterMs: seconds(Number.isNaN(retryAfter) ? undefined : retryAfter) });
  }
  return new DeliveryError(`Slack request failed: ${error instanceof Error ? error.message : String(error)}`);
}

function seconds(value: number | undefined): number | undefined {
  return value === undefined ? undefined : value * 1000;
}
