// Opens the database (embedded PGlite, or Postgres through postgres.js) and applies migrations.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Rows of a raw `db.execute()`: postgres.js returns an array, PGlite an object with `rows`. */
  rows<T>(result: unknown): T[];
  /** Applies pending migrations, then `afterwards` (seeding), all under one advisory lock. */
  migrate(afterwards?: (db: Db) => Promise<void>): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Arbitrary constant: the advisory lock every replica takes while migrating and seeding. */
export const MIGRATION_LOCK_KEY = 726_436_001;

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory; absent means in memory (tests). */
  dataDir?: string;
  /** postgres.js pool size. */
  maxConnections?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.maxConnections ?? 10) : openPglite(options.dataDir);
}

function rows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let lock: DataDirLock | null = null;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir ? { dataDir } : {});
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    rows,
    async migrate(afterwards) {
      // One process owns a PGlite directory, but the lock keeps one code path for both kinds.
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
        await afterwards?.(db);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    },
    async ping() {
      await client.query('SELECT 1');
      return true;
    },
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const client = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'tandem' } });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    rows,
    async migrate(afterwards) {
      // Session-level advisory lock on a reserved connection: a second replica waits here
      // until the first has migrated, then finds nothing left to apply.
      const lockConnection = await client.reserve();
      try {
        await lockConnection`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        try {
          await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_FOLDER });
          await afterwards?.(db);
        } finally {
          await lockConnection`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
        }
      } finally {
        lockConnection.release();
      }
    },
    async ping() {
      await db.execute(sql`SELECT 1`);
      return true;
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}
