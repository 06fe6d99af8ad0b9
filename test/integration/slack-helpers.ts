// Drives the real app over POST /slack/events as Slack people would (HMAC-signed slash commands,
// clicks, modal submissions, events), and reads back what the fake Slack Web API received.
import { expect } from 'vitest';
import {
  blockActionsBody,
  eventCallbackBody,
  postSlackRequest,
  slashCommandBody,
  startFakeSlack,
  viewSubmissionBody,
  type FakeSlack,
  type FakeSlackUser,
  type RecordedCall,
  type SlackRequestBody,
} from '../fakes/slack-api.js';
import { toMrkdwn, toPlainText } from '../../src/adapters/slack/mrkdwn.js';
import { t as translate, trusted, type MessageKey, type Param } from '../../src/core/i18n/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import type { TestClock } from '../support/clock.js';

export const SIGNING_SECRET = 'test-secret';
export const BOT_TOKEN = 'xoxb-test';
export const TEAM_ID = 'T0TANDEM';

/** Block Kit JSON as the fake received it (loose by nature: tests read what they need). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BlockJson = Record<string, any>;

export interface SlackWorld {
  app: TestApp;
  slack: FakeSlack;
  eventsUrl: string;
  /** Every request posted to /slack/events through a driver, with the Slack user who sent it. */
  sent: { userId: string; kind: string; text?: string }[];
  user(userId: string): SlackUserDriver;
  close(): Promise<void>;
}

export async function startSlackWorld(
  users: Record<string, FakeSlackUser>,
  options: { admins?: string; clock?: TestClock } = {},
): Promise<SlackWorld> {
  const slack = await startFakeSlack({ token: BOT_TOKEN, teamId: TEAM_ID, users });
  let app: TestApp;
  try {
    app = await startTestApp(
      {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: slack.apiUrl,
        TANDEM_ADMINS: options.admins ?? '',
      },
      options.clock,
    );
  } catch (error) {
    await slack.close();
    throw error;
  }
  const world: SlackWorld = {
    app,
    slack,
    eventsUrl: `${app.url}/slack/events`,
    sent: [],
    user: (userId) => new SlackUserDriver(world, userId),
    async close() {
      await app.close();
      await slack.close();
    },
  };
  return world;
}

/** What Tandem answered over HTTP: the status, and the JSON body when there was one. */
export interface HttpAnswer {
  status: number;
  /** The raw body ('' for a bare ack). */
  raw: string;
  json: BlockJson | null;
  /** Milliseconds between sending the request and the end of the answer. */
  elapsedMs: number;
}

