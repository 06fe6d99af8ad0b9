// A fake Bot Connector (the `serviceUrl` Teams gives the bot) on 127.0.0.1, plus builders of
// realistic Teams activities. Point activities' serviceUrl at `fake.serviceUrl`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const BOT = { id: '28:tandem', name: 'Tandem' } as const;

export interface FakeMember {
  id: string;
  name: string;
  email?: string;
  userPrincipalName?: string;
  aadObjectId?: string;
  tenantId?: string;
}

export type ConnectorCallKind =
  | 'createConversation'
  | 'send'
  | 'reply'
  | 'update'
  | 'delete'
  | 'getMember'
  | 'pagedMembers'
  | 'unknown';

export interface ConnectorCall {
  kind: ConnectorCallKind;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  conversationId?: string;
  /** The activity replied to (reply), updated (update) or the member asked for (getMember). */
  targetId?: string;
  body?: unknown;
  /** What the fake answered. */
  status: number;
  /** Id given to a sent activity, or of the updated one. */
  activityId?: string;
}

/** A message the bot sent, replied or updated. */
export interface RecordedActivity {
  kind: 'send' | 'reply' | 'update';
  conversationId: string;
  activityId: string;
  replyToId?: string;
  // Activities are loose JSON by nature; tests read what they need.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  activity: any;
}

