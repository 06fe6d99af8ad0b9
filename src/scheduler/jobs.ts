// The job registry: every recurring job, its cron expression, and the use case it calls.
import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { CoreDeps } from '../core/context.js';
import { resumeExpiredPauses } from '../core/use-cases/pause-enrollment.js';
import { reportRoundProgress } from '../core/use-cases/report-round-progress.js';
import { nudgeQuietPairs } from '../core/use-cases/nudge-pairs.js';
import { askAboutEndedSessions } from '../core/use-cases/session-feedback.js';
import { enqueueWeeklyDigests } from '../core/use-cases/weekly-summary.js';
import { purgeExpiredExports } from '../core/use-cases/export-data.js';
import type { Dispatcher } from './dispatcher.js';

export interface Job {
  name: string;
  schedule: string;
  /** Runs on one replica per slot (coordinated through Postgres) rather than on every replica. */
  oncePerSlot: boolean;
  run(): Promise<unknown>;
}

export function jobRegistry(deps: CoreDeps, dispatcher: Dispatcher): Job[] {
  return [
    { name: 'outbox', schedule: '*/5 * * * * *', oncePerSlot: false, run: () => dispatcher.tick() },
    { name: 'resume-expired-pauses', schedule: '5 * * * *', oncePerSlot: true, run: () => resumeExpiredPauses(deps) },
    // Idempotent (dedupe keys), so every replica may run it.
    { name: 'round-progress', schedule: '*/10 * * * * *', oncePerSlot: false, run: () => reportRoundProgress(deps) },
    // Engagement: the nudge ladder once a day; "did it happen?" every five minutes (idempotent: dedupe keys).
    { name: 'nudge-quiet-pairs', schedule: '0 6 * * *', oncePerSlot: true, run: () => nudgeQuietPairs(deps) },
    { name: 'ask-after-sessions', schedule: '*/5 * * * *', oncePerSlot: false, run: () => askAboutEndedSessions(deps) },
    // Weekly program summaries: each program's slot is checked every quarter hour (dedupe: one per ISO week).
    { name: 'weekly-summaries', schedule: '1,16,31,46 * * * *', oncePerSlot: true, run: () => enqueueWeeklyDigests(deps) },
    // Download links (Teams exports) live a day; their files are deleted within the hour after.
    { name: 'purge-expired-exports', schedule: '23 * * * *', oncePerSlot: true, run: () => purgeExpiredExports(deps) },
  ];
}

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(jobs: Job[], options: { coordinator: RunCoordinator; onError(job: string, error: unknown): void }): Scheduler {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      async () => {
        try {
          await job.run();
        } catch (error) {
          options.onError(job.name, error);
        }
      },
      {
        name: job.name,
        noOverlap: true,
        ...(job.oncePerSlot ? { distributed: true, runCoordinator: options.coordinator, distributedLease: 10 * 60_000 } : {}),
      },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
