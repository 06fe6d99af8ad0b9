// What the adapters call: the core's whole surface, platform-neutral.
import type { FormValues, Message, Outcome } from './messages.js';
import type { Identity, Person, PlatformProfile } from './types.js';

/** Whoever sent a command, clicked a button or submitted a form. */
export interface Actor {
  identity: Identity;
  /** What the request itself says about the person (Teams: name, locale, local time zone). */
  hint?: Partial<PlatformProfile>;
  /**
   * Where the answer will be seen: 'shared' when everyone in a channel or group chat reads it (Teams).
   * Slack answers slash commands privately (ephemeral), so it needs no flag.
   */
  conversation?: 'private' | 'shared';
  /** The channel (or group chat) the request came from; absent in a direct message. Summaries are posted there. */
  channel?: ConversationChannel;
  /** Fetches the full profile from the platform; called only when the cached one is missing or stale. */
  fetchProfile?: () => Promise<PlatformProfile | null>;
  /** The person `Tandem.resolvePerson` already returned for this same request, so it is not looked up twice. */
  resolved?: Person;
}

export interface ConversationChannel {
  /** Slack channel id; Teams channel id (the conversation id without its thread). */
  id: string;
  name?: string;
  /** Teams: the channel's conversation reference, for posts made later (weekly summary). */
  reference?: Record<string, unknown>;
}

export interface Tandem {
  /** A command typed by the person: `/tandem <text>` on Slack, a message to the bot on Teams. */
  handleCommand(actor: Actor, text: string): Promise<Outcome>;
  /** A button click: the action id and value of a `Button`. */
  handleAction(actor: Actor, action: string, value?: string): Promise<Outcome>;
  /** A form submission: the form id and state of a `Form`, and the values keyed by field id. */
  submitForm(actor: Actor, formId: string, state: string, values: FormValues): Promise<Outcome>;
  /** The person's home page (Slack App Home): who they are in the program and the commands. */
  home(actor: Actor): Promise<Message>;
  /** Finds or creates the person, refreshing the cached platform profile when stale. */
  resolvePerson(actor: Actor): Promise<Person>;
}
