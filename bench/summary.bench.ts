/**
 * Program summary benchmark (`npx tsx bench/summary.bench.ts`): a program of 10,000 volunteers,
 * 4,000 pairs, 100,000 sessions and their feedback, seeded set-based; then the time to compute and
 * compose the summary (figures in SQL, privacy threshold, chart, trend, recorded for the next one),
 * median of several runs. Target: well under Slack's 3-second window.
 * Runs on PGlite, then on Postgres at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * when it is reachable, in a throwaway database.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { CoreDeps } from '../src/core/context.js';
import { translator } from '../src/core/i18n/index.js';
import { buildSummary } from '../src/core/use-cases/program-summary.js';
import { openDatabase, type Database } from '../src/store/database.js';
import { DrizzleStore } from '../src/store/drizzle-store.js';
import { seedDatabase } from '../src/store/seed.js';
import { describeMachine } from './machine.js';

const POSTGRES_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 10_000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const NOW = new Date('2026-11-25T09:00:00Z');
const silent = { debug() {}, info() {}, warn() {}, error() {} };

interface Target {
  label: string;
  database: Database;
  dispose(): Promise<void>;
}

async function pglite(): Promise<Target> {
  const database = await openDatabase({});
  return { label: 'PGlite (in memory)', database, dispose: () => database.close() };
}

async function throwawayPostgres(): Promise<Target | null> {
  const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await admin`SELECT 1`;
  } catch (error) {
    console.log(`Postgres at ${POSTGRES_URL} not reachable (${error instanceof Error ? error.message : String(error)}): skipped.`);
    await admin.end({ timeout: 1 }).catch(() => {});
    return null;
  }
  const name = `tandem_bench_summary_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), maxConnections: 8 });
  return {
    label: 'Postgres',
    database,
    async dispose() {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The volunteers, pairs, sessions and feedback, generated in SQL (a few statements). */
export async function seed(database: Database, store: DrizzleStore, programId: string): Promise<void> {
  const { db } = database;
  const mentors = Math.floor(VOLUNTEERS * 0.4);
  const mentees = VOLUNTEERS - mentors;
  const pairCount = Math.min(mentors, mentees);
  const perPair = Math.ceil(SESSIONS / pairCount);
  const first = await store.savePerson({ platform: 'slack', tenantId: 'TBENCH', userId: 'U0', name: 'Bench', email: null, locale: 'en', timeZone: 'Europe/Paris', profileFetchedAt: NOW });
  await db.execute(sql`
    INSERT INTO people (workspace_id, platform, tenant_id, user_id, name, locale, time_zone, profile_fetched_at)
    SELECT w.workspace_id, 'slack', 'TBENCH', 'U' || i, 'Volunteer ' || i, 'en', 'Europe/Paris', now()
      FROM generate_series(1, ${VOLUNTEERS}) AS i, (SELECT workspace_id FROM people WHERE id = ${first.id}) AS w`);
  // Mentors first (1..mentors), then mentees; statuses mixed; 1–3 topics each from the catalogue.
  await db.execute(sql`
    WITH t AS (SELECT array_agg(slug ORDER BY position) AS slugs FROM topics),
         p AS (SELECT id, row_number() OVER (ORDER BY user_id) AS n FROM people WHERE tenant_id = 'TBENCH' AND user_id <> 'U0')
    INSERT INTO enrollments (program_id, person_id, role, status, topics, teach_back, languages, capacity)
    SELECT ${programId}, p.id,
           CASE WHEN p.n <= ${mentors} THEN 'mentor' ELSE 'mentee' END,
           (ARRAY['approved','approved','approved','approved','approved','approved','pending','paused','withdrawn','declined'])[1 + p.n % 10],
           jsonb_build_array(jsonb_build_object('topic', t.slugs[1 + p.n % array_length(t.slugs, 1)], 'level', 1 + p.n % 3))
             || CASE WHEN p.n % 2 = 0 THEN jsonb_build_array(jsonb_build_object('topic', t.slugs[1 + (p.n / 2) % array_length(t.slugs, 1)], 'level', 2)) ELSE '[]'::jsonb END,
           '[]'::jsonb, '["fr"]'::jsonb, 1
      FROM p, t`);
  await db.execute(sql`
    WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM enrollments WHERE program_id = ${programId} AND role = 'mentor'),
         e AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM enrollments WHERE program_id = ${programId} AND role = 'mentee')
    INSERT INTO pairs (program_id, mentor_enrollment_id, mentee_enrollment_id, status, created_at)
    SELECT ${programId}, m.id, e.id,
           (ARRAY['active','active','active','active','active','active','active','closed','closed','ended'])[1 + m.n % 10],
           ${NOW.toISOString()}::timestamptz - make_interval(days => 60 + (m.n % 60)::int)
      FROM m JOIN e ON e.n = m.n
     WHERE m.n <= ${pairCount}`);
  // Sessions spread over the last 20 weeks and the next 4; past ones mostly held.
  await db.execute(sql`
    WITH p AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM pairs WHERE program_id = ${programId}),
         t AS (SELECT array_agg(slug ORDER BY position) AS slugs FROM topics)
    INSERT INTO sessions (pair_id, topic, starts_at, duration_minutes, status, calendar_token, created_at)
    SELECT p.id, t.slugs[1 + (p.n + k) % array_length(t.slugs, 1)], at, 60,
           CASE WHEN at > ${NOW.toISOString()}::timestamptz THEN (ARRAY['scheduled','scheduled','scheduled','cancelled'])[1 + k % 4]
                ELSE (ARRAY['held','held','held','held','held','held','missed','cancelled','scheduled','held'])[1 + (p.n + k) % 10] END,
           md5(p.id::text || k), at - interval '7 days'
      FROM p, t, generate_series(1, ${perPair}) AS k,
           LATERAL (SELECT ${NOW.toISOString()}::timestamptz - make_interval(days => 140 - ((p.n * 7 + k * 6) % 168)::int, hours => (k % 9)::int) AS at) AS s
     WHERE (p.n - 1) * ${perPair} + k <= ${SESSIONS}`);
  // Session feedback from about two people in three, and one adoption answer per mentee of a pair.
  await db.execute(sql`
    INSERT INTO feedback (session_id, pair_id, person_id, kind, happened, usefulness, learned)
    SELECT s.id, s.pair_id, who.person_id, 'session', s.status = 'held',
           CASE WHEN s.status = 'held' THEN 1 + abs(hashtext(s.id::text || who.person_id::text)) % 5 END, 'private note'
      FROM sessions s
      JOIN pairs p ON p.id = s.pair_id AND p.program_id = ${programId}
      JOIN LATERAL (SELECT person_id FROM enrollments WHERE id IN (p.mentor_enrollment_id, p.mentee_enrollment_id)) AS who ON true
     WHERE s.status IN ('held', 'missed') AND abs(hashtext(s.id::text || who.person_id::text)) % 3 <> 0`);
  await db.execute(sql`
    INSERT INTO feedback (pair_id, person_id, kind, adopted)
    SELECT p.id, e.person_id, 'adoption', abs(hashtext(p.id::text)) % 5 < 3
      FROM pairs p JOIN enrollments e ON e.id = p.mentee_enrollment_id
     WHERE p.program_id = ${programId}`);
  await db.execute(sql`ANALYZE`);
}

