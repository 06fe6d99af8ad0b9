// An in-process Slack: the Web API methods Tandem calls, a response_url endpoint, and builders of
// signed requests (slash commands, interactivity, events) to POST to Tandem's /slack/events.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSlackUser {
  name: string;
  real_name?: string;
  display_name?: string;
  email?: string;
  /** e.g. 'fr-FR', 'en-US'; returned only with include_locale. */
  locale?: string;
  /** IANA zone, e.g. 'Europe/Paris'. */
  tz?: string;
  team_id?: string;
  deleted?: boolean;
  is_bot?: boolean;
}

export interface FakeSlackOptions {
  /** When set, calls must carry this bot token (Bearer header or `token` field), else invalid_auth. */
  token?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** users.info / users.lookupByEmail answer from this map; unknown ids get user_not_found. */
  users?: Record<string, FakeSlackUser>;
  /** Slack's rate limits, enforced with HTTP 429 and Retry-After (whole seconds, as Slack sends it). */
  limits?: FakeSlackLimits;
}

/** A sustained rate with a burst allowance (a token bucket). */
export interface FakeRate {
  perSecond: number;
  burst?: number;
}

export interface FakeSlackLimits {
  /** chat.postMessage into one channel (Slack: about 1 per second, short bursts tolerated). */
  perChannel?: FakeRate;
  /** chat.postMessage across the workspace (Slack: a few hundred per minute). */
  workspace?: FakeRate;
  /** conversations.open (Tier 3: 50+ per minute). */
  open?: FakeRate;
  /** The fake's clock in ms; a simulation passes a scaled one. Default Date.now. */
  now?: () => number;
}

export interface RecordedCall {
  /** Web API method (e.g. 'chat.postMessage'), or 'respond' for the response_url endpoint. */
  method: string;
  body: Record<string, unknown>;
  /** Date.now() when the request arrived. */
  at: number;
  /** The response_url id, for 'respond' calls. */
  responseId?: string;
  /** Refused with a 429 by the fake's rate limits. */
  limited?: boolean;
  /** Failed as `failNext` asked. */
  failed?: boolean;
  /** The fake's clock (`limits.now`) when the request arrived, when it has limits. */
  clockAt?: number;
  /** What the method answered (`ok` true or false), when it ran (not for failures and 429s). */
  response?: Record<string, unknown>;
  /** The answer was held back by `hold` (the call took effect, the caller had no answer yet). */
  held?: boolean;
  /** The token the call carried (Bearer header or `token` field): tells several callers apart. */
  token?: string;
}

/** An `ok: false` error code, or an HTTP status (429 with Retry-After seconds). */
export type FakeFailure = string | { status: 429; retryAfter: number } | { status: number };

