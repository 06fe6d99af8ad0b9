// Checks the Teams app package sources (manifest.json, fr.json, icons) offline against the schemas
// bundled in @microsoft/app-manifest, and the zip that scripts/package-teams.mjs builds from them.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { AppManifestUtils, TeamsManifestConverter } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fold, parseCommand } from '../../src/core/grammar.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEAMS_DIR = path.join(ROOT, 'manifest', 'teams');
const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';
const SCOPES = ['personal', 'team', 'groupChat'] as const;

/** What the personal chat must offer: every command of today's grammar (src/core/grammar.ts). */
const PERSONAL_COMMANDS = [
  'help',
  'join mentor',
  'join mentee',
  'me',
  'profile',
  'pause until',
  'resume',
  'leave',
  'admin pending',
  'admin approve',
  'admin decline',
  'admin pair',
];
/**
 * Teams and group chats are shared, and Tandem answers in the conversation it was asked in: a sign-up
 * form, its confirmation or a `me` card there would show one person's details to everyone. So those
 * scopes only advertise help until answers can move to the personal chat.
 */
const SHARED_SCOPE_VERBS = ['help'];

/** The admin decisions a title may name, in English and French (as in the grammar). */
const ADMIN_DECISIONS: Record<string, string> = { approve: 'approve', approuver: 'approve', decline: 'decline', refuser: 'decline' };

/**
 * How the grammar reads a command title: the parsed command, or for a title that stops before its
 * argument (`pause until`, `admin approve`) the error saying which argument is missing. Either way
 * the verb is known; `unknown_command` and the other errors mean it is not a command of the grammar.
 */
function grammarReading(title: string): string {
  const parsed = parseCommand(title);
  if (!('error' in parsed)) return JSON.stringify(parsed);
  if (parsed.error === 'pause_date') return 'pause:<date missing>';
  if (parsed.error === 'admin_target') return `admin.decide:<target missing>:${ADMIN_DECISIONS[fold(parsed.verb)] ?? parsed.verb}`;
  return `not a command (${parsed.error})`;
}

function isCommandOfTheGrammar(title: string): boolean {
  return !grammarReading(title).startsWith('not a command');
}

