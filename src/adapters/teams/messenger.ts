// Proactive sends (and updates) to one person in their personal chat with the bot, from a stored
// conversation reference — or, for someone who never wrote to the bot, in a 1:1 chat created from a
// colleague's reference (same tenant). Teams has no group send here: the dispatcher sends to each person.
import { Channels, TurnContext, type CloudAdapter, type ConversationParameters, type ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { Message } from '../../core/messages.js';
import { DeliveryError, type ChannelRef, type Messenger, type Store } from '../../core/ports.js';
import { plainText } from '../../core/text.js';
import type { Person } from '../../core/types.js';
import { isLoopbackUrl } from './loopback.js';
import { renderCard } from './render.js';

/**
 * `findConversationReferenceInTenant` is optional so that stores which only keep references (turn
 * logic, test doubles) still fit; without it nobody new can be reached.
 */
export type ConversationReferenceStore = Pick<Store, 'saveConversationReference' | 'getConversationReference'> &
  Partial<Pick<Store, 'findConversationReferenceInTenant'>>;

const referenceSchema = z.looseObject({
  serviceUrl: z.url(),
  channelId: z.string().optional(),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

/** What a colleague's reference lends to create a conversation: where the tenant's Bot Connector is, and the bot's account. */
const tenantReferenceSchema = z.looseObject({
  serviceUrl: z.url(),
  bot: z.looseObject({ id: z.string().min(1), name: z.string().optional() }),
});

/**
 * Token audience of outgoing Bot Connector calls (AuthenticationConstants.ToChannelFromBotOAuthScope,
 * public cloud): what the connector factory falls back to when continueConversationAsync gets none.
 */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

export const NO_CONVERSATION_IN_TENANT = 'no Teams conversation with this person yet, and none in their tenant to start one from';

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

  /** A new post in a channel (weekly summary), from the channel's stored conversation reference. */
  async sendToChannel(channel: ChannelRef, message: Message): Promise<{ messageId: string }> {
    if (channel.platform !== 'teams') throw new DeliveryError(`Not a Teams channel: ${channel.platform}`, { permanent: true });
    const parsed = referenceSchema.safeParse(channel.reference);
    if (!parsed.success) throw new DeliveryError('no usable conversation reference for this channel', { permanent: true });
    this.assertReachable(parsed.data.serviceUrl);
    let messageId = '';
    await carryFailure(
      (logic) => this.options.adapter.continueConversationAsync(this.options.appId, channel.reference as Partial<ConversationReference>, logic),
      async (ctx) => {
        const response = await ctx.sendActivity({ type: 'message', ...this.content(message) });
        messageId = response?.id ?? '';
      },
    );
    return { messageId };
  }

  private content(message: Message) {
    return { summary: plainText(message.text), attachments: [renderCard(message)] };
  }

  /**
   * Runs `work` in the person's stored conversation, or in one created for them when none is stored;
   * failures come out as DeliveryError.
   */
  private async inConversation(to: Person, work: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const stored = await this.options.store.getConversationReference(to.id);
    if (!stored) return this.inNewConversation(to, work);
    const parsed = referenceSchema.safeParse(stored);
    if (!parsed.success) throw new DeliveryError('invalid conversation reference', { permanent: true });
    this.assertReachable(parsed.data.serviceUrl);
    const reference = stored as Partial<ConversationReference>;

    await carryFailure((logic) => this.options.adapter.continueConversationAsync(this.options.appId, reference, logic), work);
  }

  /**
   * Creates the person's 1:1 chat with the bot (Bot Connector POST /v3/conversations) on the serviceUrl
   * and bot account of a colleague's reference, stores its reference for the next sends, then runs
   * `work` in it. Teams only accepts this when the app is installed for the person (personal scope or
   * a team they are in); it answers 403 otherwise. For a 1:1 chat that already exists Teams returns its id.
   */
  private async inNewConversation(to: Person, work: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const { store, adapter, appId, localMode } = this.options;
    const borrowed = to.tenantId && store.findConversationReferenceInTenant ? await store.findConversationReferenceInTenant(to.tenantId) : null;
    if (!borrowed) throw new DeliveryError(NO_CONVERSATION_IN_TENANT, { permanent: true });
    const parsed = tenantReferenceSchema.safeParse(borrowed);
    if (!parsed.success) throw new DeliveryError(`invalid conversation reference in tenant ${to.tenantId}`, { permanent: true });
    this.assertReachable(parsed.data.serviceUrl);

    const { id, name } = parsed.data.bot;
    // The SDK's types want account names; the Bot Connector does not (nor does Microsoft's own sample send them).
    const parameters = {
      isGroup: false,
      bot: name === undefined ? { id } : { id, name },
      // Teams takes the user's Entra object id or their 29: id here.
      members: [{ id: to.userId }],
      tenantId: to.tenantId,
      channelData: { tenant: { id: to.tenantId } },
    } as ConversationParameters;
    // Local mode: no audience, as continueConversationAsync (no token is asked for anyway).
    const audience = (localMode ? undefined : BOT_FRAMEWORK_AUDIENCE) as string;

    await carryFailure(
      (logic) => adapter.createConversationAsync(appId, Channels.Msteams, parsed.data.serviceUrl, audience, parameters, logic),
      async (ctx) => {
        // Plain JSON, as the turn logic stores it. Saved before sending: a failed send is retried in this conversation.
        const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(ctx.activity))) as Record<string, unknown>;
        try {
          await store.saveConversationReference(to.id, reference);
        } catch (error) {
          throw new DeliveryError(`could not store the new Teams conversation: ${error instanceof Error ? error.message : String(error)}`);
        }
        await work(ctx);
      },
    );
  }

  private assertReachable(serviceUrl: string): void {
    if (this.options.localMode && !isLoopbackUrl(serviceUrl)) {
      throw new DeliveryError('local mode only reaches a Bot Connector on this machine', { permanent: true });
    }
  }
}

/**
 * Runs `work` as the bot logic of `run` (continue or create conversation). The adapter's onTurnError
 * would swallow a failure thrown inside the callback: carry it out instead, as a DeliveryError.
 */
async function carryFailure(
  run: (logic: (ctx: TurnContext) => Promise<void>) => Promise<void>,
  work: (ctx: TurnContext) => Promise<void>,
): Promise<void> {
  let failure: unknown;
  try {
    await run(async (ctx) => {
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

/**
 * Bot Connector failures → DeliveryError. The SDK's HTTP pipeline has already retried 429 (after
 * Retry-After) and 5xx three times when this runs, so what is left is worth reporting as is.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
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
