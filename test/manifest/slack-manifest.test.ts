// Checks the two Slack app manifests (HTTP and Socket Mode) against what Tandem serves and needs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/grammar.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface SlashCommand {
  command: string;
  url?: string;
  description: string;
  usage_hint?: string;
  should_escape?: boolean;
}

interface SlackManifest {
  _metadata: { major_version: number; minor_version?: number };
  display_information: { name: string; description?: string; background_color?: string; long_description?: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: SlashCommand[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/** Every bot scope Tandem may ask for; adding one to a manifest means adding it here on purpose. */
const ALLOWED_BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'files:write', 'im:write', 'mpim:write', 'users:read', 'users:read.email'];
const REQUIRED_BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'users:read'];
/** The one endpoint of the runtime contract that receives commands, interactivity and events. */
const SLACK_ENDPOINT = '/slack/events';
const TRANSPORT_KEYS = new Set(['url', 'request_url', 'socket_mode_enabled']);

function readManifest(name: string): { raw: Json; manifest: SlackManifest } {
  const path = fileURLToPath(new URL(`../../manifest/slack/${name}`, import.meta.url));
  // yaml rejects duplicate keys by default, so a copy-paste slip fails here rather than in Slack.
  const raw = parse(readFileSync(path, 'utf8')) as Json;
  return { raw, manifest: raw as unknown as SlackManifest };
}

/** Values of every `url` / `request_url` key, wherever it sits in the manifest. */
function collectUrls(node: Json): string[] {
  if (Array.isArray(node)) return node.flatMap(collectUrls);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    (key === 'url' || key === 'request_url') && typeof value === 'string' ? [value] : collectUrls(value),
  );
}

/** The manifest with its transport settings removed: what both variants must share. */
function withoutTransport(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutTransport);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !TRANSPORT_KEYS.has(key))
      .map(([key, value]) => [key, withoutTransport(value)]),
  );
}

/** 'ok' for a full command; for a verb with a missing or placeholder argument, the error that says the verb is known. */
function verbStatus(text: string): string {
  const parsed = parseCommand(text);
  return 'error' in parsed ? parsed.error : 'ok';
}

const http = readManifest('manifest.yaml');
const socket = readManifest('manifest.socket-mode.yaml');

describe.each([
  ['manifest.yaml', http.manifest],
  ['manifest.socket-mode.yaml', socket.manifest],
])('Slack manifest %s', (_name, manifest) => {
  it('targets manifest schema v1 and describes Tandem within Slack limits', () => {
    expect(manifest._metadata.major_version).toBe(1);
    const info = manifest.display_information;
    expect(info.name).toBe('Tandem');
    expect(info.description?.length ?? 0).toBeGreaterThan(0);
    expect(info.description?.length ?? 0).toBeLessThanOrEqual(140);
    expect(info.background_color).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(info.long_description?.length ?? 0).toBeGreaterThanOrEqual(175);
    expect(info.long_description?.length ?? 0).toBeLessThanOrEqual(4000);
  });

  it('declares the /tandem slash command with escaped mentions', () => {
    const commands = manifest.features.slash_commands;
    const tandem = commands.find((command) => command.command === '/tandem');
    expect(tandem).toBeDefined();
    expect(tandem?.description.length ?? 0).toBeGreaterThan(0);
    expect(tandem?.usage_hint).toMatch(/join mentor/);
    expect(tandem?.should_escape).toBe(true);
    expect(new Set(commands.map((command) => command.command)).size).toBe(commands.length);
  });

  it('hints only at commands the grammar understands today', () => {
    const tandem = manifest.features.slash_commands.find((command) => command.command === '/tandem');
    const hints = (tandem?.usage_hint ?? '').split('|').map((hint) => hint.trim());
    expect(hints.length).toBeGreaterThanOrEqual(8);
    for (const hint of hints) {
      // `@user` and `YYYY-MM-DD` are placeholders: the verb must be known, its argument may be missing.
      expect(verbStatus(hint), hint).not.toBe('unknown_command');
      expect(verbStatus(hint), hint).toMatch(/^(ok|pause_date|admin_target)$/);
    }
    for (const verb of ['help', 'join mentor', 'join mentee', 'me', 'profile', 'resume', 'leave', 'admin pending']) {
      expect(hints, verb).toContain(verb);
    }
  });

  it('quotes in its long description only commands the grammar understands today', () => {
    const quoted = [...(manifest.display_information.long_description ?? '').matchAll(/`\/tandem ([^`]+)`/g)].map((match) => match[1] ?? '');
    expect(quoted.length).toBeGreaterThanOrEqual(5);
    for (const command of quoted) expect(verbStatus(command), command).toMatch(/^(ok|pause_date|admin_target)$/);
  });

  it('has a bot user, App Home and interactivity', () => {
    expect(manifest.features.bot_user).toEqual({ display_name: 'tandem', always_online: true });
    // Tandem DMs people but never reads what they type there: the Messages tab is read-only.
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: true,
    });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
    expect(manifest.settings.org_deploy_enabled).toBe(false);
    expect(manifest.settings.token_rotation_enabled).toBe(false);
  });

  it('asks only for allowed bot scopes and no user scopes', () => {
    const scopes = manifest.oauth_config.scopes.bot;
    expect(new Set(scopes).size).toBe(scopes.length);
    for (const scope of scopes) expect(ALLOWED_BOT_SCOPES).toContain(scope);
    for (const scope of REQUIRED_BOT_SCOPES) expect(scopes).toContain(scope);
    // Slack refuses users:read.email without users:read.
    if (scopes.includes('users:read.email')) expect(scopes).toContain('users:read');
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });
});

describe('Slack HTTP manifest', () => {
  it('sends commands, interactivity and events to the single /slack/events endpoint over HTTPS', () => {
    const { manifest, raw } = http;
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.slash_commands.every((command) => command.url !== undefined)).toBe(true);
    expect(manifest.settings.event_subscriptions.request_url).toBeDefined();
    expect(manifest.settings.interactivity.request_url).toBeDefined();
    const urls = collectUrls(raw);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) {
      expect(url).toMatch(/^https:\/\//);
      expect(new URL(url).pathname).toBe(SLACK_ENDPOINT);
      expect(url.endsWith(SLACK_ENDPOINT)).toBe(true);
    }
  });
});

describe('Slack Socket Mode manifest', () => {
  it('enables Socket Mode and carries no request URL', () => {
    expect(socket.manifest.settings.socket_mode_enabled).toBe(true);
    expect(collectUrls(socket.raw)).toEqual([]);
    expect(socket.manifest.settings.event_subscriptions.request_url).toBeUndefined();
    expect(socket.manifest.settings.interactivity.request_url).toBeUndefined();
  });

  it('differs from the HTTP manifest only in its transport', () => {
    expect(withoutTransport(socket.raw)).toEqual(withoutTransport(http.raw));
  });
});
