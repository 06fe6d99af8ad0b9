// Who is above whom, as far as the data knows: every manager link of participants and of the org.

/** Beyond this depth a chain is data gone wrong (a cycle is also cut by the visited set). */
const MAX_CHAIN_DEPTH = 64;

export interface ReportingChain {
  /** Everyone above `personId` (manager, manager's manager, …), nearest first, without `personId`. */
  above(personId: string): string[];
}

/** Links are [personId, managerPersonId]; a person with two known managers keeps both. */
export function buildReportingChain(links: Iterable<readonly [string, string | null]>): ReportingChain {
  const managers = new Map<string, string[]>();
  for (const [personId, managerId] of links) {
    if (managerId === null || managerId === personId) continue;
    const known = managers.get(personId);
    if (!known) managers.set(personId, [managerId]);
    else if (!known.includes(managerId)) known.push(managerId);
  }
  return {
    above(personId) {
      const seen = new Set<string>([personId]);
      const result: string[] = [];
      let level = [personId];
      for (let depth = 0; depth < MAX_CHAIN_DEPTH && level.length > 0; depth++) {
        const next: string[] = [];
        for (const person of level) {
          for (const manager of managers.get(person) ?? []) {
            if (seen.has(manager)) continue;
            seen.add(manager);
            result.push(manager);
            next.push(manager);
          }
        }
        level = next;
      }
      return result;
    },
  };
}
