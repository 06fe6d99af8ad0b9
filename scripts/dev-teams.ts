// npm run dev:teams — try Tandem on Teams with no tenant: Tandem in local mode (no MicrosoftAppId, no
// authentication) plus the Microsoft 365 Agents Playground, a web page that plays the Teams client.
// Both listen on 127.0.0.1 only. Open the printed URL and say "help" to the bot.
//
//   npm run dev:teams                 build, start both, wait; Ctrl+C stops both
//   npm run dev:teams -- --fresh      start from an empty database (the Playground user is new again)
//   npm run dev:teams -- --watch      run Tandem from src/ with tsx watch (restarts on save)
//   npm run dev:teams -- --open       let the Playground open your browser
//
// PORT (default 3978) is Tandem's port, TEAMSAPPTESTER_PORT (default 56150) the Playground's.
// TANDEM_DATA_DIR (default devTools/tandem-data) holds this sandbox's embedded database; DATABASE_URL,
// the Slack variables and the Microsoft* app credentials are ignored here so nothing leaves the machine.
// The Playground writes its log to devTools/m365agentsplayground.log. Its user is "Alex Wilber"
// (alexw@example.com): TANDEM_ADMINS=alexw@example.com npm run dev:teams makes them a program admin.
//
// The Playground (0.2.x) has no option for the interface it listens on: it calls
// `server.listen(port)`, i.e. every interface. It also starts Application Insights, which probes the
// Azure metadata address 169.254.169.254 and an ingestion host even with --disable-telemetry. So it
// runs with a small preload (PLAYGROUND_PRELOAD below, given to node as `--import data:…`) that
//   - binds every server it opens to 127.0.0.1 (net.Server.prototype.listen, which http.Server and
//     express inherit), whatever host the code asked for;
//   - refuses every outgoing connection that is not to this machine, at once and before any DNS
//     lookup, so nothing waits on a network that is not there.
// Patching the prototype in the Playground's own process works whatever its bundle does internally
// and does not depend on its private module layout; it touches no other process.
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LOOPBACK = '127.0.0.1';
export const DEFAULT_TANDEM_PORT = 3978;
export const DEFAULT_PLAYGROUND_PORT = 56150;
export const DEFAULT_DATA_DIR = path.join('devTools', 'tandem-data');

/** Runs inside the Playground process, before its code: loopback-only servers, loopback-only clients. */
export const PLAYGROUND_PRELOAD = `
import net from 'node:net';
const HOST = ${JSON.stringify(LOOPBACK)};
const LOOPBACK = /^(localhost|127(\\.\\d{1,3}){3}|::1|\\[::1\\]|::ffff:127(\\.\\d{1,3}){3})$/i;
const isLoopback = (host) => typeof host === 'string' && LOOPBACK.test(host);
const isPort = (value) => typeof value === 'number' || (typeof value === 'string' && /^\\d+$/.test(value));

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (isPort(first)) {
    // listen(port[, host][, backlog][, callback])
    if (typeof args[1] === 'string' || (args.length > 1 && args[1] == null)) {
      if (!isLoopback(args[1])) args[1] = HOST;
    } else {
      args.splice(1, 0, HOST);
    }
  } else if (first === undefined || typeof first === 'function') {
    // listen([callback]): a random port
    args.splice(0, first === undefined ? 1 : 0, 0, HOST);
  } else if (first && typeof first === 'object' && first.path == null && first.fd == null && !first.handle && !first._handle) {
    // listen({ port, host, ... })
    if (!isLoopback(first.host)) args[0] = { ...first, host: HOST };
  }
  return listen.apply(this, args);
};

const reported = new Set();
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connectToLoopbackOnly(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  let host;
  if (first && typeof first === 'object') {
    if (first.path == null) host = first.host ?? 'localhost';
  } else if (isPort(first)) {
    host = typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  if (host !== undefined && !isLoopback(host)) {
    if (!reported.has(host)) {
      reported.add(host);
      process.stderr.write('[playground] refused an outgoing connection to ' + host + ' (kept on this machine by scripts/dev-teams.ts)\\n');
    }
    const error = Object.assign(new Error('connect ECONNREFUSED ' + host + ' (outgoing connections are limited to this machine)'), { code: 'ECONNREFUSED' });
    // Later than the caller's own nextTick set-up (http attaches its socket listeners there), as a
    // real connection failure would be: the error reaches the request instead of vanishing.
    setImmediate(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};
`;

const require = createRequire(import.meta.url);

/** The Playground's CLI script (the package's `agentsplayground` / `teamsapptester` bin). */
export function playgroundCli(): string {
  return require.resolve('@microsoft/m365agentsplayground/cli.js');
}

