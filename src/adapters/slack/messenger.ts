// Proactive Slack messages for the outbox dispatcher: a DM to one person, errors as DeliveryError.
import type { webApi } from '@slack/bolt';
import type { Message } from '../../core/messages.js';
import { DeliveryError, type Messenger } from '../../core/ports.js';
import type { Person } from '../../core/types.js';
import { renderBlocks, renderFallbackText } from './render.js';
import { errorCodeOf, platformErrorOf } from './web-api-errors.js';

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
]);
const RATE_LIMIT_ERRORS = new Set(['ratelimited', 'rate_limited']);
/** A cached DM channel that fails with these is reopened once before giving up. */
const STALE_CHANNEL_ERRORS = new Set(['channel_not_found', 'is_archived']);
const MAX_CACHED_CHANNELS = 10_000;

/**
 * The client must not retry on its own (`retryConfig: { retries: 0 }`, `rejectRateLimitedCalls: true`):
 * the dispatcher owns retries, backoff and Retry-After.
 */
export class SlackMessenger implements Messenger {
  /** DM channel per user id: conversations.open is rate limited far below chat.postMessage. */
  private readonly channels = new Map<string, string>();

  constructor(private readonly client: webApi.WebClient) {}

  async send(to: Person, message: Message): Promise<{ messageId: string }> {
    if (to.platform !== 'slack') throw new DeliveryError(`Not a Slack person: ${to.platform}`, { permanent: true });
    const cached = this.channels.get(to.userId);
    try {
      return await this.post(cached ?? (await this.openDirect(to.userId)), message);
    } catch (error) {
      this.channels.delete(to.userId);
      if (cached !== undefined && STALE_CHANNEL_ERRORS.has(platformErrorOf(error) ?? '')) {
        return this.send(to, message);
      }
      throw toDeliveryError(error);
    }
  }

  private async openDirect(userId: string): Promise<string> {
    const opened = await this.client.conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (!channel) throw new DeliveryError('conversations.open returned no channel');
    if (this.channels.size >= MAX_CACHED_CHANNELS) this.channels.clear();
    this.channels.set(userId, channel);
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
