// The job registry: every recurring job, its cron expression, and the use case it calls.
import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { CoreDeps } from '../core/context.js';
import { resumeExpiredPauses } from '../core/use-cases/pause-enrollment.js';
import { reportRoundProgress } from '../core/use-cases/report-round-progress.js';
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
