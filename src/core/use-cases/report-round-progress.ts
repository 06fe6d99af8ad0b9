// Job: while a round's announcements go out, keep the admin's progress message current; then the final report.
import type { CoreDeps } from '../context.js';
import { ROUND_ANNOUNCEMENT_KINDS } from './pairing-round.js';

export async function reportRoundProgress(deps: CoreDeps): Promise<void> {
  const { store, clock } = deps;
  for (const round of await store.listUnreportedRounds()) {
    if (!round.confirmedBy) {
      await store.markRoundReported(round.id, clock.now());
      continue;
    }
    const stats = await store.roundDeliveryStats(round.id, ROUND_ANNOUNCEMENT_KINDS);
    const now = clock.now();
    if (stats.pending === 0) {
      await store.transaction(async (tx) => {
        await tx.enqueueNotifications([
          // The progress message shows the final count too.
          {
            recipientId: round.confirmedBy!,
            kind: 'round.progress',
            payload: { roundId: round.id, replaces: `round.progress:${round.id}` },
            dueAt: now,
            dedupeKey: `round.progress:${round.id}:${stats.total}`,
          },
          { recipientId: round.confirmedBy!, kind: 'round.report', payload: { roundId: round.id }, dueAt: now, dedupeKey: `round.report:${round.id}` },
        ]);
        await tx.markRoundReported(round.id, now);
      });
      continue;
    }
    // One update per change of the count: the dedupe key makes a tick without news a no-op.
    const done = stats.total - stats.pending;
    await store.enqueueNotifications([
      {
        recipientId: round.confirmedBy,
        kind: 'round.progress',
        payload: { roundId: round.id, replaces: `round.progress:${round.id}` },
        dueAt: now,
        dedupeKey: `round.progress:${round.id}:${done}`,
      },
    ]);
  }
}