export interface PlaygroundOptions {
  /** The Playground's port on 127.0.0.1 (it silently takes a random one if this is busy: check first). */
  port: number;
  /** Tandem's Bot Framework endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Working directory: where it looks for .m365agentsplayground.yml and, by default, writes devTools/. */
  cwd?: string;
  /** Log file (default <cwd>/devTools/m365agentsplayground.log). */
  logFile?: string;
  /** Let the Playground open the default browser on its page. */
  openBrowser?: boolean;
  stdio?: StdioOptions;
  env?: NodeJS.ProcessEnv;
  /** Own process group: a Ctrl+C in the terminal reaches only the parent, which forwards it once. */
  detached?: boolean;
}

/** The Playground's page, also the base of the Bot Connector it emulates. */
export function playgroundUrl(port: number): string {
  return `http://${LOOPBACK}:${port}`;
}

export function spawnPlayground(options: PlaygroundOptions): ChildProcess {
  const base = playgroundUrl(options.port);
  const args = [
    `--import=data:text/javascript,${encodeURIComponent(PLAYGROUND_PRELOAD)}`,
    playgroundCli(),
    'start',
    '--app-endpoint',
    options.botEndpoint,
    '--channel-id',
    'msteams',
    '--port',
    String(options.port),
    // The default serviceUrl says "localhost", which may resolve to ::1 where nothing listens.
    '--service-url',
    `${base}/_connector`,
    '--disable-telemetry',
  ];
  const env: NodeJS.ProcessEnv = {
    ...(options.env ?? process.env),
    // Application Insights' statsbeat runs even with --disable-telemetry; the preload refuses it anyway.
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  };
  // Any value but "none" lets it open the default browser.
  if (options.openBrowser) delete env.TEAMSAPPTESTER_BROWSER;
  else env.TEAMSAPPTESTER_BROWSER = 'none';
  if (options.logFile) env.M365_AGENTS_PLAYGROUND_LOGFILE = options.logFile;
  return spawn(process.execPath, args, {
    cwd: options.cwd ?? ROOT,
    env,
    stdio: options.stdio ?? 'inherit',
    detached: options.detached ?? false,
  });
}

export interface TandemOptions {
  port: number;
  dataDir: string;
  /** dist: the build in dist/ (as `npm start`); tsx: src/ directly; watch: src/ with tsx watch. */
  runner: 'dist' | 'tsx' | 'watch';
  stdio?: StdioOptions;
  env?: NodeJS.ProcessEnv;
  /** Own process group (see PlaygroundOptions.detached). */
  detached?: boolean;
}

/** Tandem's environment for local Teams mode on 127.0.0.1, with an embedded database and no other platform. */
export function tandemEnvironment(base: NodeJS.ProcessEnv, options: { port: number; dataDir: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, PORT: String(options.port), HOST: LOOPBACK, TANDEM_DATA_DIR: options.dataDir };
  for (const name of Object.keys(env)) {
    if (/^(MicrosoftApp|SLACK_)/.test(name) || name === 'DATABASE_URL') delete env[name];
  }
  return env;
}

export function spawnTandem(options: TandemOptions): ChildProcess {
  const args =
    options.runner === 'dist'
      ? [path.join(ROOT, 'dist', 'main.js')]
      : options.runner === 'tsx'
        ? ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')]
        : [require.resolve('tsx/cli'), 'watch', '--clear-screen=false', path.join(ROOT, 'src', 'main.ts')];
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env: tandemEnvironment(options.env ?? process.env, options),
    stdio: options.stdio ?? 'inherit',
    detached: options.detached ?? false,
  });
}

/** Polls `url` until `accept(status, body)` holds; fails at the deadline or as soon as `child` exits. */
export async function waitForHttp(
  url: string,
  options: { timeoutMs: number; child?: ChildProcess; name?: string; accept?: (status: number, body: string) => boolean },
): Promise<void> {
  const name = options.name ?? url;
  const accept = options.accept ?? ((status: number) => status === 200);
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const child = options.child;
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before ${url} answered`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (accept(response.status, body)) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not answer on ${url} within ${options.timeoutMs} ms (${last})`);
}