/** A message the person saw: blocks and fallback text as sent to Slack. */
export interface Shown {
  text: string;
  blocks: BlockJson[];
  /** The whole payload (response_type, replace_original…). */
  body: BlockJson;
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${(sequence += 1)}`;

/** One Slack user in the workspace of the fake. */
export class SlackUserDriver {
  constructor(
    private readonly world: SlackWorld,
    readonly userId: string,
  ) {}

  /** The DM channel the fake opens for this person. */
  get dmChannel(): string {
    return `D${this.userId}`;
  }

  async post(request: SlackRequestBody, kind: string, text?: string): Promise<HttpAnswer> {
    this.world.sent.push({ userId: this.userId, kind, ...(text !== undefined ? { text } : {}) });
    const started = Date.now();
    const res = await postSlackRequest(this.world.eventsUrl, request, { signingSecret: SIGNING_SECRET });
    const raw = await res.text();
    const elapsedMs = Date.now() - started;
    let json: BlockJson | null = null;
    if (raw.trim().startsWith('{')) json = JSON.parse(raw) as BlockJson;
    return { status: res.status, raw, json, elapsedMs };
  }

  /** Types `/tandem <text>`; returns the HTTP answer and the response_url id it carried. */
  async command(text: string, options: { triggerId?: string } = {}): Promise<HttpAnswer & { responseId: string; triggerId: string }> {
    const responseId = nextId(`cmd-${this.userId}`);
    const triggerId = options.triggerId ?? nextId('trigger');
    const answer = await this.post(
      slashCommandBody({ text, userId: this.userId, userName: this.userId.toLowerCase(), teamId: TEAM_ID, responseUrl: this.world.slack.responseUrl(responseId), triggerId }),
      'command',
      text,
    );
    return { ...answer, responseId, triggerId };
  }

  /**
   * Types `/tandem <text>` and returns what the person sees: the ephemeral answer in the HTTP ack,
   * or, when the ack was empty, what came later on the response_url.
   */
  async ask(text: string): Promise<Shown> {
    const answer = await this.command(text);
    expect(answer.status, `HTTP status for /tandem ${text.slice(0, 40)}`).toBe(200);
    if (answer.json) return shown(answer.json);
    const reply = await this.world.slack.waitFor('respond', (call) => call.responseId === answer.responseId, 10_000);
    return shown(reply.body);
  }

  /** Types `/tandem <text>` and expects a modal: returns the views.open call. */
  async openForm(text: string): Promise<{ answer: HttpAnswer; triggerId: string; view: BlockJson }> {
    const answer = await this.command(text);
    expect(answer.status).toBe(200);
    expect(answer.raw, 'a bare ack: the modal opens through views.open').toBe('');
    const opened = await this.world.slack.waitFor('views.open', (call) => call.body.trigger_id === answer.triggerId);
    return { answer, triggerId: answer.triggerId, view: opened.body.view as BlockJson };
  }

  /**
   * Clicks a button in a message (the click carries a fresh response_url, and this returns what
   * came back on it) or, with `fromHome`, on the Home tab (no response_url: the HTTP answer only).
   * `expectReply: false` for a message button that opens a modal instead of answering.
   */
  async click(
    button: { action_id: string; value?: string },
    options: { fromHome?: boolean; expectReply?: boolean } = {},
  ): Promise<{ answer: HttpAnswer; reply: Shown | null }> {
    const responseId = nextId(`click-${this.userId}`);
    const body = blockActionsBody({
      actionId: button.action_id,
      ...(button.value !== undefined ? { value: button.value } : {}),
      userId: this.userId,
      teamId: TEAM_ID,
      triggerId: nextId('trigger'),
      ...(options.fromHome
        ? { container: { type: 'view' as const, viewType: 'home' as const } }
        : { responseUrl: this.world.slack.responseUrl(responseId), container: { type: 'message' as const, channelId: this.dmChannel } }),
    });
    const answer = await this.post(body, 'click', button.action_id);
    expect(answer.status).toBe(200);
    if (options.fromHome || options.expectReply === false) return { answer, reply: null };
    const reply = await this.world.slack.waitFor('respond', (call) => call.responseId === responseId, 10_000);
    return { answer, reply: shown(reply.body) };
  }

  /** Submits a modal with Slack's view.state.values built from the modal's own input blocks. */
  submit(view: BlockJson, answers: Answers): Promise<HttpAnswer> {
    return this.post(
      viewSubmissionBody({
        callbackId: String(view.callback_id),
        privateMetadata: String(view.private_metadata ?? ''),
        values: stateValues(view, answers),
        userId: this.userId,
        teamId: TEAM_ID,
        triggerId: nextId('trigger'),
      }),
      'view_submission',
    );
  }

  /** Opens the App Home tab; returns the views.publish call for this person. */
  async openHome(): Promise<BlockJson> {
    const before = this.world.slack.calls('views.publish').length;
    const answer = await this.post(eventCallbackBody({ type: 'app_home_opened', user: this.userId, channel: this.dmChannel, tab: 'home' }, TEAM_ID), 'event');
    expect(answer.status).toBe(200);
    const published = await this.world.slack.waitFor(
      'views.publish',
      (call) => call.body.user_id === this.userId && this.world.slack.calls('views.publish').indexOf(call) >= before,
    );
    return published.body.view as BlockJson;
  }

  /** Messages posted in this person's DM with the app, oldest first. */
  dms(): Shown[] {
    return this.world.slack
      .calls('chat.postMessage')
      .filter((call) => call.body.channel === this.dmChannel)
      .map((call) => shown(call.body));
  }

  /** Waits for the `index`-th (0-based) DM to this person. */
  async dm(index: number): Promise<Shown> {
    const call = await this.world.slack.waitFor('chat.postMessage', (c) => c.body.channel === this.dmChannel && this.dmCalls().indexOf(c) === index, 10_000);
    return shown(call.body);
  }

  private dmCalls(): RecordedCall[] {
    return this.world.slack.calls('chat.postMessage').filter((call) => call.body.channel === this.dmChannel);
  }

  /** users.info calls made for this person. */
  profileLookups(): number {
    return this.world.slack.calls('users.info').filter((call) => call.body.user === this.userId).length;
  }
}

export function shown(body: Record<string, unknown>): Shown {
  return { text: String(body.text ?? ''), blocks: (body.blocks as BlockJson[] | undefined) ?? [], body: body as BlockJson };
}

/** Every piece of mrkdwn / plain text a list of blocks shows, as sent (escaped), one per line. */
export function blocksMrkdwn(blocks: BlockJson[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.text?.text) out.push(block.text.text);
    for (const field of block.fields ?? []) out.push(field.text);
    for (const element of block.elements ?? []) {
      if (typeof element.text === 'string') out.push(element.text);
      else if (element.text?.text) out.push(element.text.text);
    }
    if (block.label?.text) out.push(block.label.text);
  }
  return out.join('\n');
}

/** Everything the person sees in a message (text and blocks), as sent. */
export function allMrkdwn(message: Shown): string {
  return `${message.text}\n${blocksMrkdwn(message.blocks)}`;
}

export interface SlackButton {
  action_id: string;
  value?: string;
  text: string;
  style?: string;
}

export function buttonsOf(message: Shown | BlockJson[]): SlackButton[] {
  const blocks = Array.isArray(message) ? message : message.blocks;
  return blocks
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements as BlockJson[])
    .filter((element) => element.type === 'button')
    .map((element) => ({ action_id: element.action_id, value: element.value, text: element.text.text, style: element.style }));
}

export function button(message: Shown | BlockJson[], actionId: string): SlackButton {
  const found = buttonsOf(message).find((b) => b.action_id === actionId);
  if (!found) throw new Error(`no button ${actionId}; buttons: ${buttonsOf(message).map((b) => b.action_id).join(', ') || 'none'}`);
  return found;
}

export function inputBlocks(view: BlockJson): BlockJson[] {
  return (view.blocks as BlockJson[]).filter((block) => block.type === 'input');
}

/**
 * What the person entered, by block id: a string for a text/number input or a single select, an
 * array for a multi-select, a boolean for the charter checkbox. `{ raw }` bypasses the option check
 * (a tampered request, or a value Slack's client would have refused).
 */
export type Answers = Record<string, string | string[] | boolean | { raw: string }>;

/**
 * view.state.values as Slack sends it: every input block, with what the person chose or the
 * element's initial value when untouched. Choosing an option the modal does not offer fails the test.
 */
export function stateValues(view: BlockJson, answers: Answers): Record<string, Record<string, Record<string, unknown>>> {
  const blocks = inputBlocks(view);
  const ids = blocks.map((block) => block.block_id as string);
  for (const id of Object.keys(answers)) expect(ids, `input ${id} in the modal`).toContain(id);
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const block of blocks) {
    const element = block.element as BlockJson;
    const answer = answers[block.block_id as string];
    const option = (value: string) => {
      if (typeof answer === 'object' && answer !== null && !Array.isArray(answer)) return { text: { type: 'plain_text', text: value }, value };
      const found = (element.options as BlockJson[]).find((o) => o.value === value);
      expect(found, `option ${value} in ${block.block_id}`).toBeDefined();
      return found;
    };
    let state: Record<string, unknown>;
    switch (element.type) {
      case 'plain_text_input':
      case 'number_input': {
        const value = answer === undefined ? (element.initial_value ?? null) : typeof answer === 'object' && !Array.isArray(answer) ? answer.raw : String(answer);
        state = { type: element.type, value };
        break;
      }
      case 'static_select': {
        const value = answer === undefined ? (element.initial_option?.value as string | undefined) : typeof answer === 'object' && !Array.isArray(answer) ? answer.raw : String(answer);
        state = { type: element.type, selected_option: value === undefined || value === '' ? null : option(value) };
        break;
      }
      case 'multi_static_select': {
        const chosen = answer === undefined ? ((element.initial_options as BlockJson[] | undefined) ?? []).map((o) => o.value as string) : ([] as string[]).concat(answer as string | string[]);
        state = { type: element.type, selected_options: chosen.map(option) };
        break;
      }
      case 'checkboxes': {
        const ticked = answer === undefined ? (element.initial_options?.length ?? 0) > 0 : answer === true;
        state = { type: element.type, selected_options: ticked ? (element.options as BlockJson[]).slice(0, 1) : [] };
        break;
      }
      default:
        throw new Error(`unexpected element ${String(element.type)} in ${block.block_id}`);
    }
    values[block.block_id as string] = { [element.action_id as string]: state };
  }
  return values;
}

/** YYYY-MM-DD `days` after the clock's day (UTC). */
export function dayAfter(clock: TestClock, days: number): string {
  const at = clock.now();
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + days)).toISOString().slice(0, 10);
}

export function frenchDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

// ------------------------------------------------------------------------------------------------
// What people read: catalogue messages rendered as the app renders them for Slack. Tests compare
// with these rather than copying the wording, so a copy edit does not break them while a message in
// the wrong language, with a missing value or with live markup still does.

export type Lang = 'en' | 'fr';

/** A catalogue message as the core writes it for a Slack user (marked text, command prefix `/tandem `). */
export function words(lang: Lang, key: MessageKey, params: Record<string, Param> = {}): string {
  return translate(lang, key, { prefix: trusted('/tandem '), ...params });
}

/** The message as Slack receives it in a mrkdwn section. */
export function mrkdwnOf(lang: Lang, key: MessageKey, params: Record<string, Param> = {}): string {
  return toMrkdwn(words(lang, key, params));
}

/** The message as Slack receives it in plain text (modal errors, headers, buttons). */
export function plainOf(lang: Lang, key: MessageKey, params: Record<string, Param> = {}): string {
  return toPlainText(words(lang, key, params));
}

/**
 * The mrkdwn of a message up to its first parameter left unset: for messages whose values the app
 * computes itself (an example date), compare the beginning.
 */
export function leadOf(lang: Lang, key: MessageKey, params: Record<string, Param> = {}, as: 'mrkdwn' | 'plain' = 'mrkdwn'): string {
  const full = words(lang, key, params);
  const cut = full.search(/\{\w+\}/);
  const lead = cut === -1 ? full : full.slice(0, cut);
  return as === 'mrkdwn' ? toMrkdwn(lead) : toPlainText(lead);
}

/** A label / value pair of a fields section, as rendered. */
export function fieldMrkdwn(label: string, value: string): string {
  return `*${toMrkdwn(label)}*\n${toMrkdwn(value)}`;
}

/** The mrkdwn of every section (text or field) of a message, in order. */
export function sectionTexts(message: Shown | BlockJson[]): string[] {
  const blocks = Array.isArray(message) ? message : message.blocks;
  return blocks.flatMap((block) => [
    ...(block.type === 'section' && block.text?.text ? [block.text.text as string] : []),
    ...((block.fields as BlockJson[] | undefined) ?? []).map((field) => field.text as string),
  ]);
}

/** The first section text: the lead of a message. */
export function leadText(message: Shown | BlockJson[]): string {
  return sectionTexts(message)[0] ?? '';
}

export function headerText(message: Shown | BlockJson[]): string | undefined {
  const blocks = Array.isArray(message) ? message : message.blocks;
  return blocks.find((block) => block.type === 'header')?.text?.text as string | undefined;
}