export interface FakeSlack {
  /** Base URL, e.g. http://127.0.0.1:PORT */
  url: string;
  /** Web API base URL with its trailing slash, for SlackConfig.apiUrl. */
  apiUrl: string;
  users: Map<string, FakeSlackUser>;
  calls(method?: string): RecordedCall[];
  /** Resolves with the first call (past or future) of `method` matching `predicate`. */
  waitFor(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Delay every answer by `ms`. */
  setLatency(ms: number): void;
  /** The next call of `method` fails this way (queued: call twice to fail twice). */
  failNext(method: string, failure: FakeFailure): void;
  /**
   * Calls of `method` whose body matches `predicate` fail this way, `times` times (default: always),
   * before any `failNext` failure: e.g. one person's `conversations.open` answering `user_not_found`.
   */
  failWhen(method: string, predicate: (body: Record<string, unknown>) => boolean, failure: FakeFailure, times?: number): void;
  /**
   * From now on, Web API calls matching `predicate` take effect (recorded, answered by the method)
   * but their HTTP answer is held back until `release()`: a request in flight when the caller dies.
   */
  hold(predicate?: (call: RecordedCall) => boolean): void;
  /** Sends the answers held back by `hold`, and stops holding. */
  release(): void;
  /** How many answers are held back now. */
  heldCount(): number;
  /** The users of each conversation `conversations.open` opened: channel id → sorted user ids. */
  conversationMembers(): Map<string, string[]>;
  /** Files uploaded (files.getUploadURLExternal + upload URL) and shared by files.completeUploadExternal. */
  sharedFiles(): FakeSharedFile[];
  /** A fresh response_url served by this fake. */
  responseUrl(id?: string): string;
  /** Forget recorded calls, queued failures and latency. */
  reset(): void;
  close(): Promise<void>;
}

type ApiResult = Record<string, unknown>;

export interface FakeSharedFile {
  id: string;
  filename: string;
  title: string;
  /** The uploaded bytes, decoded as UTF-8. */
  content: string;
  bytes: number;
  channelId: string | null;
  initialComment: string | null;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T0TANDEM';
  const botUserId = options.botUserId ?? 'U0TANDEMBOT';
  const botId = options.botId ?? 'B0TANDEM';
  const users = new Map(Object.entries(options.users ?? {}));
  const recorded: RecordedCall[] = [];
  const failures = new Map<string, FakeFailure[]>();
  const waiters = new Set<{ method: string; predicate: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void }>();
  const dmChannels = new Map<string, string>();
  const uploads = new Map<string, { filename: string; length: number; content: Buffer | null }>();
  const shared: FakeSharedFile[] = [];
  const limiter = rateLimiter(options.limits);
  const targeted: { method: string; predicate: (body: Record<string, unknown>) => boolean; failure: FakeFailure; left: number }[] = [];
  let holding: ((call: RecordedCall) => boolean) | null = null;
  const heldAnswers: (() => void)[] = [];
  let latencyMs = 0;
  let sequence = 0;
  let responseUrlSequence = 0;
  let baseUrl = '';

  const next = () => (sequence += 1);
  const ts = () => `${Math.floor(Date.now() / 1000)}.${String(next()).padStart(6, '0')}`;

