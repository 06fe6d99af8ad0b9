// One dispatcher process for test/scheduler/multi-process.test.ts: the real dispatcher and store on the
// Postgres database the parent gives (JSON in argv[2]), posting to the parent's fake Slack through a
// lean chat.postMessage client (keep-alive HTTP, a DM addressed by user id), so that thousands of sends
// cost little CPU: what is under test is the outbox's exactly-once delivery, not the Slack adapter
// (test/scheduler/delivery.test.ts covers that). Prints "ready" once it polls the outbox; SIGTERM stops
// it the way the app does (sends in flight finish, claimed rows go back) and prints the CPU time it
// used; SIGKILL is the crash under test.
import { Agent, request } from 'node:http';
import { DeliveryError, systemClock, type Messenger } from '../../src/core/ports.js';
import { createDispatcher } from '../../src/scheduler/dispatcher.js';
import { openDatabase } from '../../src/store/database.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';

export interface DispatcherProcessOptions {
  databaseUrl: string;
  /** The fake Slack's Web API base URL, ending with a slash. */
  slackApiUrl: string;
  /** Tells this process's calls apart at the fake Slack. */
  token: string;
  leaseMs: number;
  /** The end of each lease in which no send starts (see DispatcherOptions.sendGuardMs). */
  sendGuardMs: number;
  concurrency: number;
  replicas: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as DispatcherProcessOptions;
const report = (level: string) => (fields: unknown, message?: string) => {
  const err = (fields as { err?: unknown } | undefined)?.err;
  process.stderr.write(`${level} ${message ?? ''} ${JSON.stringify(fields)}${err instanceof Error ? ` ${err.message}` : ''}\n`);
};
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
};

const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
const postMessageUrl = new URL('chat.postMessage', options.slackApiUrl);

/** chat.postMessage with Slack's answers mapped as the Slack messenger maps them (429 → Retry-After). */
function postMessage(channel: string, text: string): Promise<{ messageId: string }> {
  const body = JSON.stringify({ channel, text });
  return new Promise((resolve, reject) => {
    const req = request(
      postMessageUrl,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let raw = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
        res.on('end', () => {
          if (res.statusCode === 429) {
            return reject(new DeliveryError('ratelimited', { retryAfterMs: Number(res.headers['retry-after'] ?? 1) * 1000 }));
          }
          const answer = (res.statusCode === 200 ? JSON.parse(raw) : { ok: false, error: `http_${res.statusCode}` }) as { ok: boolean; error?: string; channel?: string; ts?: string };
          if (!answer.ok) return reject(new DeliveryError(answer.error ?? 'unknown_error'));
          resolve({ messageId: `${answer.channel}:${answer.ts}` });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const slack: Messenger = {
  send: (to, message) => postMessage(to.userId, message.text),
  async update() {
    throw new DeliveryError('not supported by this test client', { permanent: true });
  },
};

const database = await openDatabase({ url: options.databaseUrl, maxConnections: 4 });
const store = DrizzleStore.from(database);
const dispatcher = createDispatcher({
  store,
  clock: systemClock,
  logger: { debug() {}, info() {}, warn: report('warn'), error: report('error') },
  messengers: { slack },
  compose: async (notification) => ({ text: notification.dedupeKey, blocks: [{ type: 'text', text: notification.dedupeKey }] }),
  leaseMs: options.leaseMs,
  sendGuardMs: options.sendGuardMs,
  concurrency: options.concurrency,
  replicas: options.replicas,
  // The fake Slack enforces no limits here.
  rates: { slack: { perDestinationPerSecond: 1000, perWorkspacePerSecond: 30_000 } },
});

let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
  void dispatcher
    .stop()
    .then(() => database.close())
    .finally(() => {
      process.stdout.write(`cpu ${cpuMs()} ms\n`);
      process.exit(0);
    });
});

process.stdout.write(`ready (cpu ${cpuMs()} ms)\n`);
while (!stopping) {
  try {
    await dispatcher.drain();
  } catch (error) {
    report('error')({ err: error }, 'drain failed');
  }
  // Nothing due now (or rows leased by a dead process not expired yet): look again shortly.
  await new Promise((resolve) => setTimeout(resolve, 25));
}
