// Drives the real app over POST /api/messages as Teams people would, and reads back the Adaptive
// Cards the fake Bot Connector received.
import { expect } from 'vitest';
import {
  startFakeConnector,
  teamsMembersAdded,
  teamsMessage,
  teamsSubmit,
  type FakeConnector,
  type RecordedActivity,
} from '../fakes/bot-connector.js';
import { startTestApp, type TestApp } from '../support/app.js';
import type { TestClock } from '../support/clock.js';

export const TENANT = '11111111-2222-3333-4444-555555555555';

/** The JSON of an Adaptive Card (loose by nature: tests read what they need). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CardJson = Record<string, any>;

export interface TeamsWorld {
  app: TestApp;
  connector: FakeConnector;
  close(): Promise<void>;
}

export async function startTeamsWorld(env: Record<string, string> = {}, clock?: TestClock): Promise<TeamsWorld> {
  const connector = await startFakeConnector();
  const app = await startTestApp(env, clock);
  return {
    app,
    connector,
    async close() {
      await app.close();
      await connector.close();
    },
  };
}

export interface PersonSpec {
  /** Short key used to build ids: "lea" → 29:1-lea, aad-lea, a:personal-lea. */
  key: string;
  /** The name Teams puts in activity.from (the member API may know a fuller one). */
  name: string;
  locale: 'fr-FR' | 'en-US';
  /** Served by the fake member API; omit to make the profile fetch fail (404). */
  member?: { name: string; email?: string; userPrincipalName?: string };
  timeZone?: string;
}

/** One Teams user in their personal chat with the bot. */
export class TeamsUserDriver {
  readonly userId: string;
  readonly aadObjectId: string;
  readonly conversationId: string;

  constructor(
    private readonly world: TeamsWorld,
    readonly spec: PersonSpec,
  ) {
    this.userId = `29:1-${spec.key}`;
    this.aadObjectId = `aad-${spec.key}`;
    this.conversationId = `a:personal-${spec.key}`;
    if (spec.member) {
      const member = { id: this.userId, aadObjectId: this.aadObjectId, tenantId: TENANT, ...spec.member };
      world.connector.members.set(this.userId, member);
      world.connector.members.set(this.aadObjectId, member);
    }
  }

  private get user() {
    return {
      serviceUrl: this.world.connector.serviceUrl,
      userId: this.userId,
      aadObjectId: this.aadObjectId,
      name: this.spec.name,
      locale: this.spec.locale,
      timeZone: this.spec.timeZone ?? 'Europe/Paris',
      tenantId: TENANT,
      conversationId: this.conversationId,
      conversationType: 'personal' as const,
    };
  }

  /** Everything the bot posted or updated in this person's chat, oldest first. */
  received(): RecordedActivity[] {
    return this.world.connector.activities((a) => a.conversationId === this.conversationId);
  }

  /** The GET …/members/:userId calls made for this person. */
  memberLookups(): number {
    return this.world.connector.calls.filter((c) => c.kind === 'getMember' && (c.targetId === this.userId || c.targetId === this.aadObjectId))
      .length;
  }

