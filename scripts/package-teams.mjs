// Builds the Teams app package, dist/tandem-teams.zip: manifest.json, its language files and icons
// at the zip root, validated offline against the schema bundled in @microsoft/app-manifest.
//
//   MicrosoftAppId=<guid> TANDEM_PUBLIC_HOST=tandem.example.com npm run package:teams
//
// MicrosoftAppId     becomes the app id and the bot id (the Azure Bot's app registration).
// TANDEM_PUBLIC_HOST replaces YOUR-HOST in the developer URLs and validDomains.
// --out <path>       writes the zip elsewhere (default dist/tandem-teams.zip).
// Either variable may be left unset for a smoke build; the script then says what it kept.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { zipSync } from 'fflate';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIR = path.join(ROOT, 'manifest', 'teams');
const HOST_PLACEHOLDER = 'YOUR-HOST';
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;
// Fixed timestamp so two builds of the same inputs give the same zip.
const ZIP_MTIME = new Date(2020, 0, 1);

class PackagingError extends Error {}

/** Replaces the placeholder host in every string of the manifest. */
function replaceHost(node, host) {
  if (typeof node === 'string') return node.replaceAll(HOST_PLACEHOLDER, host);
  if (Array.isArray(node)) return node.map((item) => replaceHost(item, host));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, replaceHost(value, host)]));
  }
  return node;
}

/** Sets the app id, bot id, public host and version: the parts that differ per deployment. */
export function personalize(manifest, { appId, host, version }) {
  let result = JSON.parse(JSON.stringify(manifest));
  const notes = [];
  if (appId) {
    if (!GUID.test(appId)) throw new PackagingError(`MicrosoftAppId must be a GUID, got "${appId}"`);
    result.id = appId;
    for (const bot of result.bots ?? []) bot.botId = appId;
  } else {
    notes.push(`MicrosoftAppId is not set: app id and bot id stay ${result.id}; Teams will not reach your bot`);
  }
  if (host) {
    if (!HOST_NAME.test(host)) {
      throw new PackagingError(`TANDEM_PUBLIC_HOST must be a bare host name such as tandem.example.com, got "${host}"`);
    }
    result = replaceHost(result, host.toLowerCase());
  } else {
    result.validDomains = (result.validDomains ?? []).filter((domain) => !domain.includes(HOST_PLACEHOLDER));
    notes.push(`TANDEM_PUBLIC_HOST is not set: developer URLs keep ${HOST_PLACEHOLDER}, validDomains drops it`);
  }
  result.version = version;
  return { manifest: result, notes };
}

function bundledSchema(manifestVersion, file) {
  const require = createRequire(import.meta.url);
  const schemaPath = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifestVersion}/${file}`);
  return require(schemaPath);
}

/**
 * The bundled localization schemas carry two patterns (`…\b]…`) that are invalid under the
 * unicode flag ajv compiles with; escaping that lone bracket keeps their meaning.
 */
export function repairLocalizationSchema(schema) {
  const patterns = Object.entries(schema.patternProperties ?? {}).map(([pattern, rule]) => [
    pattern.replaceAll('\\b]', '\\b\\]'),
    rule,
  ]);
  return { ...schema, patternProperties: Object.fromEntries(patterns) };
}

/** A file the manifest names must sit beside it, at the zip root. */
function rootFileName(name) {
  if (typeof name !== 'string' || name !== path.basename(name) || name.startsWith('.')) {
    throw new PackagingError(`manifest files must be plain names at the package root, got "${name}"`);
  }
  return name;
}

function filesNamedBy(manifest) {
  const info = manifest.localizationInfo ?? {};
  const languageFiles = (info.additionalLanguages ?? []).map((language) => language.file);
  if (info.defaultLanguageFile) languageFiles.push(info.defaultLanguageFile);
  const icons = [manifest.icons.color, manifest.icons.outline, manifest.icons.color32x32].filter(Boolean);
  return { icons: icons.map(rootFileName), languageFiles: languageFiles.map(rootFileName) };
}

async function validate(manifest, languageFiles) {
  const failures = (
    await AppManifestUtils.validateAgainstSchema(
      manifest,
      bundledSchema(manifest.manifestVersion, 'MicrosoftTeams.schema.json'),
    )
  ).map((failure) => `manifest.json${failure}`);
  const localizationSchema = repairLocalizationSchema(
    bundledSchema(manifest.manifestVersion, 'MicrosoftTeams.Localization.schema.json'),
  );
  for (const [name, strings] of languageFiles) {
    const errors = await AppManifestUtils.validateAgainstSchema(strings, localizationSchema);
    failures.push(...errors.map((failure) => `${name}${failure}`));
  }
  if (failures.length > 0) throw new PackagingError(`schema validation failed:\n  ${failures.join('\n  ')}`);
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = path.resolve(values.out ?? path.join(ROOT, 'dist', 'tandem-teams.zip'));
  const packageJson = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
  const source = JSON.parse(await readFile(path.join(SOURCE_DIR, 'manifest.json'), 'utf8'));

  const { manifest, notes } = personalize(source, {
    appId: process.env.MicrosoftAppId?.trim(),
    host: process.env.TANDEM_PUBLIC_HOST?.trim(),
    version: packageJson.version,
  });
  const { icons, languageFiles } = filesNamedBy(manifest);
  const languages = await Promise.all(
    languageFiles.map(async (name) => [name, JSON.parse(await readFile(path.join(SOURCE_DIR, name), 'utf8'))]),
  );
  await validate(manifest, languages);

  const entries = { 'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) };
  for (const name of [...languageFiles, ...icons]) entries[name] = await readFile(path.join(SOURCE_DIR, name));
  const zip = zipSync(
    Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, [data, { mtime: ZIP_MTIME }]])),
    { level: 9 },
  );
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, zip);

  for (const note of notes) console.warn(`warning: ${note}`);
  console.log(`wrote ${path.relative(process.cwd(), out) || out}: ${Object.keys(entries).join(', ')}`);
  console.log(`app id ${manifest.id}, version ${manifest.version}, manifest schema ${manifest.manifestVersion}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`package-teams: ${error instanceof PackagingError ? error.message : error.stack}`);
    process.exit(1);
  });
}
