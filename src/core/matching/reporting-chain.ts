// Who is above whom, as far as the data knows: every manager link of participants and of the org.

/** Beyond this depth a chain is data gone wrong (a cycle is also cut by the visited set). */
const MAX_CHAIN_DEPTH = 64;

export interface ReportingChain {
  /** Everyone above `personId` (manager, manager's manager, …), nearest first, without `personId`. */
  above(personId: string): string[];
  /** Calls `visit` for everyone above `personId`, in the order of above() (visit must not use the chain). */
  forEachAbove(personId: string, visit: (personId: string) => void): void;
}

/** Links are [personId, managerPersonId]; a person with two known managers keeps both. */
export function buildReportingChain(links: Iterable<readonly [string, string | null]>): ReportingChain {
  // People as numbers, managers as lists of numbers: searches then allocate nothing.
  const ids = new Map<string, number>();
  const names: string[] = [];
  const idOf = (personId: string) => {
    let id = ids.get(personId);
    if (id === undefined) {
      ids.set(personId, (id = names.length));
      names.push(personId);
    }
    return id;
  };
  const managers: number[][] = [];
  for (const [personId, managerId] of links) {
    if (managerId === null || managerId === personId) continue;
    const person = idOf(personId);
    const manager = idOf(managerId);
    while (managers.length <= person) managers.push([]);
    const known = managers[person]!;
    if (!known.includes(manager)) known.push(manager);
  }
  const seen = new Int32Array(names.length);
  let stamp = 0;
  let queue = new Int32Array(16);

  const forEachAbove = (personId: string, visit: (personId: string) => void) => {
    const start = ids.get(personId);
    if (start === undefined || (managers[start]?.length ?? 0) === 0) return;
    stamp++;
    seen[start] = stamp;
    queue[0] = start;
    // Breadth first, level by level: queue[from .. to) is the current level.
    let from = 0;
    let to = 1;
    for (let depth = 0; depth < MAX_CHAIN_DEPTH && from < to; depth++) {
      let next = to;
      for (let n = from; n < to; n++) {
        for (const manager of managers[queue[n]!] ?? []) {
          if (seen[manager] === stamp) continue;
          seen[manager] = stamp;
          if (next === queue.length) {
            const grown = new Int32Array(queue.length * 2);
            grown.set(queue);
            queue = grown;
          }
          queue[next++] = manager;
          visit(names[manager]!);
        }
      }
      from = to;
      to = next;
    }
  };
  return {
    forEachAbove,
    above(personId) {
      const result: string[] = [];
      forEachAbove(personId, (manager) => result.push(manager));
      return result;
    },
  };
}