interface Command {
  title: string;
  description: string;
}
interface CommandList {
  scopes: string[];
  commands: Command[];
}
interface TeamsManifestJson {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  accentColor: string;
  icons: { color: string; outline: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  bots: { botId: string; scopes: string[]; commandLists: CommandList[] }[];
  validDomains: string[];
  developer: Record<string, string>;
  description: { short: string; full: string };
}

type Validate = typeof AppManifestUtils.validateAgainstSchema;
type SchemaArgument = NonNullable<Parameters<Validate>[1]>;
type ManifestArgument = Parameters<Validate>[0];

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const manifestText = readFileSync(path.join(TEAMS_DIR, 'manifest.json'), 'utf8');
const manifest = JSON.parse(manifestText) as TeamsManifestJson;
const french = readJson<Record<string, string>>(path.join(TEAMS_DIR, 'fr.json'));
const bot = manifest.bots[0];

const require = createRequire(import.meta.url);
function bundledSchemaPath(version: string, file: string): string {
  return require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/${file}`);
}
function bundledSchema(version: string, file: string): SchemaArgument {
  return readJson<SchemaArgument>(bundledSchemaPath(version, file));
}

/**
 * The bundled localization schemas carry two patterns (`…\b]…`) that are invalid under the unicode
 * flag ajv compiles with; escaping the lone bracket keeps their meaning (same fix as package-teams).
 */
function repairLocalizationSchema(schema: SchemaArgument): SchemaArgument {
  const raw = schema as unknown as { patternProperties?: Record<string, unknown> };
  const patterns = Object.entries(raw.patternProperties ?? {}).map(([pattern, rule]) => [pattern.replaceAll('\\b]', '\\b\\]'), rule]);
  for (const [pattern] of patterns) expect(() => new RegExp(pattern as string, 'u')).not.toThrow();
  return { ...raw, patternProperties: Object.fromEntries(patterns) } as unknown as SchemaArgument;
}

async function validate(document: unknown, schema?: SchemaArgument): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(document as ManifestArgument, schema);
}

interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  /** RGBA, 4 bytes per pixel, whatever the file's colour type. */
  rgba: Uint8Array;
}

/** Minimal PNG reader for the icons: 8-bit RGB or RGBA, not interlaced, all five row filters. */
function decodePng(file: string): DecodedPng {
  const data = readFileSync(file);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  if (!header) throw new Error(`${file}: no IHDR chunk`);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth, colorType, , , interlace] = [header[8], header[9], header[10], header[11], header[12]];
  expect(bitDepth).toBe(8);
  expect(interlace).toBe(0);
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : Number.NaN;
  if (Number.isNaN(channels)) throw new Error(`${file}: colour type ${String(colorType)} not handled by this reader`);

  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      const paeth = (): number => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter ?? 0] ?? 0;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set(pixels.subarray(i * channels, i * channels + 3), i * 4);
    rgba[i * 4 + 3] = channels === 4 ? (pixels[i * channels + 3] ?? 0) : 255;
  }
  return { width, height, colorType: colorType ?? -1, rgba };
}

function pixel(image: DecodedPng, x: number, y: number): number[] {
  const offset = (y * image.width + x) * 4;
  return Array.from(image.rgba.subarray(offset, offset + 4));
}

describe('Teams manifest', () => {
  beforeAll(() => {
    // Offline means offline: a schema the package would fetch instead of reading fails the test.
    vi.stubGlobal('fetch', () => Promise.reject(new Error('network access attempted during manifest validation')));
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it('uses a manifest version whose schema ships with @microsoft/app-manifest', () => {
    expect(existsSync(bundledSchemaPath(manifest.manifestVersion, 'MicrosoftTeams.schema.json'))).toBe(true);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('validates against the bundled schema, with no network', async () => {
    expect(await validate(manifest, bundledSchema(manifest.manifestVersion, 'MicrosoftTeams.schema.json'))).toEqual([]);
    // And through the package's own $schema resolution, which must find the schema locally.
    expect(await validate(manifest)).toEqual([]);
    expect(() => TeamsManifestConverter.jsonToManifest(manifestText)).not.toThrow();
  });

  it('keeps the placeholder app id for packaging to replace', () => {
    expect(manifest.id).toBe(PLACEHOLDER_ID);
    expect(bot?.botId).toBe(PLACEHOLDER_ID);
    expect(manifest.accentColor).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(manifest.validDomains.length).toBeGreaterThan(0);
  });

  it('offers the bot in personal, team and group chat with one command list per scope', () => {
    expect(manifest.bots).toHaveLength(1);
    expect([...(bot?.scopes ?? [])].sort()).toEqual([...SCOPES].sort());
    const lists = bot?.commandLists ?? [];
    expect(lists.map((list) => list.scopes)).toEqual(SCOPES.map((scope) => [scope]));
    for (const list of lists) {
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(12);
      expect(new Set(list.commands.map((command) => command.title)).size).toBe(list.commands.length);
      expect(list.commands[0]?.title).toBe('help');
    }
  });

  it('names only commands of the grammar, within Teams length limits', () => {
    for (const command of bot?.commandLists.flatMap((list) => list.commands) ?? []) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(128);
      expect(isCommandOfTheGrammar(command.title), `${command.title}: ${grammarReading(command.title)}`).toBe(true);
    }
  });

  it('offers every command of the grammar in the personal chat', () => {
    const personal = bot?.commandLists[0]?.commands.map((command) => command.title) ?? [];
    expect([...personal].sort()).toEqual([...PERSONAL_COMMANDS].sort());
  });

  it('offers only non-personal commands in teams and group chats', () => {
    for (const list of bot?.commandLists.slice(1) ?? []) {
      for (const command of list.commands) {
        const parsed = parseCommand(command.title);
        expect('verb' in parsed ? parsed.verb : parsed.error, command.title).toBeOneOf(SHARED_SCOPE_VERBS);
      }
    }
  });

  it('quotes in its description only commands of the grammar', () => {
    const quoted = [...manifest.description.full.matchAll(/"([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(quoted.length).toBeGreaterThanOrEqual(5);
    for (const command of quoted) expect(isCommandOfTheGrammar(command), `${command}: ${grammarReading(command)}`).toBe(true);
  });

  it('declares French as an additional language backed by fr.json', () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('en-us');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'fr-fr', file: 'fr.json' }]);
  });
});

describe('Teams French localization (fr.json)', () => {
  const localizationSchema = (): SchemaArgument =>
    repairLocalizationSchema(bundledSchema(manifest.manifestVersion, 'MicrosoftTeams.Localization.schema.json'));

  beforeAll(() => {
    vi.stubGlobal('fetch', () => Promise.reject(new Error('network access attempted during manifest validation')));
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it('validates against the bundled localization schema', async () => {
    expect(french.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.Localization.schema.json`,
    );
    expect(await validate(french, localizationSchema())).toEqual([]);
  });

  it('rejects a key the schema does not know, so the check has teeth', async () => {
    expect(await validate({ ...french, 'bots[0].commandLists[0].commands[0].tilte': 'aide' }, localizationSchema())).not.toEqual([]);
  });

  it('translates every command of the manifest, and only those', () => {
    const expected = (bot?.commandLists ?? []).flatMap((list, i) =>
      list.commands.flatMap((_command, j) => [
        `bots[0].commandLists[${i}].commands[${j}].title`,
        `bots[0].commandLists[${i}].commands[${j}].description`,
      ]),
    );
    const commandKeys = Object.keys(french).filter((key) => key.startsWith('bots['));
    expect(commandKeys.sort()).toEqual(expected.sort());
  });

  it('uses French aliases of the grammar that mean the same command as the English titles', () => {
    (bot?.commandLists ?? []).forEach((list, i) => {
      list.commands.forEach((command, j) => {
        const title = french[`bots[0].commandLists[${i}].commands[${j}].title`] ?? '';
        const description = french[`bots[0].commandLists[${i}].commands[${j}].description`] ?? '';
        expect(title.length).toBeGreaterThan(0);
        expect(title.length).toBeLessThanOrEqual(32);
        expect(description.length).toBeGreaterThan(0);
        expect(description.length).toBeLessThanOrEqual(128);
        expect(isCommandOfTheGrammar(title), `${title}: ${grammarReading(title)}`).toBe(true);
        expect(grammarReading(title), `${title} / ${command.title}`).toBe(grammarReading(command.title));
      });
    });
    expect(french['name.short']).toBe('Tandem');
  });

  it('quotes in its description only commands of the grammar', () => {
    const quoted = [...(french['description.full'] ?? '').matchAll(/« ([^»]+) »/g)].map((match) => match[1] ?? '');
    expect(quoted.length).toBeGreaterThanOrEqual(5);
    for (const command of quoted) expect(isCommandOfTheGrammar(command), `${command}: ${grammarReading(command)}`).toBe(true);
  });
});

