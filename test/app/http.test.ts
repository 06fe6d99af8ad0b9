// The runtime contract: one port serving the platforms' endpoints and the health checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('HTTP endpoints', () => {
  it('answers liveness and readiness', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('says Slack is not configured instead of failing obscurely', async () => {
    const response = await fetch(`${app.url}/slack/events`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/Slack is not configured/);
  });

  it('rejects wrong methods and unknown paths', async () => {
    expect((await fetch(`${app.url}/api/messages`)).status).toBe(405);
    expect((await fetch(`${app.url}/healthz`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${app.url}/nope`)).status).toBe(404);
  });

  it('is not ready once closing, and finishes in-flight requests before the database closes', async () => {
    const other = await startTestApp();
    const inFlight = fetch(`${other.url}/readyz`);
    const closing = other.close();
    const response = await inFlight.catch(() => null);
    await closing;
    // The request either completed normally or was refused before being accepted — never cut mid-way.
    if (response) expect([200, 503]).toContain(response.status);
    await expect(fetch(`${other.url}/healthz`)).rejects.toThrow();
  });
});