  /** Posts an activity to the real endpoint; Teams expects a 200 whatever happens. */
  async post(activity: Record<string, unknown>): Promise<RecordedActivity[]> {
    const before = this.received().length;
    const res = await fetch(`${this.world.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    return this.received().slice(before);
  }

  /** Installs the bot in the personal chat (Teams lists only the bot in membersAdded). */
  async install(): Promise<RecordedActivity> {
    return only(await this.post(teamsMembersAdded({ ...this.user, members: ['bot'] })));
  }

  /** Types a message; returns the one card the bot answered with. */
  async say(text: string, options: { mentionBot?: boolean } = {}): Promise<RecordedActivity> {
    return only(await this.post(teamsMessage({ ...this.user, text, ...options })));
  }

  /** Types a message; returns every activity the bot answered with (none, one or several). */
  async sayAll(text: string): Promise<RecordedActivity[]> {
    return this.post(teamsMessage({ ...this.user, text }));
  }

  /** Clicks the Action.Submit titled `title` on `card` (the exact data the card carries). */
  async click(card: RecordedActivity, title: string | RegExp): Promise<RecordedActivity> {
    const action = buttons(card).find((b) => (typeof title === 'string' ? b.title === title : title.test(b.title)));
    if (!action) throw new Error(`no button ${String(title)} on the card; buttons: ${buttons(card).map((b) => b.title).join(', ')}`);
    return this.clickData(card, action.data);
  }

  /** Sends Action.Submit data as Teams does for a click on `card`. */
  async clickData(card: RecordedActivity, data: Record<string, unknown>): Promise<RecordedActivity> {
    return only(await this.clickAll(card, data));
  }

  /** Like `clickData`, for clicks that may get no answer (a form's Cancel). */
  async clickAll(card: RecordedActivity, data: Record<string, unknown>): Promise<RecordedActivity[]> {
    return this.post(teamsSubmit({ ...this.user, value: data, replyToId: card.activityId }));
  }

  /**
   * Submits a form card: Teams merges each input's value (by id) into the submit action's data.
   * Only ids of inputs present on the card are accepted, so a renamed field fails the test.
   */
  async submit(card: RecordedActivity, values: Record<string, string>): Promise<RecordedActivity> {
    const content = cardOf(card);
    const ids = new Set(inputs(content).map((input) => input.id as string));
    for (const id of Object.keys(values)) expect(ids, `input ${id} on the form`).toContain(id);
    const submit = (content.actions as CardJson[] | undefined)?.find((a) => a.data?.tandem === 'form');
    if (!submit) throw new Error('not a form card');
    return only(await this.post(teamsSubmit({ ...this.user, value: { ...submit.data, ...values }, replyToId: card.activityId })));
  }
}

function only(activities: RecordedActivity[]): RecordedActivity {
  expect(activities, 'exactly one answer from the bot').toHaveLength(1);
  return activities[0]!;
}

export function cardOf(activity: RecordedActivity): CardJson {
  const attachment = (activity.activity.attachments as CardJson[] | undefined)?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment!.content as CardJson;
}

function walk(elements: CardJson[] | undefined, visit: (element: CardJson) => void): void {
  for (const element of elements ?? []) {
    visit(element);
    if (element.type === 'ActionSet') for (const action of element.actions ?? []) visit(action);
  }
}

/** Every piece of text the card shows, as written in the card (Teams Markdown, HTML-escaped). */
export function cardMarkdown(activity: RecordedActivity): string {
  const content = cardOf(activity);
  const out: string[] = [];
  const visit = (element: CardJson) => {
    if (element.type === 'TextBlock') out.push(element.text);
    if (element.type === 'FactSet') for (const fact of element.facts) out.push(`${fact.title}: ${fact.value}`);
    if (typeof element.label === 'string') out.push(element.label);
    if (typeof element.errorMessage === 'string') out.push(element.errorMessage);
    if (element.type === 'Input.Toggle') out.push(element.title);
    if (element.type?.startsWith('Action.')) out.push(element.title);
  };
  walk(content.body, visit);
  for (const action of content.actions ?? []) visit(action);
  return out.join('\n');
}

/** The card's text as a person reads it: bold marks, code spans, Markdown escapes and HTML entities undone. */
export function cardText(activity: RecordedActivity): string {
  return cardMarkdown(activity)
    .replaceAll('**', '')
    .replace(/(?<!\\)`/g, '')
    .replace(/\\(.)/g, '$1')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/\n{2,}/g, '\n');
}

export function buttons(activity: RecordedActivity): { title: string; data: Record<string, unknown>; style?: string }[] {
  const content = cardOf(activity);
  const out: { title: string; data: Record<string, unknown>; style?: string }[] = [];
  walk(content.body, (element) => {
    if (element.type === 'Action.Submit') out.push({ title: element.title, data: element.data, style: element.style });
  });
  return out;
}

export function inputs(content: CardJson): CardJson[] {
  return (content.body as CardJson[]).filter((element) => String(element.type).startsWith('Input.'));
}

/** Field errors shown on a redrawn form: input id → the message in red below it (not the generic
 *  message every required input carries for Teams' own check). */
export function fieldErrors(activity: RecordedActivity): Record<string, string> {
  const out: Record<string, string> = {};
  const body = cardOf(activity).body as CardJson[];
  body.forEach((element, index) => {
    if (!String(element.type).startsWith('Input.') || !element.errorMessage) return;
    const next = body[index + 1];
    if (next?.type === 'TextBlock' && next.color === 'Attention') out[element.id] = element.errorMessage;
  });
  return out;
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

/** "Tuesday 15 December 2026" / "mardi 15 décembre 2026", as people read a day. */
export function spelledDay(day: string, locale: 'en' | 'fr'): string {
  const date = new Date(`${day}T12:00:00Z`);
  const parts = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}
