// A pairing round of 200 volunteers through the real endpoints: who they are, the world they live in
// (one test database, a fake Slack and a fake Bot Connector behind a flaky network, apps started and
// killed on that database), how they sign up, and what each of them received.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { expect } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { t, trusted, type MessageKey, type Param } from '../../src/core/i18n/index.js';
import type { FormValues, Outcome } from '../../src/core/messages.js';
import type { Actor } from '../../src/core/tandem.js';
import { plain } from '../../src/core/text.js';
import type { EnrollmentRole, Locale, Platform } from '../../src/core/types.js';
import { createLogger } from '../../src/logger.js';
import { realTime } from '../../src/scheduler/rate-limiter.js';
import { openDatabase, type Database, type Db } from '../../src/store/database.js';
import * as schema from '../../src/store/schema.js';
import { startFakeConnector, type FakeConnector, type RecordedActivity } from '../fakes/bot-connector.js';
import { startFakeSlack, type FakeSlack, type FakeSlackUser, type RecordedCall } from '../fakes/slack-api.js';
import type { TestApp } from '../support/app.js';
import { testClock, type TestClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { BOT_TOKEN, shown, SIGNING_SECRET, SlackUserDriver, TEAM_ID, type Answers, type BlockJson, type Shown, type SlackWorld } from './slack-helpers.js';
import { cardMarkdown, TeamsUserDriver, TENANT, type TeamsWorld } from './teams-helpers.js';

export type Lang = Locale;

// ------------------------------------------------------------------------------------------------
// The volunteers

export interface Volunteer {
  /** m01…m60 for mentors, e001…e140 for mentees. */
  key: string;
  role: EnrollmentRole;
  platform: Platform;
  name: string;
  email: string;
  /** The language of their Slack / Teams client: what Tandem writes to them in. */
  locale: Lang;
  timeZone: string;
  /** Languages they can be mentored / mentor in. */
  languages: Lang[];
  /** Topic slug → mentor level 1–5 or mentee priority 1–3. */
  topics: Record<string, number>;
  teachBack: string[];
  availability: string[];
  capacity: number;
  department: string;
  /** '' when not given. */
  managerEmail: string;
  bio: string;
  /**
   * 'form': the real form over HTTP (Slack modal / Teams card). 'facade': `app.core.submitForm`
   * (a Teams person installs the app first, so Tandem can reach them). 'facade-unreachable': a
   * Teams person who never wrote to the bot: Tandem must create the chat to reach them.
   */
  via: 'form' | 'facade' | 'facade-unreachable';
  /** Slack user id (Slack people). */
  slackId: string;
  /** Teams ids are built from it: 29:1-<key>, aad-<key>, a:personal-<key>. */
  teamsKey: string;
}

export const ADMIN = { slackId: 'U0ADMIN', name: 'Alex Admin', email: 'alex.admin@tandem-corp.example', tz: 'Europe/London' } as const;

const FR_FIRST = ['Léa', 'Hugo', 'Camille', 'Louis', 'Chloé', 'Jules', 'Manon', 'Arthur', 'Inès', 'Gabriel', 'Sarah', 'Raphaël', 'Zoé', 'Adam', 'Jade', 'Lucas', 'Anne-Sophie', 'Nathan', 'Lina', 'Théo', 'Émilie', 'Paul', 'Louise', 'Tom', 'Margaux', 'Victor', 'Clara', 'Noé', 'Maëlle', 'Antoine'];
const FR_LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Faure'];
const EN_FIRST = ['Olivia', 'Jack', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Oliver', 'Grace', 'Leo', 'Ella', 'Charlie', 'Freya', 'Oscar', 'Lily', 'Henry', 'Evie', 'Arjun', 'Priya', 'Wei', 'Siobhan', 'Kwame', 'Chloe', 'Liam'];
const EN_LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Wright', 'Walker', 'Evans', 'Roberts', 'Green', 'Hall', 'Wood', 'Clarke', "O'Neill", 'Hughes', 'Edwards', 'Turner', 'Chen', 'Okafor', 'Murphy'];

const DEPARTMENTS = ['Finance', 'Sales', 'Marketing', 'Human Resources', 'Legal', 'IT', 'Operations', 'Data', 'Communication', 'Procurement', 'Customer Service', 'R&D'];
/** Random topics; GREEN_IT and ACCESSIBILITY are kept for the pairs the reporting chain forbids. */
const TOPIC_POOL = ['genai-assistants', 'linkedin-branding', 'collaboration-suites', 'cybersecurity', 'personal-data', 'online-learning', 'social-listening', 'no-code-automation', 'video-meetings', 'data-literacy', 'mobile-productivity', 'digital-wellbeing'];
const BUSINESS = ['strategy', 'leadership', 'career', 'customers', 'negotiation', 'public-speaking', 'finance', 'networking', 'decision-making', 'change'];
const SLOTS = ['mon-am', 'mon-pm', 'tue-am', 'tue-pm', 'wed-am', 'wed-pm', 'thu-am', 'thu-pm', 'fri-am', 'fri-pm'];
const ZONES: Record<Lang, string[]> = {
  fr: ['Europe/Paris', 'Europe/Paris', 'Europe/Paris', 'America/Montreal', 'Africa/Casablanca', 'Europe/Brussels'],
  en: ['Europe/London', 'Europe/London', 'America/New_York', 'Asia/Singapore', 'Europe/Dublin', 'Europe/Paris'],
};

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[], count: number): T[] {
  const left = [...items];
  const out: T[] = [];
  while (out.length < count && left.length > 0) out.push(left.splice(Math.floor(rand() * left.length), 1)[0]!);
  return out;
}

function ascii(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z-]/g, '')
    .toLowerCase();
}

