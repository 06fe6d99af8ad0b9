// One Bot Framework turn: who is acting, what they asked (text, card button, form), and the core's answer rendered.
import { ActivityTypes, TeamsInfo, TurnContext, type Activity, type Attachment } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Message, Outcome } from '../../core/messages.js';
import type { Messenger } from '../../core/ports.js';
import type { Actor, ConversationChannel, Tandem } from '../../core/tandem.js';
import { plain, plainText } from '../../core/text.js';
import type { Person, PlatformProfile } from '../../core/types.js';
import type { ConversationReferenceStore } from './messenger.js';
import type { OfferDownloads } from '../../exports/download-links.js';
import { readFormValues, renderCard, renderFormCard, submitDataSchema } from './render.js';

export interface TurnDependencies {
  core: Tandem;
  store: ConversationReferenceStore;
  logger: Logger;
  /** Sends what must stay private (`personal` outcomes) to the person's 1:1 chat when asked in a shared one. */
  messenger?: Pick<Messenger, 'send'>;
  /** Stores files (exports, my-data) and gives their expiring download links. */
  downloads?: OfferDownloads;
}

const mentionSchema = z.object({
  type: z.string(),
  text: z.string().optional(),
  mentioned: z.looseObject({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() }),
});

/** The bot logic given to `CloudAdapter.process`; errors propagate to the adapter's one onTurnError. */
export function createTurnLogic(deps: TurnDependencies): (ctx: TurnContext) => Promise<void> {
  return async (ctx) => {
    const activity = ctx.activity;
    if (activity.type === ActivityTypes.Invoke) {
      // Tandem uses Action.Submit (message activities), not invokes: acknowledge and move on.
      await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
      return;
    }
    if (!activity.from?.id || activity.from.id === activity.recipient?.id) return;

    const unresolved = actorOf(ctx, deps.logger);
    const person = await deps.core.resolvePerson(unresolved);
    // The core would otherwise look the person up a second time for the same turn.
    const actor = { ...unresolved, resolved: person };
    if (isPersonal(activity)) {
      // Plain JSON: the store keeps it as is and the messenger reads it back for proactive sends.
      const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<string, unknown>;
      await deps.store.saveConversationReference(person.id, reference);
    }

    const outcome = await answer(ctx, actor, deps);
    if (outcome?.kind === 'file') {
      await deliverFiles(ctx, person, outcome, deps);
      return;
    }
    if (outcome?.kind === 'message' && outcome.personal && !isPersonal(activity)) {
      await deliverPrivately(person, outcome.message, deps);
      return;
    }
    if (outcome) await deliver(ctx, outcome, deps.logger);
  };
}

async function answer(ctx: TurnContext, actor: Actor, deps: TurnDependencies): Promise<Outcome | null> {
  const activity = ctx.activity;
  if (activity.type === ActivityTypes.Message) {
    const submitted = submitDataSchema.safeParse(activity.value);
    if (submitted.success) {
      const data = submitted.data;
      switch (data.tandem) {
        case 'action':
          return deps.core.handleAction(actor, data.action, data.value);
        case 'form': {
          const { formId, state, values } = readFormValues(activity.value as Record<string, unknown>);
          return deps.core.submitForm(actor, formId, state, values);
        }
        case 'form.cancel':
          return deps.core.handleAction(actor, 'form.cancel');
      }
    }
    if (typeof activity.text === 'string') return deps.core.handleCommand(actor, await commandText(ctx));
    deps.logger.debug({ activityId: activity.id }, 'Teams message without text or Tandem card data ignored');
    return null;
  }
  if (activity.type === ActivityTypes.ConversationUpdate && isPersonal(activity) && (activity.membersAdded?.length ?? 0) > 0) {
    // In a personal chat the only members are the person and the bot; Teams lists the bot on install,
    // the Agents Playground lists both. Either way: welcome once.
    return deps.core.handleCommand(actor, 'help');
  }
  return null;
}

function actorOf(ctx: TurnContext, logger: Logger): Actor {
  const activity = ctx.activity;
  const from = activity.from;
  const channelData = z.looseObject({ tenant: z.looseObject({ id: z.string() }).optional() }).safeParse(activity.channelData);
  const hint: Partial<PlatformProfile> = {};
  if (from.name) hint.name = from.name;
  if (activity.locale) hint.locale = activity.locale;
  if (activity.localTimezone) hint.timeZone = activity.localTimezone;
  return {
    identity: {
      platform: 'teams',
      tenantId: activity.conversation?.tenantId ?? (channelData.success ? channelData.data.tenant?.id : undefined) ?? 'local',
      userId: from.aadObjectId ?? from.id,
    },
    hint,
    conversation: isPersonal(activity) ? 'private' : 'shared',
    ...(isPersonal(activity) ? {} : { channel: channelOf(activity) }),
    fetchProfile: async () => {
      try {
        const member = await TeamsInfo.getMember(ctx, from.id);
        return {
          name: member.name ?? from.name ?? '',
          email: member.email ?? emailLike(member.userPrincipalName),
          locale: activity.locale ?? null,
          timeZone: activity.localTimezone ?? null,
        };
      } catch (error) {
        // The Agents Playground and some personal chats do not serve member info; the hint will do.
        logger.debug({ err: error }, 'Teams member info unavailable');
        return null;
      }
    },
  };
}

/** Guests have a user principal name like "ada_contoso.com#EXT#@tenant.onmicrosoft.com": not an email. */
function emailLike(upn: string | undefined): string | null {
  return upn && upn.includes('@') && !upn.includes('#EXT#') ? upn : null;
}