/** True when nothing listens on 127.0.0.1:port. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, LOOPBACK, () => server.close(() => resolve(true)));
  });
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves when the child has exited; sends `signal`, then SIGKILL after `timeoutMs`. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

function say(message: string): void {
  console.log(`[dev:teams] ${message}`);
}

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      fresh: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      open: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    say('usage: npm run dev:teams [-- --fresh] [-- --watch] [-- --open]  (see scripts/dev-teams.ts)');
    return 0;
  }
  const ignored = Object.keys(process.env).filter((name) => /^(MicrosoftApp|SLACK_)/.test(name) || name === 'DATABASE_URL');
  if (ignored.length > 0) say(`ignoring ${ignored.sort().join(', ')}: this sandbox is local Teams mode on an embedded database`);
  const tandemPort = portFromEnv('PORT', DEFAULT_TANDEM_PORT);
  const playgroundPort = portFromEnv('TEAMSAPPTESTER_PORT', DEFAULT_PLAYGROUND_PORT);
  const dataDir = path.resolve(ROOT, process.env.TANDEM_DATA_DIR?.trim() || DEFAULT_DATA_DIR);

  for (const [port, what, variable] of [
    [tandemPort, 'Tandem', 'PORT'],
    [playgroundPort, 'the Agents Playground', 'TEAMSAPPTESTER_PORT'],
  ] as const) {
    if (!(await isPortFree(port))) {
      say(`port ${port} on ${LOOPBACK} is already in use (another Tandem or Playground?): set ${variable}=<port> for ${what}`);
      return 1;
    }
  }
  if (values.fresh && existsSync(dataDir)) {
    say(`--fresh: removing ${path.relative(ROOT, dataDir) || dataDir}`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (!values.watch) {
    say('building (tsc -p tsconfig.build.json)…');
    const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) {
      say('the build failed: fix the errors above, or try --watch to run from src/');
      return 1;
    }
  }

  const children = new Map<string, ChildProcess>();
  let stopping = false;
  let exitCode = 0;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finish = resolve));

  const stopAll = async (signal: NodeJS.Signals): Promise<void> => {
    await Promise.all([...children.values()].map((child) => stopChild(child, signal)));
    finish(exitCode);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping Tandem and the Playground…`);
    void stopAll(signal);
  };
  // The children run in their own process groups (a terminal's Ctrl+C would otherwise reach them
  // twice, and tsx watch force-kills on a second signal): every signal goes through here, once.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', () => onSignal('SIGTERM'));
  // Detached children do not die with this process: never leave one behind on an unexpected exit.
  process.on('exit', () => {
    for (const child of children.values()) child.kill('SIGKILL');
  });

  const watch = (name: string, child: ChildProcess) => {
    children.set(name, child);
    child.once('error', (error) => say(`${name} could not start: ${error.message}`));
    child.once('exit', (code, signal) => {
      children.delete(name);
      if (stopping) return;
      stopping = true;
      // Someone else stopped it on purpose: not a crash.
      const requested = signal === 'SIGINT' || signal === 'SIGTERM' || code === 130 || code === 143;
      exitCode = requested ? 0 : code || 1;
      say(`${name} exited (${signal ?? `code ${code}`}); stopping the rest…`);
      void stopAll('SIGTERM');
    });
  };

  say(`starting Tandem in local Teams mode on http://${LOOPBACK}:${tandemPort} (data: ${path.relative(ROOT, dataDir) || dataDir})`);
  const stdio: StdioOptions = ['ignore', 'inherit', 'inherit'];
  const tandem = spawnTandem({ port: tandemPort, dataDir, runner: values.watch ? 'watch' : 'dist', stdio, detached: true });
  watch('Tandem', tandem);
  try {
    await waitForHttp(`http://${LOOPBACK}:${tandemPort}/readyz`, { timeoutMs: 120_000, child: tandem, name: 'Tandem' });
  } catch (error) {
    if (!stopping) {
      say(error instanceof Error ? error.message : String(error));
      exitCode = 1;
      stopping = true;
      void stopAll('SIGTERM');
    }
    return done;
  }
  if (stopping) return done;

  const playground = spawnPlayground({
    port: playgroundPort,
    botEndpoint: `http://${LOOPBACK}:${tandemPort}/api/messages`,
    openBrowser: values.open,
    stdio,
    detached: true,
  });
  watch('Agents Playground', playground);
  try {
    await waitForHttp(`${playgroundUrl(playgroundPort)}/_debug/ping`, {
      timeoutMs: 60_000,
      child: playground,
      name: 'Agents Playground',
      accept: (status, body) => status === 200 && body.includes('pong'),
    });
  } catch (error) {
    if (!stopping) {
      say(`${error instanceof Error ? error.message : String(error)} — see devTools/m365agentsplayground.log`);
      exitCode = 1;
      stopping = true;
      void stopAll('SIGTERM');
    }
    return done;
  }
  if (!stopping) {
    say('ready.');
    say(`  Chat with Tandem: ${playgroundUrl(playgroundPort)}  (you are "Alex Wilber"; say "help", then "join mentee")`);
    say('  Playground log:   devTools/m365agentsplayground.log');
    say('  Ctrl+C stops both.');
  }
  return done;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      say(`failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