/** Mentees who read English and only speak English: no mentor (all French-speaking) shares a language. */
export const NO_SHARED_LANGUAGE = ['e012', 'e030', 'e063', 'e111'];
/** A Slack account that was deleted after sign-up: every conversations.open with it fails (user_not_found). */
export const GONE_FROM_SLACK = 'e030';
/** Teams people who signed up without ever writing to the bot (no stored conversation). */
export const NEVER_WROTE = ['e023', 'e047', 'e107'];
/** [mentor key, mentee key] pairs the reporting chain forbids (set up in `volunteers()`). */
export const FORBIDDEN: [string, string][] = [
  ['m01', 'e005'], // m01 manages e005
  ['m02', 'e017'], // m02 manages e017
  ['m04', 'e040'], // e040 manages m04 (reverse mentoring: the executive is the mentee)
  ['m06', 'e050'], // e050 manages m06 …
  ['m06', 'e051'], // … and e051 manages e050: m06's manager's manager
];

/**
 * 60 mentors (capacity 1–3, 120 seats) and 140 mentees, on Slack and Teams, reading English or
 * French. Every mentor mentors in French (a French company), so the few English-only mentees share
 * no language with any mentor; 136 mentees compete for 120 seats.
 */
export function volunteers(): Volunteer[] {
  const rand = random(20261125);
  const used = new Set<string>();
  const out: Volunteer[] = [];
  const make = (role: EnrollmentRole, index: number): Volunteer => {
    const key = role === 'mentor' ? `m${String(index).padStart(2, '0')}` : `e${String(index).padStart(3, '0')}`;
    const platform: Platform = role === 'mentor' ? (index % 5 < 3 ? 'slack' : 'teams') : index % 20 < 11 ? 'slack' : 'teams';
    const locale: Lang = role === 'mentor' ? (index % 2 === 0 ? 'fr' : 'en') : index % 3 === 0 ? 'en' : 'fr';
    const [firsts, lasts] = locale === 'fr' ? [FR_FIRST, FR_LAST] : [EN_FIRST, EN_LAST];
    let name = '';
    for (let attempt = 0; !name || used.has(name); attempt++) {
      name = `${firsts[(index * 7 + attempt * 3 + (role === 'mentor' ? 11 : 0)) % firsts.length]} ${lasts[(index * 5 + attempt + (role === 'mentor' ? 3 : 0)) % lasts.length]}`;
    }
    used.add(name);
    const [first, ...rest] = name.split(' ');
    const email = `${ascii(first!)}.${ascii(rest.join(''))}@tandem-corp.example`;
    const timeZone = ZONES[locale][Math.floor(rand() * ZONES[locale].length)]!;
    const department = DEPARTMENTS[Math.floor(rand() * DEPARTMENTS.length)]!;
    const topics: Record<string, number> = {};
    if (role === 'mentor') {
      for (const [i, slug] of pick(rand, TOPIC_POOL, 3).entries()) topics[slug] = i === 0 ? 5 : 3 + Math.floor(rand() * 2);
    } else {
      for (const [i, slug] of pick(rand, TOPIC_POOL, 2).entries()) topics[slug] = i === 0 ? 3 : 1 + Math.floor(rand() * 2);
    }
    const languages: Lang[] = role === 'mentor' ? ['fr'] : locale === 'fr' ? (rand() < 0.5 ? ['fr'] : ['fr', 'en']) : ['en', 'fr'];
    const title = role === 'mentor' ? (locale === 'fr' ? 'Alternant·e' : 'Graduate') : locale === 'fr' ? 'Directeur·rice' : 'Head';
    return {
      key,
      role,
      platform,
      name,
      email,
      locale,
      timeZone,
      languages,
      topics,
      teachBack: pick(rand, BUSINESS, role === 'mentor' ? 2 : 1 + Math.floor(rand() * 2)),
      availability: pick(rand, SLOTS, 2 + Math.floor(rand() * 3)),
      capacity: role === 'mentor' ? [1, 2, 3, 2][index % 4]! : 1,
      department,
      managerEmail: '',
      bio: locale === 'fr' ? `${title} — ${department}. J’aime apprendre & transmettre.` : `${title} of ${department}. Happy to learn & share.`,
      via: 'facade',
      slackId: `U${key.toUpperCase()}`,
      teamsKey: key,
    };
  };
  for (let i = 1; i <= 60; i++) out.push(make('mentor', i));
  for (let i = 1; i <= 140; i++) out.push(make('mentee', i));
  const by = new Map(out.map((v) => [v.key, v]));
  const get = (key: string) => by.get(key)!;

  for (const key of NO_SHARED_LANGUAGE) Object.assign(get(key), { locale: 'en', languages: ['en'] });
  get(GONE_FROM_SLACK).platform = 'slack';
  for (const key of NEVER_WROTE) Object.assign(get(key), { platform: 'teams', via: 'facade-unreachable' });
  // Reporting lines, with the best fit on both sides, so that only the hard rule keeps them apart.
  const manage = (manager: string, report: string) => {
    get(report).managerEmail = get(manager).email;
  };
  manage('m01', 'e005');
  manage('m02', 'e017');
  manage('e040', 'm04');
  manage('e050', 'm06');
  manage('e051', 'e050');
  for (const [mentor, mentee] of FORBIDDEN) {
    const slug = mentor === 'm02' ? 'digital-accessibility' : 'green-it';
    get(mentor).topics[slug] = 5;
    get(mentee).topics[slug] = 3;
    get(mentee).teachBack = [...get(mentor).teachBack];
    get(mentee).availability = [...get(mentor).availability];
    get(mentee).languages = ['fr'];
  }
  // Managers outside the program: ordinary lines that rule nobody out.
  for (const v of out) if (!v.managerEmail && Number(v.key.slice(1)) % 3 === 1) v.managerEmail = `head.of.${ascii(v.department)}@tandem-corp.example`;
  // A representative quarter signs up through the real forms, on both platforms and in both languages.
  for (const [i, v] of out.entries()) if (v.via === 'facade' && i % 4 === 0) v.via = 'form';
  return out;
}

