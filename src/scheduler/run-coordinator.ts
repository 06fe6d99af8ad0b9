// node-cron's run coordinator on a Postgres table: one replica runs each slot of a distributed job.
import { lt, sql } from 'drizzle-orm';
import type { RunCoordinator } from 'node-cron';
import type { Db } from '../store/database.js';
import { cronRuns } from '../store/schema.js';

export function createRunCoordinator(db: Db, owner: string): RunCoordinator {
  return {
    async shouldRun(key: string, ttlMs: number): Promise<boolean> {
      const expiresAt = new Date(Date.now() + ttlMs);
      await db.delete(cronRuns).where(lt(cronRuns.expiresAt, sql`now() - interval '7 days'`));
      const inserted = await db
        .insert(cronRuns)
        .values({ key, owner, expiresAt })
        .onConflictDoNothing({ target: cronRuns.key })
        .returning({ key: cronRuns.key });
      return inserted.length === 1;
    },
    async onComplete(key: string): Promise<void> {
      await db.update(cronRuns).set({ finishedAt: sql`now()` }).where(sql`${cronRuns.key} = ${key}`);
    },
  };
}
