// Slack wants an answer within 3 seconds; the core may be slower (a cold database, a lock).

export type Raced<T> = { inTime: true; value: T } | { inTime: false };

/** Waits for `work` at most `ms`. When it is late, keep awaiting `work` itself for the result. */
export async function raceDeadline<T>(work: Promise<T>, ms: number): Promise<Raced<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Raced<T>>((resolve) => {
    timer = setTimeout(() => resolve({ inTime: false }), ms);
  });
  try {
    return await Promise.race([work.then((value): Raced<T> => ({ inTime: true, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