// ------------------------------------------------------------------------------------------------
// The world: fakes, one database, apps on it

/** Pacing on the test clock: a paced wait moves the clock forward instead of sleeping. */
export function pacePacingOnClock(clock: TestClock): () => void {
  const saved = { now: realTime.now, sleep: realTime.sleep };
  // The dispatcher's Pacer and the Slack messenger's conversations.open bucket use `realTime` (the app
  // gives them no other): pointed at the test clock here, restored by the returned function.
  realTime.now = () => clock.now().getTime();
  realTime.sleep = async (ms) => {
    const wakeAt = clock.now().getTime() + Math.ceil(ms);
    await Promise.resolve();
    const now = clock.now().getTime();
    if (wakeAt > now) clock.advance(wakeAt - now);
  };
  return () => Object.assign(realTime, saved);
}

/** The app as the tests drive it: the real App, plus the test clock and a drain of the outbox. */
export type RoundApp = TestApp;

export interface RoundWorld {
  clock: TestClock;
  slack: FakeSlack;
  connector: FakeConnector;
  network: FlakyNetwork;
  testDb: TestDatabase;
  /** The app people talk to now (drivers follow it across a restart). */
  app: RoundApp;
  slackWorld: SlackWorld;
  teamsWorld: TeamsWorld;
  /** The first app's own handle on the test database: closing it cuts that app off, as its death would. */
  firstHandle: Database;
  /** Starts an app on the test database (or on `database`, another handle on it) and makes it current. */
  start(database?: Database): Promise<RoundApp>;
  close(): Promise<void>;
}

