// Proactive sends (and updates) to one person in their personal chat with the bot, from a stored
// conversation reference. Teams has no group send here: the dispatcher sends to each person.
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Message } from '../../core/messages.js';
import { DeliveryError, type Messenger, type Store } from '../../core/ports.js';
import { plainText } from '../../core/text.js';
import type { Person } from '../../core/types.js';
import { isLoopbackUrl } from './loopback.js';
import { renderCard } from './render.js';

export type ConversationReferenceStore = Pick<Store, 'saveConversationReference' | 'getConversationReference'>;

const referenceSchema = z.looseObject({
  serviceUrl: z.url(),
  channelId: z.string().optional(),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

export interface TeamsMessengerOptions {
  adapter: CloudAdapter;
  /** Empty in local mode: no token is requested, requests go unauthenticated to the serviceUrl. */
  appId: string;
  store: ConversationReferenceStore;
  /** Local mode only talks to a Bot Connector on this machine (Agents Playground, test fakes). */
  localMode: boolean;
}

export class TeamsMessenger implements Messenger {
  constructor(private readonly options: TeamsMessengerOptions) {}

  async send(to: Person, message: Message): Promise<{ messageId: string }> {
    let messageId = '';
    await this.inConversation(to, async (ctx) => {
      const response = await ctx.sendActivity({ type: 'message', ...this.content(message) });
      messageId = response?.id ?? '';
    });
    return { messageId };
  }

  /** Replaces a card sent earlier in the person's chat (`messageId`: the activity id `send` returned). */
  async update(to: Person, messageId: string, message: Message): Promise<void> {
    if (!messageId) throw new DeliveryError('no activity id to update', { permanent: true });
    await this.inConversation(to, async (ctx) => {
      await ctx.updateActivity({ type: 'message', id: messageId, ...this.content(message) });
    });
  }

  private content(message: Message) {
    return { summary: plainText(message.text), attachments: [renderCard(message)] };
  }

  /** Runs `work` in the person's stored conversation; failures come out as DeliveryError. */
  private async inConversation(to: Person, work: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const stored = await this.options.store.getConversationReference(to.id);
    if (!stored) throw new DeliveryError('no conversation reference', { permanent: true });
    const parsed = referenceSchema.safeParse(stored);
    if (!parsed.success) throw new DeliveryError('invalid conversation reference', { permanent: true });
    if (this.options.localMode && !isLoopbackUrl(parsed.data.serviceUrl)) {
      throw new DeliveryError('local mode only reaches a Bot Connector on this machine', { permanent: true });
    }
    const reference = stored as Partial<ConversationReference>;

    // The adapter's onTurnError would swallow a failure thrown inside the callback: carry it out instead.
    let failure: unknown;
    try {
      await this.options.adapter.continueConversationAsync(this.options.appId, reference, async (ctx) => {
        try {
          await work(ctx);
        } catch (error) {
          failure = error;
        }
      });
    } catch (error) {
      failure = error;
    }
    if (failure !== undefined) throw toDeliveryError(failure);
  }
}

/**
 * Bot Connector failures → DeliveryError. The SDK's HTTP pipeline has already retried 429 (after
 * Retry-After) and 5xx three times when this runs, so what is left is worth reporting as is.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  const status = statusOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (status === 429) {
    const retryAfterMs = retryAfterOf(error);
    return new DeliveryError(`Bot Connector rate limit (429): ${detail}`, retryAfterMs === undefined ? {} : { retryAfterMs });
  }
  // 403: the bot was removed or blocked; 404: the conversation or user is gone; 400/413: this
  // payload will never be accepted. Retrying cannot help.
  if (status === 400 || status === 403 || status === 404 || status === 413) {
    return new DeliveryError(`Bot Connector refused the message (${status}): ${detail}`, { permanent: true });
  }
  return new DeliveryError(status ? `Bot Connector error (${status}): ${detail}` : `Bot Connector unreachable: ${detail}`);
}

interface HttpErrorLike {
  statusCode?: unknown;
  status?: unknown;
  response?: { status?: unknown; headers?: unknown };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as HttpErrorLike;
  for (const value of [candidate.statusCode, candidate.status, candidate.response?.status]) {
    if (typeof value === 'number') return value;
  }
  return undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as HttpErrorLike).response?.headers;
  let raw: unknown;
  if (headers && typeof (headers as { get?: unknown }).get === 'function') {
    raw = (headers as { get(name: string): unknown }).get('retry-after');
  } else if (headers && typeof headers === 'object') {
    const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after');
    raw = entry?.[1];
  }
  return parseRetryAfter(typeof raw === 'string' ? raw : undefined);
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
