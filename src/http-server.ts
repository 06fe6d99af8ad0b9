// The one HTTP server: routes the platforms' endpoints and the health checks.
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';

export interface Routes {
  slackEvents?: RequestListener;
  teamsMessages: RequestListener;
  /** GET /calendar/<token>.ics: a session's calendar file. */
  calendar?: RequestListener;
  /** GET /exports/<token>: a file offered as an expiring download link. */
  downloads?: RequestListener;
  /** Database reachable and migrations applied. */
  ready(): Promise<boolean>;
}

export function createHttpServer(routes: Routes): http.Server {
  return http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path?.startsWith('/calendar/') && routes.calendar) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET');
      return routes.calendar(req, res);
    }
    if (path?.startsWith('/exports/') && routes.downloads) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET');
      return routes.downloads(req, res);
    }
    switch (path) {
      case '/slack/events':
        if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
        if (!routes.slackEvents) return json(res, 404, { error: 'Slack is not configured on this Tandem (see README).' });
        return routes.slackEvents(req, res);
      case '/api/messages':
        if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
        return routes.teamsMessages(req, res);
      case '/healthz':
        if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET');
        return json(res, 200, { status: 'ok' });
      case '/readyz':
        if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET');
        return void readiness(routes, res);
      default:
        return json(res, 404, { error: 'Not found' });
    }
  });
}

async function readiness(routes: Routes, res: ServerResponse): Promise<void> {
  let ready = false;
  try {
    ready = await routes.ready();
  } catch {
    ready = false;
  }
  json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  json(res, 405, { error: 'Method not allowed' });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export type { IncomingMessage, ServerResponse };