  const record = (call: RecordedCall) => {
    recorded.push(call);
    for (const waiter of waiters) {
      if (waiter.method === call.method && waiter.predicate(call)) {
        waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  };

  const userJson = (id: string, user: FakeSlackUser, withLocale: boolean) => ({
    id,
    team_id: user.team_id ?? teamId,
    name: user.name,
    real_name: user.real_name ?? user.name,
    deleted: user.deleted ?? false,
    is_bot: user.is_bot ?? false,
    tz: user.tz ?? 'Europe/Paris',
    tz_offset: 3600,
    ...(withLocale ? { locale: user.locale ?? 'en-US' } : {}),
    profile: {
      display_name: user.display_name ?? '',
      real_name: user.real_name ?? user.name,
      ...(user.email ? { email: user.email } : {}),
    },
  });

  const methods: Record<string, (body: Record<string, unknown>) => ApiResult> = {
    'auth.test': () => ({ url: 'https://tandem-test.slack.com/', team: 'Tandem Test', user: 'tandem', team_id: teamId, user_id: botUserId, bot_id: botId }),
    'users.info': (body) => {
      const id = String(body.user ?? '');
      const user = users.get(id);
      if (!user) return { ok: false, error: 'user_not_found' };
      return { user: userJson(id, user, isTrue(body.include_locale)) };
    },
    'users.lookupByEmail': (body) => {
      const email = String(body.email ?? '').toLowerCase();
      const found = [...users].find(([, user]) => user.email?.toLowerCase() === email);
      return found ? { user: userJson(found[0], found[1], false) } : { ok: false, error: 'users_not_found' };
    },
    'conversations.open': (body) => {
      const ids = String(body.users ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
        .sort();
      if (ids.length === 0) return { ok: false, error: 'users_list_not_supplied' };
      const key = ids.join(',');
      let channel = dmChannels.get(key);
      if (!channel) {
        channel = ids.length === 1 ? `D${ids[0]}` : `G${String(next()).padStart(8, '0')}`;
        dmChannels.set(key, channel);
      }
      return { channel: { id: channel, ...(ids.length > 1 ? { is_mpim: true } : { is_im: true }) } };
    },
    'chat.postMessage': (body) => {
      if (!body.channel) return { ok: false, error: 'channel_not_found' };
      if (!body.text && !body.blocks) return { ok: false, error: 'no_text' };
      const messageTs = ts();
      return { channel: body.channel, ts: messageTs, message: { type: 'message', user: botUserId, bot_id: botId, text: body.text, blocks: body.blocks, ts: messageTs } };
    },
    'chat.update': (body) => {
      if (!body.channel || !body.ts) return { ok: false, error: 'message_not_found' };
      return { channel: body.channel, ts: body.ts, text: body.text };
    },
    'files.getUploadURLExternal': (body) => {
      const filename = String(body.filename ?? '');
      const length = Number(body.length);
      if (!filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
      const id = `F${String(next()).padStart(8, '0')}`;
      uploads.set(id, { filename, length, content: null });
      return { upload_url: `${baseUrl}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (body) => {
      const files = (typeof body.files === 'string' ? tryJson(body.files) : body.files) as { id?: string; title?: string }[] | undefined;
      if (!Array.isArray(files) || files.length === 0) return { ok: false, error: 'invalid_arguments' };
      const complete = files.map((file) => ({ file, upload: uploads.get(String(file.id)) }));
      if (complete.some(({ upload }) => !upload?.content)) return { ok: false, error: 'file_not_found' };
      const channelId = body.channel_id ? String(body.channel_id) : null;
      for (const { file, upload } of complete) {
        shared.push({
          id: String(file.id),
          filename: upload!.filename,
          title: file.title ?? upload!.filename,
          content: upload!.content!.toString('utf8'),
          bytes: upload!.content!.length,
          channelId,
          initialComment: body.initial_comment ? String(body.initial_comment) : null,
        });
        uploads.delete(String(file.id));
      }
      return { files: complete.map(({ file, upload }) => ({ id: file.id, title: file.title ?? upload!.filename, name: upload!.filename })) };
    },
    'views.open': (body) => {
      if (!body.trigger_id) return { ok: false, error: 'invalid_trigger_id' };
      return { view: viewJson(body.view) };
    },
    'views.update': (body) => {
      if (!body.view_id && !body.external_id) return { ok: false, error: 'not_found' };
      return { view: { ...viewJson(body.view), id: body.view_id ?? `V${next()}` } };
    },
    'views.publish': (body) => {
      if (!body.user_id) return { ok: false, error: 'invalid_arguments' };
      return { view: viewJson(body.view) };
    },
  };

  const viewJson = (view: unknown) => ({
    ...(typeof view === 'object' && view !== null ? view : {}),
    id: `V${String(next()).padStart(8, '0')}`,
    team_id: teamId,
    state: { values: {} },
    hash: `${Date.now()}.${next()}`,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && pathname.startsWith('/upload/')) {
      // Slack's upload URL: the file's bytes, checked against the length announced.
      const id = decodeURIComponent(pathname.slice('/upload/'.length));
      const bytes = await readBytes(req);
      const upload = uploads.get(id);
      record({ method: 'upload', body: { fileId: id, bytes: bytes.length }, at: Date.now() });
      if (!upload) return send(res, 404, 'unknown upload', 'text/plain');
      if (bytes.length !== upload.length) return send(res, 400, `expected ${upload.length} bytes, got ${bytes.length}`, 'text/plain');
      upload.content = bytes;
      return send(res, 200, `OK - ${bytes.length}`, 'text/plain');
    }
    const raw = await readBody(req);
    const body = parseBody(raw, req.headers['content-type']);
    if (latencyMs > 0) await delay(latencyMs);

    if (req.method === 'POST' && pathname.startsWith('/respond/')) {
      const responseId = decodeURIComponent(pathname.slice('/respond/'.length));
      record({ method: 'respond', body, at: Date.now(), responseId });
      const failure = takeFailure('respond');
      if (failure !== undefined) return sendFailure(res, failure);
      return send(res, 200, 'ok', 'text/plain');
    }
    if (req.method !== 'POST' || !pathname.startsWith('/api/')) return send(res, 404, 'not found', 'text/plain');

    const method = pathname.slice('/api/'.length);
    const token = bearer(req.headers.authorization) ?? (typeof body.token === 'string' ? body.token : undefined);
    const call: RecordedCall = { method, body, at: Date.now(), ...(options.limits ? { clockAt: limiter.now() } : {}), ...(token ? { token } : {}) };
    record(call);
    const failure = takeTargetedFailure(method, body) ?? takeFailure(method);
    if (failure !== undefined) {
      call.failed = true;
      return sendFailure(res, failure);
    }
    const retryAfter = limiter.check(method, body);
    if (retryAfter !== undefined) {
      call.limited = true;
      return sendFailure(res, { status: 429, retryAfter });
    }

    if (!token) return sendJson(res, { ok: false, error: 'not_authed' });
    if (options.token && token !== options.token) return sendJson(res, { ok: false, error: 'invalid_auth' });

    const implementation = methods[method];
    if (!implementation) return sendJson(res, { ok: false, error: 'unknown_method' });
    const response = { ok: true, ...implementation(body) };
    call.response = response;
    if (holding?.(call)) {
      call.held = true;
      await new Promise<void>((resolve) => heldAnswers.push(resolve));
    }
    return sendJson(res, response);
  };

  const takeFailure = (method: string): FakeFailure | undefined => failures.get(method)?.shift();
  const takeTargetedFailure = (method: string, body: Record<string, unknown>): FakeFailure | undefined => {
    const found = targeted.find((t) => t.method === method && t.left > 0 && t.predicate(body));
    if (!found) return undefined;
    found.left -= 1;
    return found.failure;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, String(error), 'text/plain'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    users,
    calls: (method) => (method ? recorded.filter((call) => call.method === method) : [...recorded]),
    waitFor: (method, predicate = () => true, timeoutMs = 5000) => {
      const seen = recorded.find((call) => call.method === method && predicate(call));
      if (seen) return Promise.resolve(seen);
      return new Promise<RecordedCall>((resolve, reject) => {
        const waiter = {
          method,
          predicate,
          resolve: (call: RecordedCall) => {
            clearTimeout(timer);
            resolve(call);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`Fake Slack: no ${method} call within ${timeoutMs} ms (saw: ${recorded.map((c) => c.method).join(', ') || 'nothing'})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    failNext: (method, failure) => {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    failWhen: (method, predicate, failure, times = Number.POSITIVE_INFINITY) => {
      targeted.push({ method, predicate, failure, left: times });
    },
    hold: (predicate = () => true) => {
      holding = predicate;
    },
    release: () => {
      holding = null;
      for (const answer of heldAnswers.splice(0)) answer();
    },
    heldCount: () => heldAnswers.length,
    conversationMembers: () => new Map([...dmChannels].map(([users, channel]) => [channel, users.split(',')])),
    sharedFiles: () => [...shared],
    responseUrl: (id) => `${baseUrl}/respond/${encodeURIComponent(id ?? `R${(responseUrlSequence += 1)}`)}`,
    reset: () => {
      recorded.length = 0;
      failures.clear();
      targeted.length = 0;
      latencyMs = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        holding = null;
        for (const answer of heldAnswers.splice(0)) answer();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Token buckets per limit; answers the Retry-After seconds of a call over a limit, or undefined. */
function rateLimiter(limits: FakeSlackLimits | undefined) {
  const now = limits?.now ?? Date.now;
  const full = new Map<string, number>();
  /** GCRA: `full` is when the bucket would hold its whole burst again. */
  const take = (key: string, rate: FakeRate): number | undefined => {
    const interval = 1000 / rate.perSecond;
    const tolerance = (Math.max(1, rate.burst ?? 1) - 1) * interval;
    const at = now();
    const tat = Math.max(full.get(key) ?? at, at);
    if (tat - tolerance > at) return tat - tolerance - at;
    full.set(key, tat + interval);
    return undefined;
  };
  const seconds = (waitMs: number) => Math.max(1, Math.ceil(waitMs / 1000));
  return {
    now,
    check(method: string, body: Record<string, unknown>): number | undefined {
      if (!limits) return undefined;
      if (method === 'conversations.open' && limits.open) {
        const wait = take('open', limits.open);
        return wait === undefined ? undefined : seconds(wait);
      }
      if (method !== 'chat.postMessage') return undefined;
      // Both limits must allow the message; a refused one uses up neither.
      const channel = `channel:${String(body.channel ?? '')}`;
      const saved = [full.get(channel), full.get('workspace')] as const;
      const waits = [
        limits.perChannel ? take(channel, limits.perChannel) : undefined,
        limits.workspace ? take('workspace', limits.workspace) : undefined,
      ].filter((wait): wait is number => wait !== undefined);
      if (waits.length === 0) return undefined;
      restore(full, channel, saved[0]);
      restore(full, 'workspace', saved[1]);
      return seconds(Math.max(...waits));
    },
  };
}

function restore(map: Map<string, number>, key: string, value: number | undefined): void {
  if (value === undefined) map.delete(key);
  else map.set(key, value);
}

function sendFailure(res: ServerResponse, failure: FakeFailure): void {
  if (typeof failure === 'string') return sendJson(res, { ok: false, error: failure });
  const headers: Record<string, string> = 'retryAfter' in failure ? { 'retry-after': String(failure.retryAfter) } : {};
  res.writeHead(failure.status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'fake_http_error' }));
}

function sendJson(res: ServerResponse, body: unknown): void {
  send(res, 200, JSON.stringify(body), 'application/json; charset=utf-8');
}

function send(res: ServerResponse, status: number, body: string, contentType: string): void {
  res.writeHead(status, { 'content-type': contentType }).end(body);
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1];
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === '1';
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON bodies as is; form bodies with their JSON-encoded fields (blocks, view…) decoded, as the Web API client sends them. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = /^\s*[[{]/.test(value) ? tryJson(value) : value;
  }
  return body;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// Requests from Slack to Tandem

export interface SlackRequestBody {
  body: string;
  contentType: string;
}

/** The X-Slack-Signature headers for `body`, as Slack computes them (v0, HMAC-SHA256). */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

export interface SlashCommandFields {
  text?: string;
  userId?: string;
  userName?: string;
  teamId?: string;
  channelId?: string;
  /** 'directmessage' (the default) for a DM; a channel's name otherwise. */
  channelName?: string;
  responseUrl: string;
  triggerId?: string;
  apiAppId?: string;
}

export function slashCommandBody(fields: SlashCommandFields): SlackRequestBody {
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: fields.teamId ?? 'T0TANDEM',
    team_domain: 'tandem-test',
    channel_id: fields.channelId ?? 'D0COMMAND',
    channel_name: fields.channelName ?? 'directmessage',
    user_id: fields.userId ?? 'U0ALICE',
    user_name: fields.userName ?? 'alice',
    command: '/tandem',
    text: fields.text ?? '',
    api_app_id: fields.apiAppId ?? 'A0TANDEM',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `${Date.now()}.trigger`,
  });
  return { body: body.toString(), contentType: 'application/x-www-form-urlencoded' };
}

export interface BlockActionFields {
  actionId: string;
  value?: string;
  userId?: string;
  teamId?: string;
  /** Omit for clicks in a view (Home tab, modal): Slack sends no response_url then. */
  responseUrl?: string;
  triggerId?: string;
  /** Where the button was: a message (default) or a view. */
  container?: { type: 'message'; channelId?: string; messageTs?: string } | { type: 'view'; viewType: 'home' | 'modal' };
}

export function blockActionsBody(fields: BlockActionFields): SlackRequestBody {
  const userId = fields.userId ?? 'U0ALICE';
  const teamId = fields.teamId ?? 'T0TANDEM';
  const container = fields.container ?? { type: 'message' };
  const payload = {
    type: 'block_actions',
    api_app_id: 'A0TANDEM',
    token: 'deprecated-verification-token',
    team: { id: teamId, domain: 'tandem-test' },
    user: { id: userId, username: 'alice', name: 'alice', team_id: teamId },
    trigger_id: fields.triggerId ?? `${Date.now()}.trigger`,
    ...(fields.responseUrl ? { response_url: fields.responseUrl } : {}),
    container:
      container.type === 'message'
        ? { type: 'message', channel_id: container.channelId ?? 'D0ALICE', message_ts: container.messageTs ?? '1700000000.000100', is_ephemeral: false }
        : { type: 'view', view_id: 'V0VIEW' },
    ...(container.type === 'view' ? { view: { id: 'V0VIEW', type: container.viewType, blocks: [], state: { values: {} } } } : {}),
    ...(container.type === 'message' ? { channel: { id: container.channelId ?? 'D0ALICE', name: 'directmessage' } } : {}),
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Button' },
        ...(fields.value !== undefined ? { value: fields.value } : {}),
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return interactivePayload(payload);
}

export interface ViewSubmissionFields {
  callbackId: string;
  privateMetadata?: string;
  /** view.state.values: block id → action id → value, as Slack sends them. */
  values: Record<string, Record<string, Record<string, unknown>>>;
  userId?: string;
  teamId?: string;
  triggerId?: string;
}

export function viewSubmissionBody(fields: ViewSubmissionFields): SlackRequestBody {
  const userId = fields.userId ?? 'U0ALICE';
  const teamId = fields.teamId ?? 'T0TANDEM';
  return interactivePayload({
    type: 'view_submission',
    api_app_id: 'A0TANDEM',
    token: 'deprecated-verification-token',
    team: { id: teamId, domain: 'tandem-test' },
    user: { id: userId, username: 'alice', name: 'alice', team_id: teamId },
    trigger_id: fields.triggerId ?? `${Date.now()}.trigger`,
    view: {
      id: 'V0MODAL',
      team_id: teamId,
      type: 'modal',
      callback_id: fields.callbackId,
      private_metadata: fields.privateMetadata ?? '',
      blocks: [],
      state: { values: fields.values },
      hash: '1700000000.abc',
      root_view_id: 'V0MODAL',
      app_id: 'A0TANDEM',
      bot_id: 'B0TANDEM',
    },
    response_urls: [],
  });
}

/** An Events API callback (JSON body), e.g. `{ type: 'app_home_opened', user, tab: 'home' }`. */
export function eventCallbackBody(event: Record<string, unknown>, teamId = 'T0TANDEM'): SlackRequestBody {
  const body = {
    token: 'deprecated-verification-token',
    team_id: teamId,
    api_app_id: 'A0TANDEM',
    type: 'event_callback',
    event_id: `Ev${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    authorizations: [{ team_id: teamId, user_id: 'U0TANDEMBOT', is_bot: true, is_enterprise_install: false }],
  };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

function interactivePayload(payload: unknown): SlackRequestBody {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/**
 * POSTs a request to Tandem as Slack would: signed with `signingSecret` (pass `signingSecret: null`
 * for an unsigned request, or an old `timestamp` for a stale one).
 */
export function postSlackRequest(
  url: string,
  request: SlackRequestBody,
  options: { signingSecret: string | null; timestamp?: number },
): Promise<Response> {
  const signature = options.signingSecret ? signSlackRequest(options.signingSecret, request.body, options.timestamp) : {};
  return fetch(url, { method: 'POST', headers: { 'content-type': request.contentType, ...signature }, body: request.body });
}
