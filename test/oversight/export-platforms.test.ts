// `admin export` through the real endpoints: Slack uploads the CSVs into the admin's DM (the fake Slack
// receives the bytes); Teams answers with download links served at /exports/<token> for 24 hours.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../support/clock.js';
import { startSlackWorld, type SlackWorld } from '../integration/slack-helpers.js';
import { cardOf, startTeamsWorld, TeamsUserDriver, type CardJson, type TeamsWorld } from '../integration/teams-helpers.js';

const HEADERS = {
  enrollments: 'Enrollment id',
  pairs: 'Pair id',
  sessions: 'Session id',
  feedback: 'Pair id',
};

describe('on Slack', () => {
  let world: SlackWorld;

  beforeAll(async () => {
    world = await startSlackWorld(
      {
        U0ADMIN: { name: 'Ada', email: 'ada@example.com', locale: 'en-US' },
        U0EVE: { name: 'Ève', email: 'eve@example.com', locale: 'fr-FR' },
      },
      { admins: 'U0ADMIN' },
    );
    // Ève has used Tandem once (she is known, not enrolled).
    await world.user('U0EVE').ask('help');
  });
  afterAll(async () => world?.close());

  it('uploads the four CSVs into the admin’s DM, the message as comment', async () => {
    const answer = await world.user('U0ADMIN').command('admin export');
    expect(answer.status).toBe(200);
    expect(answer.raw, 'a bare ack: the files follow in the DM').toBe('');
    const complete = await world.slack.waitFor('files.completeUploadExternal', () => true, 10_000);
    expect(complete.body.channel_id).toBe('DU0ADMIN');
    const files = world.slack.sharedFiles();
    expect(files.map((f) => f.filename.replace(/^tandem-tandem-|-\d{4}-\d{2}-\d{2}\.csv$/g, ''))).toEqual(Object.keys(HEADERS));
    for (const file of files) {
      expect(file.channelId).toBe('DU0ADMIN');
      expect(file.initialComment).toContain('Export of Tandem');
      expect(file.initialComment).toContain('never a written answer');
      // The bytes Slack received are the CSV: BOM, then the header row.
      expect(file.content.startsWith('\uFEFF')).toBe(true);
      expect(file.bytes).toBe(Buffer.byteLength(file.content));
    }
    for (const [index, file] of files.entries()) {
      const [header] = parse(file.content, { bom: true }) as string[][];
      expect(header![0]).toBe(Object.values(HEADERS)[index]);
    }
    // Each file went to its own upload URL with its announced length.
    expect(world.slack.calls('files.getUploadURLExternal')).toHaveLength(4);
    expect(world.slack.calls('upload')).toHaveLength(4);
  });

  it('refuses participants privately, and uploads nothing', async () => {
    const before = world.slack.sharedFiles().length;
    const refused = await world.user('U0EVE').ask('admin exporter');
    expect(refused.text).toContain('Seuls les administrateurs');
    expect(world.slack.sharedFiles()).toHaveLength(before);
  });
});

describe('on Teams', () => {
  const clock = testClock('2026-11-25T09:00:00Z');
  let world: TeamsWorld;
  let admin: TeamsUserDriver;
  let links: { title: string; url: string }[];

  const openUrls = (content: CardJson): { title: string; url: string }[] => {
    const found: { title: string; url: string }[] = [];
    const visit = (element: CardJson) => {
      if (element.type === 'Action.OpenUrl') found.push({ title: element.title as string, url: element.url as string });
      for (const child of [...((element.body as CardJson[]) ?? []), ...((element.actions as CardJson[]) ?? [])]) visit(child);
    };
    visit(content);
    return found;
  };

  beforeAll(async () => {
    world = await startTeamsWorld({ TANDEM_ADMINS: 'admin@example.com' }, clock);
    admin = new TeamsUserDriver(world, { key: 'grace', name: 'Grace', locale: 'en-US', member: { name: 'Grace Hopper', email: 'admin@example.com' } });
  });
  afterAll(async () => world?.close());

  it('answers with the message and one download button per file, with the 24-hour note', async () => {
    const card = await admin.say('admin export');
    const content = cardOf(card);
    const text = JSON.stringify(content);
    expect(text).toContain('Export of Tandem');
    expect(text).toContain('The download links work for 24 hours');
    links = openUrls(content);
    expect(links.map((l) => l.title.replace(/^⬇ tandem-tandem-|-\d{4}-\d{2}-\d{2}\.csv$/g, ''))).toEqual(Object.keys(HEADERS));
    for (const link of links) expect(link.url).toMatch(new RegExp(`^${world.app.url}/exports/[A-Za-z0-9_-]{43}$`));
    expect(new Set(links.map((l) => l.url)).size).toBe(4);
  });

  it('serves each file as an attachment while the link lives', async () => {
    for (const [index, link] of links.entries()) {
      const res = await fetch(link.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="tandem-tandem-[a-z]+-2026-11-25\.csv"/);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const body = await res.text();
      const header = (parse(body, { bom: true }) as string[][])[0]!;
      expect(header[0]).toBe(Object.values(HEADERS)[index]);
    }
    const head = await fetch(links[0]!.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(links[0]!.url, { method: 'POST' })).status).toBe(405);
  });

  it('unknown tokens are 404; an expired link is 410 with a short page; the purge job deletes it', async () => {
    const unknown = await fetch(`${world.app.url}/exports/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('There is no file at this address');
    expect((await fetch(`${world.app.url}/exports/too-short`)).status).toBe(404);

    clock.advance(24 * 60 * 60 * 1000 - 1000);
    expect((await fetch(links[0]!.url)).status).toBe(200);
    clock.advance(1000);
    const expired = await fetch(links[0]!.url);
    expect(expired.status).toBe(410);
    expect(expired.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await expired.text();
    expect(page).toContain('This download link has expired');
    expect(page).toContain('Ce lien de téléchargement a expiré');
    expect(page).not.toContain('Enrollment id');

    const { purgeExpiredExports } = await import('../../src/core/use-cases/export-data.js');
    expect(await purgeExpiredExports(world.app.deps)).toBe(4);
    expect((await fetch(links[0]!.url)).status).toBe(404);
  });
});