async function measure(target: Target): Promise<void> {
  const { database } = target;
  const seedStart = performance.now();
  await database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  const store = DrizzleStore.from(database);
  const program = (await store.findOpenProgram())!;
  await seed(database, store, program.id);
  const counts = database.rows<{ sessions: string; volunteers: string; feedback: string }>(
    await database.db.execute(sql`
      SELECT (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM enrollments) AS volunteers, (SELECT count(*) FROM feedback) AS feedback`),
  )[0]!;
  const seedMs = performance.now() - seedStart;

  const deps: CoreDeps = {
    store,
    clock: { now: () => NOW },
    logger: silent,
    settings: { admins: [], defaultLocale: 'en', defaultTimeZone: 'Europe/Paris', profileTtlMs: 86_400_000, publicUrl: 'http://127.0.0.1' },
  };
  const t = translator('en', '/tandem ');
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let lines = 0;
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const message = await buildSummary(deps, program, t, { kind: 'request', requestedBy: null });
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    lines = message.blocks.length;
    if (run > 0) {
      times.push(elapsed);
      cpuTimes.push((used.user + used.system) / 1000);
    } else console.log(`  first (cold) run: ${elapsed.toFixed(0)} ms`);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  // PGlite runs in this process: its CPU time is what the summary costs on an idle machine. (Postgres
  // works in its own processes: only the wall time is seen from here.)
  const cpuNote = target.label.startsWith('PGlite') ? `; this process's CPU time: median ${cpuTimes[Math.floor(cpuTimes.length / 2)]!.toFixed(0)} ms` : '';
  console.log(
    `${target.label}: ${Number(counts.volunteers).toLocaleString('en')} volunteers, ${Number(counts.sessions).toLocaleString('en')} sessions, ` +
      `${Number(counts.feedback).toLocaleString('en')} feedback answers (seeded in ${(seedMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  summary computed and composed (${lines} blocks): median ${median.toFixed(0)} ms over ${times.length} runs ` +
      `(min ${times[0]!.toFixed(0)}, max ${times[times.length - 1]!.toFixed(0)})${cpuNote} — target well under 3,000 ms: ${median < 1500 ? 'OK' : 'TOO SLOW'}`,
  );
  console.log(`  measured on ${describeMachine()}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const open of [pglite, throwawayPostgres]) {
    const target = await open();
    if (!target) continue;
    try {
      await measure(target);
    } finally {
      await target.dispose();
    }
  }
}
