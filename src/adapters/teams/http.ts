// POST /api/messages: read and check the body, then hand it to CloudAdapter.process through a small
// request/response shim (CloudAdapter expects Express/Restify-style objects with a parsed body).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter, Request as BotRequest, Response as BotResponse, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { isLoopbackUrl } from './loopback.js';

export const MAX_BODY_BYTES = 256 * 1024;

const activityEnvelope = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.string().optional(),
});

export interface RequestHandlerOptions {
  adapter: CloudAdapter;
  logic: (ctx: TurnContext) => Promise<void>;
  logger: Logger;
  localMode: boolean;
}

export interface RequestHandler {
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  /** Refuses new requests (503) and waits for the turns in progress. */
  stop(): Promise<void>;
}

export function createRequestHandler(options: RequestHandlerOptions): RequestHandler {
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (stopping) {
      reply(res, 503, { error: 'shutting down' });
      return;
    }
    const task = handle(req, res, options).catch((error: unknown) => {
      options.logger.error({ err: error }, 'Teams request failed');
      if (!res.headersSent) reply(res, 500, { error: 'internal error' });
      else res.end();
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };

  return {
    listener,
    async stop() {
      stopping = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: RequestHandlerOptions): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    reply(res, 405, { error: 'method not allowed' });
    return;
  }
  const raw = await readBody(req, MAX_BODY_BYTES);
  if (raw === 'too_large') {
    reply(res, 413, { error: 'payload too large' });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    reply(res, 400, { error: 'invalid JSON' });
    return;
  }
  const envelope = activityEnvelope.safeParse(body);
  if (!envelope.success) {
    reply(res, 400, { error: 'not a Bot Framework activity' });
    return;
  }
  if (options.localMode && envelope.data.serviceUrl && !isLoopbackUrl(envelope.data.serviceUrl)) {
    // Unauthenticated requests must not make us call arbitrary hosts.
    options.logger.warn({ serviceUrl: envelope.data.serviceUrl }, 'local mode refuses an activity whose serviceUrl is not on this machine');
    reply(res, 403, { error: 'local mode only accepts a serviceUrl on this machine' });
    return;
  }

  if (!options.localMode && !req.headers.authorization) {
    // botbuilder would refuse it too, but only after printing the error with console.error.
    reply(res, 401, { error: 'unauthorized' });
    return;
  }

  const shim = new ShimResponse();
  const request: BotRequest = { body: envelope.data, headers: req.headers, method: req.method };
  await options.adapter.process(request, shim, options.logic);
  if (shim.statusCode >= 400) {
    // CloudAdapter puts error messages in the body; they are for our logs, not for the caller.
    options.logger.warn({ status: shim.statusCode, detail: shim.body }, 'Teams activity rejected');
    reply(res, shim.statusCode, { error: shim.statusCode === 401 ? 'unauthorized' : 'request failed' });
    return;
  }
  for (const [name, value] of Object.entries(shim.headers)) res.setHeader(name, value);
  reply(res, shim.statusCode, shim.body);
}

/** Collects the body; past `limit` bytes the rest is read and dropped so the 413 still reaches the caller. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length']);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  if (body === undefined || body === null || body === '') {
    res.end();
    return;
  }
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(body);
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** The Response-like object CloudAdapter.process writes to; we copy it to the real response afterwards. */
class ShimResponse implements BotResponse {
  socket: unknown = undefined;
  statusCode = 200;
  body: unknown = undefined;
  headers: Record<string, string> = {};

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  header(name: string, value: unknown): this {
    this.headers[name] = String(value);
    return this;
  }

  send(body?: unknown): this {
    this.body = body;
    return this;
  }

  end(): this {
    return this;
  }
}