export async function startRoundWorld(people: Volunteer[], clock: TestClock = testClock('2026-11-25T09:00:00Z')): Promise<RoundWorld> {
  const users: Record<string, FakeSlackUser> = {
    [ADMIN.slackId]: { name: 'alex', real_name: ADMIN.name, email: ADMIN.email, locale: 'en-GB', tz: ADMIN.tz },
  };
  for (const v of people) {
    if (v.platform !== 'slack') continue;
    users[v.slackId] = { name: v.key, real_name: v.name, display_name: v.name, email: v.email, locale: v.locale === 'fr' ? 'fr-FR' : 'en-GB', tz: v.timeZone };
  }
  // No rate limits in the fake: only its clock, so each call records the app clock (`clockAt`).
  const slack = await startFakeSlack({ token: BOT_TOKEN, teamId: TEAM_ID, users, limits: { now: () => clock.now().getTime() } });
  const connector = await startFakeConnector();
  const network = await startFlakyNetwork(connector.serviceUrl, () => clock.now().getTime());
  const testDb = await createTestDatabase();
  const apps: App[] = [];

  const world = {
    clock,
    slack,
    connector,
    network,
    testDb,
  } as RoundWorld;
  // Drivers read `app` and `eventsUrl` at each request: they follow the current app.
  const slackWorld = {
    slack,
    sent: [],
    user: (userId: string) => new SlackUserDriver(slackWorld, userId),
    close: async () => {},
  } as unknown as SlackWorld;
  // People's activities name the flaky network as their serviceUrl: the bot answers through it.
  const teamsWorld: TeamsWorld = { app: undefined as unknown as TestApp, connector: { ...connector, serviceUrl: network.url }, close: async () => {} };
  world.slackWorld = slackWorld;
  world.teamsWorld = teamsWorld;

  world.start = async (database = testDb.database) => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      TANDEM_ADMINS: ADMIN.slackId,
    });
    const app = await startApp({ config, logger: createLogger(config.logLevel, 'json'), clock, scheduler: false, database });
    apps.push(app);
    const running: RoundApp = { ...app, clock, deliver: () => app.dispatcher.drain() };
    world.app = running;
    teamsWorld.app = running;
    Object.assign(slackWorld, { app: running, eventsUrl: `${app.url}/slack/events` });
    return running;
  };
  world.close = async () => {
    for (const app of apps) await app.close().catch(() => {});
    await world.firstHandle?.close().catch(() => {});
    await testDb.dispose();
    await network.close();
    await connector.close();
    await slack.close();
  };
  try {
    world.firstHandle = await openAnotherHandle(testDb);
    await world.start(world.firstHandle);
  } catch (error) {
    await world.close();
    throw error;
  }
  return world;
}

/**
 * Another handle on the test database, for an app that owns its database and is killed: its close()
 * cuts that app off the data as a dead process would be, while the database lives on for the next app.
 * Postgres: a second connection pool. PGlite (one in-memory instance per process): a gate over it.
 */
export async function openAnotherHandle(testDb: TestDatabase): Promise<Database> {
  if (testDb.url) return openDatabase({ url: testDb.url, maxConnections: 5 });
  const shared = testDb.database;
  const client = (shared.db as unknown as { $client: PGlite }).$client;
  let closed = false;
  const gone = () => Promise.reject(new Error('the database connection is closed'));
  const gated = new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'query' || property === 'exec' || property === 'transaction') {
        return (...args: unknown[]) => (closed ? gone() : method.apply(target, args));
      }
      return method.bind(target);
    },
  });
  const db = drizzlePglite({ client: gated, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    rows: shared.rows,
    migrate: (afterwards) => (closed ? gone() : shared.migrate(afterwards)),
    ping: () => (closed ? gone() : shared.ping()),
    close: async () => {
      closed = true;
    },
  };
}

