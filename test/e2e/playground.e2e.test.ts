// First contact on Teams, in a real browser: Tandem in local mode behind the Microsoft 365 Agents
// Playground (as `npm run dev:teams` starts them), Debian's Chromium driven by playwright-core.
// A new person says help, joins as a mentee through the Adaptive Card form, and sees their status.
// Screenshots of every step, both processes' logs and, on failure, the page's HTML land in
// test-results/e2e/ (kept by CI as artifacts).
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  LOOPBACK,
  playgroundUrl,
  ROOT,
  spawnPlayground,
  spawnTandem,
  stopChild,
  waitForHttp,
} from '../../scripts/dev-teams.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ARTIFACTS = path.join(ROOT, 'test-results', 'e2e');
/** How long one thing may take to show up in the page (a bot answer is usually well under a second). */
const STEP_TIMEOUT = 20_000;

const children: ChildProcess[] = [];
let workDir = '';
let browser: Browser | undefined;
let page: Page;
let tandemPort = 0;
let playgroundPort = 0;

/** Child processes die with the test process, even when it is interrupted. */
function killChildrenNow(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

function logTo(child: ChildProcess, file: string): void {
  const out = createWriteStream(path.join(ARTIFACTS, file));
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
}

/** Waits for a child's HTTP endpoint; if it never answers, the error carries the end of its log. */
async function waitForChild(url: string, options: Parameters<typeof waitForHttp>[1], log: string): Promise<void> {
  try {
    await waitForHttp(url, options);
  } catch (error) {
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the log stream flush
    const file = path.join(ARTIFACTS, log);
    const tail = existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-25).join('\n') : '(no log)';
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- end of test-results/e2e/${log} ---\n${tail}`, { cause: error });
  }
}

/** Runs one step of the story, then screenshots the page; on failure also saves the page's HTML. */
async function step(name: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.failed.png`) }).catch(() => {});
    writeFileSync(path.join(ARTIFACTS, `${name}.failed.html`), await page.content().catch(() => ''));
    throw error;
  }
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** expect.poll with the step timeout (its default is one second). */
function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: STEP_TIMEOUT, interval: 100 });
}

/** The chat's compose box (a rich-text editor) and its Enter-to-send. */
async function say(text: string): Promise<void> {
  const compose = page.getByRole('textbox').last();
  await compose.click();
  await compose.fill(text);
  await compose.press('Enter');
}

/** Adaptive Cards in the conversation: our messages are one card each. */
function cards(): Locator {
  return page.locator('.ac-adaptiveCard');
}

/**
 * A picture of a whole card. The chat pane scrolls and clips what does not fit, so the window is made
 * tall enough for the card for the time of the shot.
 */
async function screenshotCard(card: Locator, file: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  const height = (await card.boundingBox())?.height ?? 0;
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height) + 400) });
  try {
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: path.join(ARTIFACTS, file) });
  } finally {
    await page.setViewportSize(viewport);
  }
}

/** A compact Input.ChoiceSet renders as a combobox named by its label; options open in a popup. */
async function choose(card: Locator, label: string, options: string[], multiple: boolean): Promise<void> {
  const combobox = card.getByRole('combobox', { name: label });
  await combobox.scrollIntoViewIfNeeded();
  await combobox.click();
  // Single choice: a listbox of options. Multiple choice: a menu of checkable items.
  for (const option of options) {
    await page.getByRole(multiple ? 'menuitemcheckbox' : 'option', { name: option, exact: true }).click();
  }
  if (multiple) await page.keyboard.press('Escape');
  for (const option of options) await poll(() => combobox.inputValue()).toContain(option);
}

