// `admin export`: four CSV files, parsed back with an independent parser (csv-parse) and checked against
// the seeded program: quoting, BOM, formula guard, dates in the program's zone, aggregated feedback only.
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/core/csv.js';
import type { FileAttachment, Outcome } from '../../src/core/messages.js';
import type { PairRecord } from '../../src/core/ports.js';
import { plain } from '../../src/core/text.js';
import type { Person } from '../../src/core/types.js';
import { purgeExpiredExports } from '../../src/core/use-cases/export-data.js';
import { actorOf, DAY, pairFixture, shown, type PairFixture } from './pair-fixture.js';

const records = (file: FileAttachment): Record<string, string>[] => parse(file.content, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
const rows = (file: FileAttachment): string[][] => parse(file.content, { bom: true }) as string[][];

describe('csv', () => {
  it('quotes per RFC 4180, ends rows with CRLF, starts with a BOM', () => {
    const text = toCsv(['a', 'b'], [['plain', 'with, comma'], ['say "hi"', 'two\nlines'], [3.5, null]]);
    expect(text.startsWith('\uFEFFa,b\r\n')).toBe(true);
    expect(text).toContain('plain,"with, comma"\r\n');
    expect(text).toContain('"say ""hi""","two\nlines"\r\n');
    expect(text.endsWith('3.5,\r\n')).toBe(true);
    expect(parse(text, { bom: true })).toEqual([
      ['a', 'b'],
      ['plain', 'with, comma'],
      ['say "hi"', 'two\nlines'],
      ['3.5', ''],
    ]);
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    for (const start of ['+', '-', '@', '\t']) expect(csvCell(`${start}1`)).toBe(`'${start}1`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('Ada Lovelace')).toBe('Ada Lovelace');
    expect(csvCell(true)).toBe('true');
  });
});

describe('admin export', () => {
  let f: PairFixture;
  let mona: Person, eve: Person, evil: Person, omar: Person;
  let pair: PairRecord, ended: PairRecord;
  let outcome: Outcome;
  let files: Map<string, FileAttachment>;

  beforeAll(async () => {
    f = await pairFixture('2026-11-25T10:00:00Z');
    const topics = [
      { topic: 'cybersecurity', level: 5 },
      { topic: 'genai-assistants', level: 3 },
    ];
    mona = await f.person('UMONA', 'Mona, "the" mentor', { email: 'mona@example.com' });
    eve = await f.person('UEVE', 'Ève Durand', { email: 'eve@example.com' });
    evil = await f.person('UEVIL', '=HYPERLINK("http://evil.example","click")', { email: 'evil@example.com' });
    omar = await f.person('UOMAR', 'Omar', { email: 'omar@example.com' });
    const mentor = await f.enroll(mona, 'mentor', topics, { capacity: 2, department: 'IT' });
    const mentee = await f.enroll(eve, 'mentee', [{ topic: 'cybersecurity', level: 3 }], { department: 'Finance' });
    const other = await f.enroll(evil, 'mentee', [{ topic: 'genai-assistants', level: 2 }]);
    await f.enroll(omar, 'mentee', [{ topic: 'genai-assistants', level: 1 }], { pausedUntil: '2027-01-15' });
    const now = f.clock.now().getTime();
    pair = await f.pair(mentor, mentee, new Date(now - 30 * DAY));
    ended = await f.pair(mentor, other, new Date(now - 60 * DAY), 'ended');
    const held = await f.session(pair, new Date('2026-11-10T13:00:00Z'), 'held', new Date('2026-11-01T08:00:00Z'));
    await f.session(pair, new Date('2026-11-17T13:00:00Z'), 'missed');
    await f.session(pair, new Date('2026-12-01T13:00:00Z'), 'scheduled');
    await f.testDb.database.db.execute(sql`UPDATE sessions SET topic = 'cybersecurity' WHERE id = ${held.id}`);
    const db = f.testDb.database.db;
    // Two answers about the held session (both partners), one adoption answer, with free text that must never leave.
    await db.execute(sql`INSERT INTO feedback (session_id, pair_id, person_id, kind, happened, usefulness, ease, learned, next_step)
      VALUES (${held.id}, ${pair.id}, ${eve.id}, 'session', true, 5, 4, 'SECRET-LEARNED-TEXT', 'SECRET-NEXT-STEP'),
             (${held.id}, ${pair.id}, ${mona.id}, 'session', true, 4, 3, 'SECRET-MENTOR-TEXT', null)`);
    await db.execute(sql`INSERT INTO feedback (pair_id, person_id, kind, adopted, topic) VALUES (${pair.id}, ${eve.id}, 'adoption', true, 'cybersecurity')`);
    await db.execute(sql`INSERT INTO feedback (pair_id, person_id, kind, would_recommend, learned) VALUES (${ended.id}, ${evil.id}, 'closing', false, 'SECRET-CLOSING')`);

    outcome = await f.core.handleCommand(f.admin, 'admin export');
    expect(outcome.kind).toBe('file');
    const all = outcome.kind === 'file' ? [outcome.file, ...(outcome.moreFiles ?? [])] : [];
    files = new Map(all.map((file) => [file.filename.replace(/^tandem-tandem-|-2026-11-25\.csv$/g, ''), file]));
  });
  afterAll(async () => f?.dispose());

  it('gives four CSV files named after the program and the day, with a message explaining them', () => {
    expect([...files.keys()]).toEqual(['enrollments', 'pairs', 'sessions', 'feedback']);
    for (const file of files.values()) {
      expect(file.contentType).toBe('text/csv; charset=utf-8');
      expect(file.content.startsWith('\uFEFF')).toBe(true);
    }
    const text = shown(outcome);
    expect(text).toContain('Export of Tandem');
    expect(text).toContain('enrollments (4), pairs (2), sessions (3)');
    expect(text).toContain('Times are in Europe/Paris');
    expect(outcome.kind === 'file' && plain(outcome.downloadNote ?? '')).toContain('work for 24 hours');
  });

  it('enrollments: one row each, names quoted and formulas defused', () => {
    const list = records(files.get('enrollments')!);
    expect(list).toHaveLength(4);
    const byEmail = new Map(list.map((r) => [r.Email, r]));
    expect(byEmail.get('mona@example.com')).toMatchObject({
      Name: 'Mona, "the" mentor',
      Role: 'Mentor',
      Status: 'active',
      Department: 'IT',
      Capacity: '2',
      'Topics (level or priority)': 'Everyday cybersecurity (5); Generative AI assistants (3)',
      'Active pairs': '1',
    });
    // Stored by the database's own clock: only the spreadsheet-friendly shape is certain.
    expect(byEmail.get('mona@example.com')!.Joined).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(byEmail.get('evil@example.com')!.Name).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(byEmail.get('omar@example.com')).toMatchObject({ Status: 'paused', 'Paused until': '2027-01-15', Capacity: '' });
    expect(byEmail.get('eve@example.com')).toMatchObject({ Name: 'Ève Durand', Role: 'Mentee', 'Active pairs': '1' });
  });

  it('pairs: status, dates in the program’s zone and session counts', () => {
    const list = records(files.get('pairs')!);
    expect(list).toHaveLength(2);
    const active = list.find((r) => r['Pair id'] === pair.id)!;
    expect(active).toMatchObject({
      Mentor: 'Mona, "the" mentor',
      'Mentee email': 'eve@example.com',
      Status: 'active',
      Started: '2026-10-26 11:00:00',
      Ended: '',
      'Sessions held': '1',
      'Sessions missed': '1',
      'Sessions ahead': '1',
      'Sessions cancelled': '0',
    });
    const early = list.find((r) => r['Pair id'] === ended.id)!;
    expect(early).toMatchObject({ Status: 'ended early', Mentee: `'=HYPERLINK("http://evil.example","click")` });
  });

  it('sessions: one row each, start times in Paris time', () => {
    const list = records(files.get('sessions')!);
    expect(list.map((r) => [r.Starts, r.Status, r.Module])).toEqual([
      ['2026-11-10 14:00:00', 'held', 'Everyday cybersecurity'],
      ['2026-11-17 14:00:00', 'missed', ''],
      ['2026-12-01 14:00:00', 'scheduled', ''],
    ]);
    expect(list[0]).toMatchObject({ 'Pair id': pair.id, 'Duration (min)': '60', 'Scheduled on': '2026-11-01 09:00:00' });
  });

  it('feedback: counts and averages per pair and module, and no written answer anywhere', () => {
    const list = records(files.get('feedback')!);
    const cyber = list.find((r) => r['Pair id'] === pair.id && r.Module === 'Everyday cybersecurity')!;
    expect(cyber).toMatchObject({
      Answers: '3',
      'People who answered': '2',
      'Happened: yes': '2',
      'Happened: no': '0',
      'Usefulness answers': '2',
      'Average usefulness (1–5)': '4.5',
      'Average ease (1–5)': '3.5',
      'Used it since: yes': '1',
    });
    const closing = list.find((r) => r['Pair id'] === ended.id)!;
    expect(closing).toMatchObject({ Module: '', Answers: '1', 'Would recommend: no': '1', 'Average usefulness (1–5)': '' });
    for (const file of files.values()) expect(file.content).not.toMatch(/SECRET-/);
    // Same number of cells on every line of every file.
    for (const file of files.values()) {
      const table = rows(file);
      expect(new Set(table.map((row) => row.length)).size).toBe(1);
    }
  });

  it('is audited, and refused to participants', async () => {
    const audit = await f.store.listAuditEntries({ action: 'program.exported' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: f.adminPerson.id, details: { enrollments: 4, pairs: 2, sessions: 3 } });
    const refused = await f.core.handleCommand(actorOf(eve), 'admin exporter');
    expect(refused.kind).toBe('message');
    expect(shown(refused)).toContain('Only the program admins');
    expect(await f.store.listAuditEntries({ action: 'program.exported' })).toHaveLength(1);
  });

  it('speaks French to a French admin, headers included', async () => {
    const claire = await f.person('UCLAIRE', 'Claire', { locale: 'fr' });
    await f.store.grantRole(f.program.id, claire.id, 'admin');
    const french = await f.core.handleCommand(actorOf(claire, 'fr'), 'admin exporter');
    expect(french.kind).toBe('file');
    if (french.kind !== 'file') return;
    expect(shown(french)).toContain('Quatre fichiers CSV');
    const pairs = records(french.moreFiles![0]!);
    expect(pairs.find((r) => r['Id binôme'] === ended.id)).toMatchObject({ Statut: 'arrêté avant la fin' });
  });

  it('the purge job deletes export files whose link expired', async () => {
    const expired = new Date(f.clock.now().getTime() - 1000);
    const alive = new Date(f.clock.now().getTime() + DAY);
    for (const [token, expiresAt] of [['t-expired', expired], ['t-alive', alive]] as const) {
      await f.store.saveExport({ token, programId: null, personId: eve.id, filename: 'x.csv', contentType: 'text/csv', content: 'a', expiresAt });
    }
    expect(await purgeExpiredExports(f.deps)).toBe(1);
    expect(await f.store.findExport('t-expired')).toBeNull();
    expect(await f.store.findExport('t-alive')).not.toBeNull();
  });
});