/** The message text with the bot's own mention removed and other mentions as `<@userId>` tokens. */
async function commandText(ctx: TurnContext): Promise<string> {
  const activity = ctx.activity;
  let text = activity.text ?? '';
  for (const entity of activity.entities ?? []) {
    const mention = mentionSchema.safeParse(entity);
    if (!mention.success || mention.data.type.toLowerCase() !== 'mention') continue;
    const { mentioned } = mention.data;
    const tag = mention.data.text ?? (mentioned.name ? `<at>${mentioned.name}</at>` : undefined);
    if (!tag || !text.includes(tag)) continue;
    const replacement = mentioned.id === activity.recipient?.id ? '' : `<@${await mentionedUserId(ctx, mentioned)}>`;
    text = text.replace(tag, () => replacement);
  }
  // Channel posts may separate the mention from the words with a non-breaking space (`&nbsp;` or U+00A0).
  return text.replaceAll('&nbsp;', ' ').replaceAll('\u00a0', ' ').trim();
}

/** People are known by their Entra object id; Teams mentions do not always carry it. */
async function mentionedUserId(ctx: TurnContext, mentioned: { id: string; aadObjectId?: string }): Promise<string> {
  if (mentioned.aadObjectId) return mentioned.aadObjectId;
  try {
    const member = await TeamsInfo.getMember(ctx, mentioned.id);
    return member.aadObjectId ?? mentioned.id;
  } catch {
    return mentioned.id;
  }
}

function isPersonal(activity: Activity): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

/**
 * The channel (or group chat) of a shared conversation. Its reference points at the channel itself,
 * not at the thread the bot was mentioned in, so that later posts start their own thread.
 */
function channelOf(activity: Activity): ConversationChannel {
  const channelData = z
    .looseObject({ channel: z.looseObject({ id: z.string().min(1), name: z.string().optional() }).optional() })
    .safeParse(activity.channelData);
  const channel = channelData.success ? channelData.data.channel : undefined;
  const id = channel?.id ?? (activity.conversation?.id ?? '').split(';')[0]!;
  const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<string, unknown> & {
    conversation?: Record<string, unknown>;
  };
  reference.conversation = { ...reference.conversation, id };
  delete reference.activityId;
  return { id, ...(channel?.name ? { name: channel.name } : {}), reference };
}

/** A private answer to something asked in a shared conversation: in the person's 1:1 chat, or not at all. */
async function deliverPrivately(person: Person, message: Message, deps: TurnDependencies): Promise<void> {
  if (!deps.messenger) {
    deps.logger.warn({ personId: person.id }, 'private answer to a shared conversation dropped: no messenger');
    return;
  }
  try {
    await deps.messenger.send(person, message);
  } catch (error) {
    // Never fall back to the shared conversation: the answer was meant for this person only.
    deps.logger.warn({ err: error, personId: person.id }, 'private answer to a shared conversation not delivered');
  }
}

/** Teams bots cannot attach files to a 1:1 chat without extra consent: the files become download links. */
async function deliverFiles(ctx: TurnContext, person: Person, outcome: Extract<Outcome, { kind: 'file' }>, deps: TurnDependencies): Promise<void> {
  if (!deps.downloads) throw new Error('Teams adapter: no download store configured for file answers');
  const links = await deps.downloads(person.id, [outcome.file, ...(outcome.moreFiles ?? [])]);
  const shown: Message = {
    text: outcome.message.text,
    blocks: [
      ...outcome.message.blocks,
      { type: 'actions', buttons: links.map((link) => ({ action: 'download', label: `⬇ ${link.filename}`, url: link.url })) },
      ...(outcome.downloadNote ? [{ type: 'context' as const, text: outcome.downloadNote }] : []),
    ],
  };
  await send(ctx, renderCard(shown), plainText(shown.text));
}

async function deliver(ctx: TurnContext, outcome: Outcome, logger: Logger): Promise<void> {
  switch (outcome.kind) {
    case 'channel':
      // The conversation the command came from: in a Teams channel, the thread the bot was mentioned in.
      await send(ctx, renderCard(outcome.message), plainText(outcome.message.text));
      return;
    case 'message': {
      const card = renderCard(outcome.message);
      const summary = plainText(outcome.message.text);
      if (outcome.replaceSource) await replaceOrSend(ctx, card, summary, logger);
      else await send(ctx, card, summary);
      return;
    }
    case 'form':
      await send(ctx, renderFormCard(outcome.form), plain(outcome.form.title));
      return;
    case 'form_errors':
      await replaceOrSend(ctx, renderFormCard(outcome.form, outcome.errors), plain(outcome.form.title), logger);
      return;
    case 'form_done':
      await replaceOrSend(ctx, renderCard(outcome.message), plainText(outcome.message.text), logger);
      return;
  }
}

async function send(ctx: TurnContext, card: Attachment, summary: string): Promise<void> {
  await ctx.sendActivity({ type: ActivityTypes.Message, summary, attachments: [card] });
}

/** Updates the card that was clicked (its id is the activity's replyToId), or sends a new one. */
async function replaceOrSend(ctx: TurnContext, card: Attachment, summary: string, logger: Logger): Promise<void> {
  // Only a card submission's replyToId names our card; a typed message's names the thread it is in.
  const cardId = ctx.activity.value === undefined ? undefined : ctx.activity.replyToId;
  if (cardId) {
    try {
      await ctx.updateActivity({ type: ActivityTypes.Message, id: cardId, summary, attachments: [card] });
      return;
    } catch (error) {
      logger.warn({ err: error, cardId }, 'could not update the Teams card in place; sending a new one');
    }
  }
  await send(ctx, card, summary);
}