// ------------------------------------------------------------------------------------------------
// A flaky network in front of the Bot Connector

export interface FlakyNetwork {
  /** The serviceUrl people's activities carry: requests are forwarded to the fake Bot Connector. */
  url: string;
  /** The next request about this conversation gets `status` (queued), without reaching the connector. */
  failConversation(conversationId: string, status: number, retryAfter?: string): void;
  /** The requests answered with an injected failure, with the app clock's time. */
  failed: { conversationId: string; status: number; at: number; body: string }[];
  /** The requests that reached the connector, with the app clock's time. */
  forwarded: { conversationId: string | undefined; method: string; at: number; body: string }[];
  close(): Promise<void>;
}

async function startFlakyNetwork(target: string, now: () => number): Promise<FlakyNetwork> {
  const upstream = new URL(target);
  const failures = new Map<string, { status: number; retryAfter?: string }[]>();
  const failed: FlakyNetwork['failed'] = [];
  const forwarded: FlakyNetwork['forwarded'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const parts = new URL(req.url ?? '/', 'http://flaky').pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const conversationId = parts[0] === 'v3' && parts[1] === 'conversations' ? parts[2] : undefined;
      const failure = conversationId ? failures.get(conversationId)?.shift() : undefined;
      if (failure && conversationId) {
        failed.push({ conversationId, status: failure.status, at: now(), body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfter === undefined ? {} : { 'retry-after': failure.retryAfter }) });
        res.end(JSON.stringify({ error: { code: 'Throttled', message: `status ${failure.status}` } }));
        return;
      }
      forwarded.push({ conversationId, method: req.method ?? 'GET', at: now(), body: Buffer.concat(chunks).toString('utf8') });
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502).end();
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    failed,
    forwarded,
    failConversation(conversationId, status, retryAfter) {
      failures.set(conversationId, [...(failures.get(conversationId) ?? []), retryAfter === undefined ? { status } : { status, retryAfter }]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ------------------------------------------------------------------------------------------------
// Signing up

export function slackDriver(world: RoundWorld, v: Pick<Volunteer, 'slackId'>): SlackUserDriver {
  return world.slackWorld.user(v.slackId);
}

export function teamsDriver(world: RoundWorld, v: Volunteer): TeamsUserDriver {
  return new TeamsUserDriver(world.teamsWorld, {
    key: v.teamsKey,
    name: v.name.split(' ')[0]!,
    locale: v.locale === 'fr' ? 'fr-FR' : 'en-US',
    timeZone: v.timeZone,
    member: { name: v.name, email: v.email },
  });
}

/** The Teams conversation of a volunteer: their personal chat, or the one Tandem created for them. */
export function teamsConversationOf(world: RoundWorld, v: Volunteer): string | undefined {
  if (v.via !== 'facade-unreachable') return `a:personal-${v.teamsKey}`;
  return world.connector.createdConversations.find((c) => c.members.some((m) => m.id === `aad-${v.teamsKey}`))?.conversationId;
}

function joinCommand(v: Volunteer): string {
  if (v.locale === 'fr') return v.role === 'mentor' ? 'rejoindre mentor' : 'rejoindre mentoré';
  return `join ${v.role}`;
}

/** The form as the person fills it in, as core form values. */
export function formValues(v: Volunteer): Record<string, string | string[]> {
  return {
    ...Object.fromEntries(Object.entries(v.topics).map(([slug, level]) => [`topic.${slug}`, String(level)])),
    teachBack: v.teachBack,
    languages: v.languages,
    timeZone: v.timeZone,
    availability: v.availability,
    ...(v.role === 'mentor' ? { capacity: String(v.capacity) } : {}),
    department: v.department,
    managerEmail: v.managerEmail,
    bio: v.bio,
    charter: 'true',
  };
}

/** Slack: `/tandem join …`, the modal, submitted; the modal closes and the welcome DM follows. */
export async function signUpOnSlack(world: RoundWorld, v: Volunteer): Promise<void> {
  const driver = slackDriver(world, v);
  const { view } = await driver.openForm(joinCommand(v));
  const answers: Answers = { ...formValues(v), charter: true } as Answers;
  if (!v.managerEmail) delete answers.managerEmail;
  const answer = await driver.submit(view, answers);
  expect(answer.status).toBe(200);
  expect(answer.raw, `${v.key}: an empty 200 closes the modal`).toBe('');
}

/** Teams: "join …" in the personal chat, the form card, submitted; the card turns into the welcome. */
export async function signUpOnTeams(world: RoundWorld, v: Volunteer): Promise<void> {
  const driver = teamsDriver(world, v);
  const form = await driver.say(joinCommand(v));
  const values = Object.fromEntries(Object.entries(formValues(v)).map(([id, value]) => [id, Array.isArray(value) ? value.join(',') : value]));
  const done = await driver.submit(form, values);
  expect(done.kind, `${v.key}: the form card is replaced by the welcome`).toBe('update');
}

/** The person as the platform adapters present them to the core (same code path, minus HTTP). */
export function actorOf(v: Volunteer): Actor {
  const profile = { name: v.name, email: v.email, locale: v.locale === 'fr' ? 'fr-FR' : 'en-GB', timeZone: v.timeZone };
  if (v.platform === 'slack') return { identity: { platform: 'slack', tenantId: TEAM_ID, userId: v.slackId }, fetchProfile: async () => profile };
  return {
    identity: { platform: 'teams', tenantId: TENANT, userId: `aad-${v.teamsKey}` },
    hint: { name: v.name.split(' ')[0]!, locale: profile.locale, timeZone: v.timeZone },
    conversation: 'private',
    fetchProfile: async () => profile,
  };
}

/** Through the core facade: `join …`, then the form's values. Teams people install the app first. */
export async function signUpThroughCore(world: RoundWorld, v: Volunteer): Promise<void> {
  if (v.platform === 'teams' && v.via === 'facade') await teamsDriver(world, v).install();
  const actor = actorOf(v);
  const opened = await world.app.core.handleCommand(actor, joinCommand(v));
  if (opened.kind !== 'form') throw new Error(`${v.key}: expected the sign-up form, got ${opened.kind}`);
  const values: FormValues = formValues(v);
  const done: Outcome = await world.app.core.submitForm(actor, opened.form.id, opened.form.state, values);
  expect(done.kind, `${v.key}: signed up`).toBe('form_done');
}

// ------------------------------------------------------------------------------------------------
// Reading what people received

/** A catalogue message as a person reads it (marks dropped), in `lang`. */
export function say(lang: Lang, key: MessageKey, params: Record<string, Param> = {}): string {
  return readable(plain(t(lang, key, { prefix: trusted(''), ...params })));
}

/** A catalogue message up to its first parameter: for messages whose values the test does not know. */
export function lead(lang: Lang, key: MessageKey): string {
  const full = say(lang, key);
  const cut = full.search(/\{\w+\}/);
  return cut === -1 ? full : full.slice(0, cut);
}

/** Text as a person reads it: Slack mrkdwn / Teams Markdown marks and escapes undone. */
export function readable(text: string): string {
  return text
    .replace(/\*/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/[\u2060\u200b]/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** Everything a Slack message shows, readable. */
export function slackText(message: Shown): string {
  const out: string[] = [message.text];
  const visit = (block: BlockJson) => {
    if (block.text?.text) out.push(block.text.text as string);
    for (const field of (block.fields as BlockJson[] | undefined) ?? []) out.push(field.text as string);
    for (const element of (block.elements as BlockJson[] | undefined) ?? []) {
      if (typeof element.text === 'string') out.push(element.text);
      else if (element.text?.text) out.push(element.text.text as string);
    }
  };
  message.blocks.forEach(visit);
  return readable(out.join('\n'));
}

export function teamsText(activity: RecordedActivity): string {
  return readable(cardMarkdown(activity));
}

/** One message that reached someone. */
export interface Delivery {
  platform: Platform;
  /** Slack channel id or Teams conversation id. */
  destination: string;
  /** Slack user ids of the channel, or the Teams conversation id. */
  audience: string[];
  kind: 'post' | 'update';
  text: string;
  /** Headers of the message (Slack header blocks; Teams: first bold lines are not headers, so the card's first TextBlock). */
  headers: string[];
  /** Buttons that call Tandem: action and value. */
  buttons: { action: string; value?: string; title: string }[];
  blocks: number;
  raw: RecordedCall | RecordedActivity;
}

function successful(call: RecordedCall): boolean {
  return !call.failed && !call.limited && call.response?.ok === true;
}

/** Slack messages that reached people since the `from`-th recorded call (posts and edits). */
export function slackDeliveries(world: RoundWorld, from = 0): Delivery[] {
  const members = world.slack.conversationMembers();
  return world.slack
    .calls()
    .slice(from)
    .filter((call) => (call.method === 'chat.postMessage' || call.method === 'chat.update') && successful(call))
    .map((call) => {
      const message = shown(call.body);
      const channel = String(call.body.channel);
      return {
        platform: 'slack' as const,
        destination: channel,
        audience: members.get(channel) ?? [],
        kind: call.method === 'chat.update' ? ('update' as const) : ('post' as const),
        text: slackText(message),
        headers: message.blocks.filter((b) => b.type === 'header').map((b) => String(b.text?.text ?? '')),
        buttons: message.blocks
          .filter((b) => b.type === 'actions')
          .flatMap((b) => b.elements as BlockJson[])
          .filter((e) => typeof e.action_id === 'string' && e.action_id.startsWith('tandem:') && !e.action_id.startsWith('tandem:link:'))
          .map((e) => ({ action: String(e.action_id).slice('tandem:'.length).replace(/#\d+$/, ''), value: e.value as string | undefined, title: String(e.text?.text ?? '') })),
        blocks: message.blocks.length,
        raw: call,
      };
    });
}

/** Teams messages that reached people since the `from`-th recorded activity (proactive sends and updates). */
export function teamsDeliveries(world: RoundWorld, from = 0): Delivery[] {
  return world.connector
    .activities()
    .slice(from)
    // Proactive messages continue a stored conversation, so the connector sees them as replies.
    .filter((a) => a.kind === 'send' || a.kind === 'reply' || a.kind === 'update')
    .map((a) => {
      const content = (a.activity.attachments as BlockJson[] | undefined)?.[0]?.content as BlockJson | undefined;
      const buttons: Delivery['buttons'] = [];
      const visit = (element: BlockJson) => {
        if (element.type === 'ActionSet') (element.actions as BlockJson[]).forEach(visit);
        if (element.type === 'Action.Submit' && element.data?.tandem === 'action') {
          buttons.push({ action: String(element.data.action), value: element.data.value as string | undefined, title: String(element.title) });
        }
      };
      ((content?.body as BlockJson[] | undefined) ?? []).forEach(visit);
      ((content?.actions as BlockJson[] | undefined) ?? []).forEach(visit);
      const firstBlock = (content?.body as BlockJson[] | undefined)?.find((e) => e.type === 'TextBlock');
      return {
        platform: 'teams' as const,
        destination: a.conversationId,
        audience: [a.conversationId],
        kind: a.kind === 'update' ? ('update' as const) : ('post' as const),
        text: content ? teamsText(a) : '',
        headers: firstBlock ? [readable(String(firstBlock.text))] : [],
        buttons,
        blocks: ((content?.body as unknown[] | undefined) ?? []).length,
        raw: a,
      };
    });
}

export function deliveriesSince(world: RoundWorld, mark: Mark): Delivery[] {
  return [...slackDeliveries(world, mark.slack), ...teamsDeliveries(world, mark.teams)];
}

export interface Mark {
  slack: number;
  teams: number;
}

/** Where the fakes' records stand now: read what came after with `deliveriesSince`. */
export function mark(world: RoundWorld): Mark {
  return { slack: world.slack.calls().length, teams: world.connector.activities().length };
}

/**
 * The 'round-progress' cron job (every 10 s) on the app clock: while the outbox drains, runs
 * `report` whenever the clock has moved 10 s since the last run. Returns a stop function.
 */
export function everyTenSeconds(clock: TestClock, report: () => Promise<void>): () => Promise<void> {
  let stopped = false;
  let last = Number.NEGATIVE_INFINITY;
  const loop = (async () => {
    while (!stopped) {
      const now = clock.now().getTime();
      if (now - last >= 10_000) {
        last = now;
        await report();
      }
      await sleep(10);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}

/** Resolves once `condition` holds (polled), or fails after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