/** A conversation the bot created (POST /v3/conversations), as the request described it. */
export interface CreatedConversation {
  /** The id the fake answered: `a:new-<n>`, usable for …/conversations/a:new-<n>/activities. */
  conversationId: string;
  members: { id: string; [key: string]: unknown }[];
  /** `tenantId` of the request, else `channelData.tenant.id`. */
  tenantId?: string;
  bot?: { id: string; name?: string };
  isGroup?: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface FakeConnector {
  /** Ends with a slash, as Teams' own serviceUrls do. */
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Successful POST /v3/conversations, in order. */
  createdConversations: CreatedConversation[];
  /** Members served by GET …/members/:userId, keyed by Teams user id or aadObjectId. */
  members: Map<string, FakeMember>;
  activities(predicate?: (activity: RecordedActivity) => boolean): RecordedActivity[];
  waitFor(predicate?: (activity: RecordedActivity) => boolean, timeoutMs?: number): Promise<RecordedActivity>;
  /** The next request (any kind) gets this status; queue several calls to fail several requests. */
  failNext(status: number, retryAfter?: string): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startFakeConnector(options: { members?: FakeMember[] } = {}): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const recorded: RecordedActivity[] = [];
  const created: CreatedConversation[] = [];
  const failures: { status: number; retryAfter?: string }[] = [];
  const members = new Map<string, FakeMember>();
  for (const member of options.members ?? []) addMember(members, member);
  const waiters = new Set<{ predicate: (a: RecordedActivity) => boolean; resolve: (a: RecordedActivity) => void }>();
  let nextId = 1;
  let nextConversation = 1;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: { code: 'FakeFailure', message: String(error) } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readAll(req);
    const body: unknown = raw.length > 0 ? JSON.parse(raw) : undefined;
    const url = new URL(req.url ?? '/', 'http://fake');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const call: ConnectorCall = { kind: 'unknown', method, path: url.pathname, headers: req.headers, body, status: 200 };
    calls.push(call);

    const [v3, conversations, conversationId, collection, targetId, extra] = parts;
    if (v3 !== 'v3' || conversations !== 'conversations') return answer(res, call, 404, { error: { code: 'NotFound' } });
    if (conversationId !== undefined) call.conversationId = conversationId;
    if (targetId !== undefined) call.targetId = targetId;
    if (method === 'POST' && parts.length === 2) call.kind = 'createConversation';
    else if (method === 'POST' && collection === 'activities' && targetId === undefined) call.kind = 'send';
    else if (method === 'POST' && collection === 'activities' && extra === undefined) call.kind = 'reply';
    else if (method === 'PUT' && collection === 'activities' && targetId !== undefined) call.kind = 'update';
    else if (method === 'DELETE' && collection === 'activities' && targetId !== undefined) call.kind = 'delete';
    else if (method === 'GET' && collection === 'members' && targetId !== undefined) call.kind = 'getMember';
    else if (method === 'GET' && collection === 'pagedmembers') call.kind = 'pagedMembers';

    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'Retry-After': failure.retryAfter };
      return answer(res, call, failure.status, { error: { code: 'FakeFailure', message: `status ${failure.status}` } }, headers);
    }

    switch (call.kind) {
      case 'createConversation': {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const request = (body ?? {}) as Record<string, any>;
        const conversationId = `a:new-${nextConversation++}`;
        call.conversationId = conversationId;
        const tenantId: unknown = request.tenantId ?? request.channelData?.tenant?.id;
        created.push({
          conversationId,
          members: Array.isArray(request.members) ? request.members : [],
          ...(typeof tenantId === 'string' ? { tenantId } : {}),
          ...(request.bot ? { bot: request.bot } : {}),
          ...(typeof request.isGroup === 'boolean' ? { isGroup: request.isGroup } : {}),
          body: request,
        });
        // Bot Connector answers a ConversationResourceResponse; activityId only when an activity was posted with it.
        return answer(res, call, 201, request.activity ? { id: conversationId, activityId: `m${nextId++}` } : { id: conversationId });
      }
      case 'send':
      case 'reply': {
        const activityId = `m${nextId++}`;
        call.activityId = activityId;
        record({
          kind: call.kind,
          conversationId: call.conversationId ?? '',
          activityId,
          ...(call.kind === 'reply' && targetId ? { replyToId: targetId } : {}),
          activity: body,
        });
        return answer(res, call, 201, { id: activityId });
      }
      case 'update': {
        call.activityId = targetId;
        record({ kind: 'update', conversationId: call.conversationId ?? '', activityId: targetId ?? '', activity: body });
        return answer(res, call, 200, { id: targetId });
      }
      case 'delete':
        return answer(res, call, 200, undefined);
      case 'getMember': {
        const member = members.get(targetId ?? '');
        return member ? answer(res, call, 200, member) : answer(res, call, 404, { error: { code: 'MemberNotFoundInConversation' } });
      }
      case 'pagedMembers':
        return answer(res, call, 200, { members: [...new Set(members.values())] });
      default:
        return answer(res, call, 404, { error: { code: 'NotFound' } });
    }
  }

  function record(activity: RecordedActivity): void {
    recorded.push(activity);
    for (const waiter of waiters) {
      if (waiter.predicate(activity)) {
        waiters.delete(waiter);
        waiter.resolve(activity);
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    createdConversations: created,
    members,
    activities: (predicate = () => true) => recorded.filter(predicate),
    waitFor(predicate = () => true, timeoutMs = 2000) {
      const existing = recorded.find(predicate);
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (activity: RecordedActivity) => {
            clearTimeout(timer);
            resolve(activity);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching activity within ${timeoutMs} ms; recorded: ${JSON.stringify(recorded.map((a) => a.kind))}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    failNext(status, retryAfter) {
      failures.push(retryAfter === undefined ? { status } : { status, retryAfter });
    },
    clear() {
      calls.length = 0;
      recorded.length = 0;
      created.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function addMember(members: Map<string, FakeMember>, member: FakeMember): void {
  members.set(member.id, member);
  if (member.aadObjectId) members.set(member.aadObjectId, member);
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(
  res: ServerResponse,
  call: ConnectorCall,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  call.status = status;
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

// ── Activity builders ────────────────────────────────────────────────────────────────────────

export interface TeamsUser {
  serviceUrl: string;
  /** Teams user id ("29:…"). */
  userId?: string;
  /** Entra object id: Tandem's user id for the person. */
  aadObjectId?: string;
  name?: string;
  locale?: string;
  timeZone?: string;
  tenantId?: string;
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  /** A message in a Teams channel: Teams names the channel (and its team) in channelData. */
  channel?: { id: string; name?: string };
}

const DEFAULT_USER = {
  userId: '29:1-ada',
  aadObjectId: '00000000-0000-0000-0000-00000000ada1',
  name: 'Ada Lovelace',
  locale: 'en-US',
  timeZone: 'Europe/Paris',
  tenantId: '11111111-2222-3333-4444-555555555555',
  conversationId: 'a:1personal-ada',
  conversationType: 'personal',
} as const;

let activityCounter = 0;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ActivityJson = Record<string, any>;

function base(user: TeamsUser, type: string): ActivityJson {
  const u = { ...DEFAULT_USER, ...user };
  const now = new Date();
  activityCounter += 1;
  return {
    type,
    id: `1${String(now.getTime()).slice(-9)}${String(activityCounter).padStart(3, '0')}`,
    timestamp: now.toISOString(),
    localTimestamp: now.toISOString(),
    localTimezone: u.timeZone,
    serviceUrl: u.serviceUrl,
    channelId: 'msteams',
    from: { id: u.userId, name: u.name, aadObjectId: u.aadObjectId },
    conversation: { conversationType: u.conversationType, tenantId: u.tenantId, id: u.conversationId },
    recipient: { ...BOT },
    locale: u.locale,
    entities: [{ type: 'clientInfo', locale: u.locale, country: 'FR', platform: 'Web', timezone: u.timeZone }],
    channelData: { tenant: { id: u.tenantId }, ...(user.channel ? { channel: user.channel, team: { id: '19:team@thread.tacv2' } } : {}) },
  };
}

/**
 * A message typed by a person. `mentionBot` prefixes the bot's mention (as in a group chat);
 * `mentions` adds other people's mentions (their `<at>Name</at>` must be in `text`).
 */
export function teamsMessage(
  options: TeamsUser & { text: string; mentionBot?: boolean; mentions?: { id: string; name: string; aadObjectId?: string }[] },
): ActivityJson {
  const activity = base(options, 'message');
  const botTag = `<at>${BOT.name}</at>`;
  activity.text = options.mentionBot ? `${botTag} ${options.text}` : options.text;
  activity.textFormat = 'plain';
  if (options.mentionBot) activity.entities.push({ type: 'mention', text: botTag, mentioned: { ...BOT } });
  for (const mention of options.mentions ?? []) {
    activity.entities.push({ type: 'mention', text: `<at>${mention.name}</at>`, mentioned: { ...mention } });
  }
  return activity;
}

/** The click on an Action.Submit of a card the bot sent (`replyToId` = that card's activity id). */
export function teamsSubmit(options: TeamsUser & { value: Record<string, unknown>; replyToId?: string }): ActivityJson {
  const activity = base(options, 'message');
  activity.value = options.value;
  if (options.replyToId) activity.replyToId = options.replyToId;
  activity.channelData = { ...activity.channelData, source: { name: 'message' }, legacy: { replyToId: options.replyToId } };
  return activity;
}

/**
 * The bot installed in a personal chat. Teams lists only the bot in membersAdded; the Agents
 * Playground lists the bot and the user (`members: ['bot', 'user']`).
 */
export function teamsMembersAdded(options: TeamsUser & { members?: ('bot' | 'user')[] }): ActivityJson {
  const activity = base(options, 'conversationUpdate');
  const u = { ...DEFAULT_USER, ...options };
  activity.membersAdded = (options.members ?? ['bot']).map((who) =>
    who === 'bot' ? { id: BOT.id } : { id: u.userId, aadObjectId: u.aadObjectId },
  );
  return activity;
}
