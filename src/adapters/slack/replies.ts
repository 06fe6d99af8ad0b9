// Showing an Outcome once the request is acked: through the response_url, a DM, or a modal.
import type { RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { message, type FileAttachment, type Form, type Message, type Outcome } from '../../core/messages.js';
import { uploadToDirect } from './upload-files.js';
import { renderBlocks, renderFallbackText, renderModal } from './render.js';
import { platformErrorOf } from './web-api-errors.js';

/** The action the core answers with a fresh copy of the form (a click brings a new trigger_id). */
export const REOPEN_FORM_ACTION = 'form.open';
const TRIGGER_ERRORS = new Set(['expired_trigger_id', 'invalid_trigger_id', 'exchanged_trigger_id']);

export interface Surface {
  /** Shows a message to the person who acted, privately. */
  show(message: Message, options?: { replaceSource?: boolean }): Promise<void>;
  /** Opens a form as a modal. */
  open(form: Form): Promise<void>;
  /** Posts a message for everyone in the conversation the command came from. */
  post(message: Message): Promise<void>;
  /** Hands files to the person who acted, in their DM with the app. */
  upload(files: FileAttachment[], message: Message): Promise<void>;
}

export function present(outcome: Outcome, surface: Surface): Promise<void> {
  if (outcome.kind === 'form') return surface.open(outcome.form);
  if (outcome.kind === 'channel') return surface.post(outcome.message);
  if (outcome.kind === 'file') return surface.upload([outcome.file, ...(outcome.moreFiles ?? [])], outcome.message);
  return surface.show(messageOf(outcome), { replaceSource: outcome.kind === 'message' && outcome.replaceSource === true });
}

/** Every outcome but a form, as the message to show. */
export function messageOf(outcome: Exclude<Outcome, { kind: 'form' }>): Message {
  return outcome.kind === 'form_errors' ? formErrorsMessage(outcome.form, outcome.errors) : outcome.message;
}

/** Errors that can no longer be shown in the modal (it closed): the form's title, then label → error. */
export function formErrorsMessage(form: Form, errors: Record<string, string>): Message {
  const labels = new Map(form.fields.map((field) => [field.id, 'label' in field ? field.label : field.text]));
  return message([
    { type: 'header', text: form.title },
    { type: 'fields', fields: Object.entries(errors).map(([fieldId, error]) => ({ label: labels.get(fieldId) ?? '', value: error })) },
  ]);
}

export function ephemeral(shown: Message): RespondArguments {
  return { response_type: 'ephemeral', text: renderFallbackText(shown), blocks: renderBlocks(shown) };
}

/** A slash command's answer everyone in the channel sees (with the command itself, as Slack shows it). */
export function inChannel(shown: Message): RespondArguments {
  return { response_type: 'in_channel', text: renderFallbackText(shown), blocks: renderBlocks(shown) };
}

export interface InteractionContext {
  client: webApi.WebClient;
  userId: string;
  triggerId: string;
  /** Absent when the interaction has no response_url (Home tab, modal submission): replies go to the DM. */
  respond?: RespondFn;
  logger: Logger;
}

export function interactionSurface(context: InteractionContext): Surface {
  const { client, userId, triggerId, respond, logger } = context;
  const show: Surface['show'] = async (shown, options = {}) => {
    if (!respond) return postDirect(client, userId, shown);
    const text = renderFallbackText(shown);
    const blocks = renderBlocks(shown);
    await respond(options.replaceSource ? { replace_original: true, text, blocks } : { ...ephemeral(shown), replace_original: false });
  };
  const open: Surface['open'] = async (form) => {
    try {
      await client.views.open({ trigger_id: triggerId, view: renderModal(form) });
    } catch (error) {
      // A trigger_id lives 3 seconds and a slow core outlives it: offer a button, whose click brings a fresh one.
      const triggerExpired = TRIGGER_ERRORS.has(platformErrorOf(error) ?? '');
      if (triggerExpired) logger.warn({ formId: form.id, error: platformErrorOf(error) }, 'Slack modal trigger expired; offering a button');
      await show(message([{ type: 'actions', buttons: [{ action: REOPEN_FORM_ACTION, label: form.title, value: JSON.stringify({ id: form.id, state: form.state }) }] }], form.title));
      if (!triggerExpired) throw error;
    }
  };
  // Without a response_url (a click on the Home tab, a modal) there is no channel to post in: the DM it is.
  const post: Surface['post'] = async (shown) => {
    if (!respond) return postDirect(client, userId, shown);
    await respond({ ...inChannel(shown), replace_original: false });
  };
  const upload: Surface['upload'] = (files, shown) => uploadToDirect(client, userId, files, shown);
  return { show, open, post, upload };
}

/** Posts a message in the person's DM with the app. */
export async function postDirect(client: webApi.WebClient, userId: string, shown: Message): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  await client.chat.postMessage({ channel, text: renderFallbackText(shown), blocks: renderBlocks(shown) });
}
