// The preload that keeps the Agents Playground on this machine (scripts/dev-teams.ts): every server
// it opens listens on 127.0.0.1, and every outgoing connection elsewhere fails at once, with an
// error its caller sees, and without a DNS lookup.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PLAYGROUND_PRELOAD } from '../../scripts/dev-teams.js';

const run = promisify(execFile);

/** Runs a CommonJS snippet in a node process with the preload, as the Playground runs; returns its output. */
async function withPreload(code: string): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [`--import=data:text/javascript,${encodeURIComponent(PLAYGROUND_PRELOAD)}`, '-e', code], {
    timeout: 15_000,
  });
}

describe('Agents Playground preload', () => {
  it('binds servers to 127.0.0.1 whatever host they ask for', async () => {
    const { stdout } = await withPreload(`
      const http = require('node:http');
      const net = require('node:net');
      const forms = [
        (s, cb) => s.listen(0, cb),
        (s, cb) => s.listen(0, '0.0.0.0', cb),
        (s, cb) => s.listen(0, '::', 511, cb),
        (s, cb) => s.listen({ port: 0 }, cb),
        (s, cb) => s.listen({ port: 0, host: '0.0.0.0' }, cb),
        (s, cb) => s.listen(cb),
      ];
      (async () => {
        for (const listen of forms) {
          for (const server of [http.createServer(), net.createServer()]) {
            await new Promise((resolve) => listen(server, resolve));
            console.log(server.address().address);
            await new Promise((resolve) => server.close(resolve));
          }
        }
      })();
    `);
    const addresses = stdout.trim().split('\n');
    expect(addresses).toHaveLength(12);
    expect(new Set(addresses)).toEqual(new Set(['127.0.0.1']));
  });

  it('refuses outgoing connections off this machine at once, and says so', async () => {
    const started = Date.now();
    const { stdout, stderr } = await withPreload(`
      const http = require('node:http');
      const https = require('node:https');
      const report = (name) => (error) => console.log(name + ' ' + (error.code ?? error.cause?.code ?? error.message));
      https.get('https://dc.services.visualstudio.com/v2/track', () => console.log('https connected')).on('error', report('https'));
      http.get('http://169.254.169.254/metadata/instance', () => console.log('imds connected')).on('error', report('imds'));
      fetch('https://example.org/').then(() => console.log('fetch connected'), report('fetch'));
    `);
    expect(Date.now() - started).toBeLessThan(10_000);
    const lines = stdout.trim().split('\n').sort();
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['fetch', 'https', 'imds']);
    expect(stdout).not.toContain('connected');
    expect(stdout).not.toMatch(/ENOTFOUND|EAI_AGAIN/); // refused before any DNS lookup
    for (const host of ['dc.services.visualstudio.com', '169.254.169.254', 'example.org']) {
      expect(stderr).toContain(`refused an outgoing connection to ${host}`);
    }
  });

  it('lets connections to this machine through', async () => {
    const { stdout, stderr } = await withPreload(`
      const http = require('node:http');
      const server = http.createServer((req, res) => res.end('pong'));
      server.listen(0, async () => {
        const { port } = server.address();
        for (const host of ['127.0.0.1', 'localhost']) {
          const body = await new Promise((resolve, reject) =>
            http.get({ host, port, family: 4 }, (res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => resolve(b)); }).on('error', reject),
          );
          console.log(host + ' ' + body);
        }
        server.close();
      });
    `);
    expect(stdout.trim().split('\n')).toEqual(['127.0.0.1 pong', 'localhost pong']);
    expect(stderr).toBe('');
  });
});