describe('Teams icons', () => {
  const color = decodePng(path.join(TEAMS_DIR, manifest.icons.color));
  const outline = decodePng(path.join(TEAMS_DIR, manifest.icons.outline));

  it('has a 192×192 opaque colour icon whose background is the accent colour', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    for (let i = 3; i < color.rgba.length; i += 4) expect(color.rgba[i]).toBe(255);
    const accent = [1, 3, 5].map((start) => parseInt(manifest.accentColor.slice(start, start + 2), 16));
    expect(pixel(color, 0, 0)).toEqual([...accent, 255]);
  });

  it('has a 32×32 outline icon in white on a transparent background', () => {
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.colorType).toBe(6); // RGBA: the format carries transparency
    for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31], [16, 0], [16, 31]] as const) {
      expect(pixel(outline, x, y)[3]).toBe(0);
    }
    let opaque = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      const alpha = outline.rgba[i + 3] ?? 0;
      if (alpha > 0) expect(Array.from(outline.rgba.subarray(i, i + 3))).toEqual([255, 255, 255]);
      if (alpha === 255) opaque += 1;
    }
    expect(opaque).toBeGreaterThan(50);
  });
});

describe('Teams package (scripts/package-teams.mjs)', () => {
  const run = promisify(execFile);
  const script = path.join(ROOT, 'scripts', 'package-teams.mjs');
  const appId = '6f1c0b7e-3a52-4d8e-9b1f-2c7d9e0a4b13';
  const workDir = mkdtempSync(path.join(tmpdir(), 'tandem-teams-package-'));
  const cleanEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
    const env = { ...process.env, ...extra };
    if (!('MicrosoftAppId' in extra)) delete env.MicrosoftAppId;
    if (!('TANDEM_PUBLIC_HOST' in extra)) delete env.TANDEM_PUBLIC_HOST;
    return env;
  };

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('zips manifest, French strings and icons at the root, with the app id and host filled in', async () => {
    const out = path.join(workDir, 'tandem-teams.zip');
    await run(process.execPath, [script, '--out', out], {
      cwd: ROOT,
      env: cleanEnv({ MicrosoftAppId: appId, TANDEM_PUBLIC_HOST: 'tandem.example.org' }),
    });
    const entries = unzipSync(readFileSync(out));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'fr.json', 'manifest.json', 'outline.png']);

    const packaged = JSON.parse(Buffer.from(entries['manifest.json'] ?? []).toString('utf8')) as TeamsManifestJson;
    expect(packaged.id).toBe(appId);
    expect(packaged.bots[0]?.botId).toBe(appId);
    expect(packaged.validDomains).toEqual(['tandem.example.org']);
    expect(packaged.developer.websiteUrl).toBe('https://tandem.example.org/');
    expect(JSON.stringify(packaged)).not.toContain('YOUR-HOST');
    expect(packaged.version).toBe(readJson<{ version: string }>(path.join(ROOT, 'package.json')).version);
    for (const name of ['fr.json', 'color.png', 'outline.png']) {
      expect(Buffer.from(entries[name] ?? [])).toEqual(readFileSync(path.join(TEAMS_DIR, name)));
    }
  });

  it('builds a smoke package without deployment settings, and says so', async () => {
    const out = path.join(workDir, 'smoke.zip');
    const { stderr } = await run(process.execPath, [script, '--out', out], { cwd: ROOT, env: cleanEnv({}) });
    expect(stderr).toMatch(/MicrosoftAppId is not set/);
    const packaged = JSON.parse(Buffer.from(unzipSync(readFileSync(out))['manifest.json'] ?? []).toString('utf8')) as TeamsManifestJson;
    expect(packaged.id).toBe(PLACEHOLDER_ID);
    expect(packaged.validDomains).not.toContain('YOUR-HOST');
  });

  it('refuses an app id that is not a GUID', async () => {
    const out = path.join(workDir, 'bad.zip');
    await expect(run(process.execPath, [script, '--out', out], { cwd: ROOT, env: cleanEnv({ MicrosoftAppId: 'not-a-guid' }) })).rejects.toThrow(
      /must be a GUID/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
