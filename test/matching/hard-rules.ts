// An independent reading of the hard rules, to check every pair the solver proposes.
import type { MatchInput, MatchResult } from '../../src/core/matching/index.js';

/** Everyone above `personId` in the org chart, however far, following every known link. */
function chainAbove(input: MatchInput, personId: string): Set<string> {
  const links = [
    ...(input.reportingLines ?? []),
    ...input.mentors.map((m) => [m.personId, m.managerPersonId] as const),
    ...input.mentees.map((m) => [m.personId, m.managerPersonId] as const),
  ];
  const above = new Set<string>();
  const queue = [personId];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const [person, manager] of links) {
      if (person === current && manager !== null && manager !== personId && !above.has(manager)) {
        above.add(manager);
        queue.push(manager);
      }
    }
  }
  return above;
}

/** Why mentor and mentee may not be paired, or null when they may. */
export function forbiddenBecause(input: MatchInput, mentorId: string, menteeId: string): string | null {
  const mentor = input.mentors.find((m) => m.id === mentorId);
  const mentee = input.mentees.find((m) => m.id === menteeId);
  if (!mentor || !mentee) return 'unknown id';
  if (!mentor.languages.some((language) => mentee.languages.includes(language))) return 'no shared language';
  if (mentor.personId === mentee.personId) return 'same person';
  if (chainAbove(input, mentee.personId).has(mentor.personId)) return 'mentor above mentee';
  if (chainAbove(input, mentor.personId).has(mentee.personId)) return 'mentee above mentor';
  const samePair = ([a, b]: readonly [string, string]) =>
    (a === mentor.personId && b === mentee.personId) || (a === mentee.personId && b === mentor.personId);
  if ((input.previousPairs ?? []).some(samePair)) return 'previous partners';
  if ((input.exclusions ?? []).some(samePair)) return 'excluded';
  return null;
}

/** Every broken rule in a result: forbidden pairs, overbooked mentors, mentees paired twice. */
export function brokenRules(input: MatchInput, result: MatchResult): string[] {
  const problems: string[] = [];
  const load = new Map<string, number>();
  const paired = new Set<string>();
  for (const pair of result.pairs) {
    const reason = forbiddenBecause(input, pair.mentorId, pair.menteeId);
    if (reason) problems.push(`${pair.mentorId}/${pair.menteeId}: ${reason}`);
    if (paired.has(pair.menteeId)) problems.push(`${pair.menteeId} paired twice`);
    paired.add(pair.menteeId);
    load.set(pair.mentorId, (load.get(pair.mentorId) ?? 0) + 1);
  }
  for (const mentor of input.mentors) {
    if ((load.get(mentor.id) ?? 0) > mentor.capacity) problems.push(`${mentor.id} over capacity`);
  }
  return problems;
}