/** The listening sockets on `port` from /proc/net/tcp{,6}, as "address" strings (Linux only). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local?.endsWith(`:${hexPort}`)) continue; // 0A = LISTEN
      const hex = local.slice(0, -5);
      found.push(hex.length === 8 ? hex.match(/../g)!.reverse().map((byte) => parseInt(byte, 16)).join('.') : `[${hex}]`);
    }
  }
  return found;
}

describe('Tandem in the Microsoft 365 Agents Playground (Chromium)', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    }
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    workDir = mkdtempSync(path.join(tmpdir(), 'tandem-e2e-'));
    process.once('exit', killChildrenNow);

    [tandemPort, playgroundPort] = [await freePort(), await freePort()];
    while (playgroundPort === tandemPort) playgroundPort = await freePort();

    // Tandem from src/ (no build needed), on a fresh embedded database.
    const tandem = spawnTandem({
      port: tandemPort,
      dataDir: path.join(workDir, 'data'),
      runner: 'tsx',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'json',
        TANDEM_ADMINS: '',
        TANDEM_DEFAULT_LOCALE: 'en',
        TANDEM_DEFAULT_TIMEZONE: 'Europe/Paris',
      },
    });
    children.push(tandem);
    logTo(tandem, 'tandem.log');
    await waitForChild(`http://${LOOPBACK}:${tandemPort}/readyz`, { timeoutMs: 90_000, child: tandem, name: 'Tandem' }, 'tandem.log');

    // Its working directory is the temp dir: no .m365agentsplayground.yml of the repo is read.
    const playground = spawnPlayground({
      port: playgroundPort,
      botEndpoint: `http://${LOOPBACK}:${tandemPort}/api/messages`,
      cwd: workDir,
      logFile: path.join(ARTIFACTS, 'playground.log'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(playground);
    logTo(playground, 'playground.out.log');
    await waitForChild(
      `${playgroundUrl(playgroundPort)}/_debug/ping`,
      {
        timeoutMs: 60_000,
        child: playground,
        name: 'Agents Playground',
        accept: (status, body) => status === 200 && body.includes('pong'),
      },
      'playground.log',
    );

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    // The page asks a CDN for fonts and animations; there is no internet here, so refuse at once
    // rather than let a request hang. Everything it needs is served by the Playground.
    await context.route('**/*', async (route) => {
      const { hostname, protocol } = new URL(route.request().url());
      if (protocol === 'data:' || protocol === 'blob:' || hostname === LOOPBACK || hostname === 'localhost') await route.continue();
      else await route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.setDefaultNavigationTimeout(30_000);
  });

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await Promise.all(children.map((child) => stopChild(child, 'SIGTERM', 10_000)));
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('keeps Tandem and the Playground on 127.0.0.1', () => {
    if (!existsSync('/proc/net/tcp')) return;
    expect(listeningAddresses(tandemPort)).toEqual([LOOPBACK]);
    expect(listeningAddresses(playgroundPort)).toEqual([LOOPBACK]);
  });

  it('welcomes a new person, answers help, signs them up as a mentee through the card, and shows their status', async () => {
    const helpCards = cards().filter({ hasText: 'Tandem — reverse mentoring' });
    let welcomed = 0;

    await step('01-welcome', async () => {
      await page.goto(playgroundUrl(playgroundPort), { waitUntil: 'domcontentloaded' });
      await poll(() => page.getByRole('textbox').count()).toBeGreaterThan(0);
      // Opening the personal chat installs the bot: Tandem greets with its help card.
      await helpCards.first().waitFor();
      welcomed = await helpCards.count();
      expect(welcomed).toBeGreaterThanOrEqual(1);
    });

    await step('02-help', async () => {
      await say('help');
      await poll(() => helpCards.count()).toBe(welcomed + 1);
      const help = helpCards.last();
      for (const command of ['join mentor', 'join mentee', 'me', 'profile', 'pause until', 'resume', 'leave']) {
        await poll(() => help.innerText()).toContain(command);
      }
      await poll(() => help.getByRole('button', { name: 'Find a mentor' }).isVisible()).toBe(true);
    });

    const form = cards().filter({ has: page.getByRole('button', { name: 'Sign up' }) });
    await step('03-join-form', async () => {
      await say('join mentee');
      await form.waitFor();
      await poll(() => form.count()).toBe(1);
      await poll(() => form.innerText()).toContain('Topics you want to learn');
      await poll(() => form.getByRole('checkbox', { name: 'I accept the program charter' }).isVisible()).toBe(true);
      // The whole card, not only what fits in the chat pane.
      await screenshotCard(form, '03-join-form.card.png');
    });

    await step('04-form-filled', async () => {
      await choose(form, 'Generative AI assistants', ['Essential'], false);
      // English is ticked already (the person's locale); add French.
      await choose(form, 'Languages you can hold a session in', ['French'], true);
      await poll(() => form.getByRole('combobox', { name: 'Languages you can hold a session in' }).inputValue()).toContain('English');
      await choose(form, 'Your time zone', ['Europe/London'], false);
      await choose(form, 'When are you usually available?', ['Tuesday morning', 'Thursday afternoon'], true);
      const charter = form.getByRole('checkbox', { name: 'I accept the program charter' });
      await charter.scrollIntoViewIfNeeded();
      await charter.check();
      await screenshotCard(form, '04-form-filled.card.png');
    });

    await step('05-confirmation', async () => {
      await form.getByRole('button', { name: 'Sign up' }).click();
      const confirmation = cards().filter({ hasText: 'You are signed up as a mentee' });
      await confirmation.waitFor();
      // The form card is replaced in place by the confirmation.
      await poll(() => form.count()).toBe(0);
      const text = await confirmation.innerText();
      expect(text).toContain('Generative AI assistants (essential)');
      expect(text).toContain('English and French');
      expect(text).toContain('Tuesday morning, Thursday afternoon');
    });

    await step('06-me', async () => {
      await say('me');
      const me = cards().filter({ hasText: 'Your Tandem' });
      await me.waitFor();
      await poll(() => me.innerText()).toMatch(/Status\s+active/);
      const text = await me.innerText();
      expect(text).toContain('Mentee in Tandem');
      expect(text).toContain('Generative AI assistants (essential)');
      await poll(() => me.getByRole('button', { name: 'Edit my profile' }).isVisible()).toBe(true);
    });
  });
});
