// The soft score of a (mentor, mentee) pair, as one integer and as the reasons that make it up.
import { LEVEL_STRIDE, bitCount, type Pool } from './pool.js';
import type { PairReason } from './types.js';

const REASON_ORDER: readonly PairReason['code'][] = [
  'shared_topic',
  'teach_back',
  'other_department',
  'timezone_overlap',
  'availability_overlap',
];

/** At least one shared language and no hard rule against the pair. */
export function isCompatible(pool: Pool, mentor: number, mentee: number): boolean {
  return (pool.mentorLanguages[mentor]! & pool.menteeLanguages[mentee]!) !== 0 && !pool.blocked.has(mentor * pool.menteeCount + mentee);
}

/** Score of the topics both share: Σ points(priority, level). */
export function topicScore(pool: Pool, mentor: number, mentee: number): number {
  const { needStart, needTopic, needPriority, topicLevels, topicPoints } = pool;
  let points = 0;
  for (let k = needStart[mentee]!, end = needStart[mentee + 1]!; k < end; k++) {
    points += topicPoints[needPriority[k]! * LEVEL_STRIDE + topicLevels[needTopic[k]!]![mentor]!]!;
  }
  return points;
}

/** Score of everything but topics: teach-back, department, working hours, availability. */
export function contextScore(pool: Pool, mentor: number, mentee: number): number {
  const department = pool.menteeDepartment[mentee]!;
  const mentorDepartment = pool.mentorDepartment[mentor]!;
  const { teachTable, slotTable } = pool;
  return (
    (teachTable.points !== null
      ? teachTable.points[teachTable.menteeKind[mentee]! * teachTable.mentorKinds + teachTable.mentorKind[mentor]!]!
      : pool.teachBackPoints * sharedBits(pool.mentorWants, pool.menteeTeach, mentor, mentee, pool.teachWords)) +
    (slotTable.points !== null
      ? slotTable.points[slotTable.menteeKind[mentee]! * slotTable.mentorKinds + slotTable.mentorKind[mentor]!]!
      : pool.slotPoints[sharedBits(pool.mentorSlots, pool.menteeSlots, mentor, mentee, pool.slotWords)]!) +
    (department >= 0 && mentorDepartment >= 0 && department !== mentorDepartment ? pool.departmentPoints : 0) +
    pool.zonePoints[pool.mentorZone[mentor]! * pool.zoneCount + pool.menteeZone[mentee]!]!
  );
}

export function scorePair(pool: Pool, mentor: number, mentee: number): number {
  return topicScore(pool, mentor, mentee) + contextScore(pool, mentor, mentee);
}

/**
 * Bounds on the context part of the score (teach-back, availability, department, hours), from
 * one side: contextScore(row, partner) ≤ rest[row] + min(potential[row], partnerPotential[partner]),
 * where potentials cover teach-back and availability. rest + potential is the row's best context.
 */
export interface ContextBounds {
  rest: Int32Array;
  potential: Int32Array;
  partnerPotential: Int32Array;
}

export function contextBoundsOf(pool: Pool, side: 'mentee' | 'mentor'): ContextBounds {
  const byMentee = side === 'mentee';
  const rows = byMentee
    ? { count: pool.menteeCount, teach: pool.menteeTeach, slots: pool.menteeSlots, department: pool.menteeDepartment, zone: pool.menteeZone }
    : { count: pool.mentorCount, teach: pool.mentorWants, slots: pool.mentorSlots, department: pool.mentorDepartment, zone: pool.mentorZone };
  const partners = byMentee
    ? { count: pool.mentorCount, teach: pool.mentorWants, slots: pool.mentorSlots, zone: pool.mentorZone }
    : { count: pool.menteeCount, teach: pool.menteeTeach, slots: pool.menteeSlots, zone: pool.menteeZone };
  const { zoneCount, teachWords, slotWords } = pool;
  const potentials = (list: typeof rows | typeof partners, mostTeach: number, mostSlots: number) =>
    Int32Array.from({ length: list.count }, (_, r) =>
      pool.teachBackPoints * Math.min(mostTeach, countBits(list.teach, r, teachWords)) +
      pool.slotPoints[Math.min(mostSlots, countBits(list.slots, r, slotWords))]!,
    );
  const most = (list: typeof rows | typeof partners) => {
    let teach = 0;
    let slots = 0;
    for (let r = 0; r < list.count; r++) {
      teach = Math.max(teach, countBits(list.teach, r, teachWords));
      slots = Math.max(slots, countBits(list.slots, r, slotWords));
    }
    return { teach, slots };
  };
  const rowMost = most(rows);
  const partnerMost = most(partners);
  const partnerZones = new Set<number>();
  for (let p = 0; p < partners.count; p++) partnerZones.add(partners.zone[p]!);
  const bestZonePoints = new Int32Array(zoneCount);
  for (let zone = 0; zone < zoneCount; zone++) {
    for (const other of partnerZones) bestZonePoints[zone] = Math.max(bestZonePoints[zone]!, pool.zonePoints[other * zoneCount + zone]!);
  }
  return {
    rest: Int32Array.from({ length: rows.count }, (_, r) => (rows.department[r]! >= 0 ? pool.departmentPoints : 0) + bestZonePoints[rows.zone[r]!]!),
    potential: potentials(rows, partnerMost.teach, partnerMost.slots),
    partnerPotential: potentials(partners, rowMost.teach, rowMost.slots),
  };
}

/** The most `contextScore` can give each row (mentee or mentor) with any partner. */
export function contextBounds(pool: Pool, side: 'mentee' | 'mentor'): Int32Array {
  const { rest, potential } = contextBoundsOf(pool, side);
  return rest.map((value, r) => value + potential[r]!);
}

/** Every component that scored, best first; their points add up to `scorePair`. */
export function explainPair(pool: Pool, mentor: number, mentee: number): PairReason[] {
  const reasons: PairReason[] = [];
  const { needStart, needTopic, needPriority, topicLevels, topicPoints, topics } = pool;
  for (let k = needStart[mentee]!, end = needStart[mentee + 1]!; k < end; k++) {
    const mentorLevel = topicLevels[needTopic[k]!]![mentor]!;
    const priority = needPriority[k]!;
    const points = topicPoints[priority * LEVEL_STRIDE + mentorLevel]!;
    if (mentorLevel > 0) reasons.push({ code: 'shared_topic', topic: topics[needTopic[k]!]!, mentorLevel, priority, points });
  }
  for (let bit = 0; bit < pool.teachTopics.length; bit++) {
    const word = bit >>> 5;
    const mask = 1 << (bit & 31);
    if (pool.mentorWants[mentor * pool.teachWords + word]! & pool.menteeTeach[mentee * pool.teachWords + word]! & mask) {
      reasons.push({ code: 'teach_back', topic: pool.teachTopics[bit]!, points: pool.teachBackPoints });
    }
  }
  const department = pool.menteeDepartment[mentee]!;
  const mentorDepartment = pool.mentorDepartment[mentor]!;
  if (department >= 0 && mentorDepartment >= 0 && department !== mentorDepartment) {
    reasons.push({ code: 'other_department', points: pool.departmentPoints });
  }
  const zonePair = pool.mentorZone[mentor]! * pool.zoneCount + pool.menteeZone[mentee]!;
  const minutes = pool.zoneMinutes[zonePair]!;
  if (minutes > 0) reasons.push({ code: 'timezone_overlap', hours: minutes / 60, points: pool.zonePoints[zonePair]! });
  const slots = sharedBits(pool.mentorSlots, pool.menteeSlots, mentor, mentee, pool.slotWords);
  if (slots > 0) reasons.push({ code: 'availability_overlap', slots, points: pool.slotPoints[slots]! });
  return reasons
    .filter((reason) => reason.points > 0)
    .sort(
      (a, b) =>
        b.points - a.points ||
        REASON_ORDER.indexOf(a.code) - REASON_ORDER.indexOf(b.code) ||
        compareStrings('topic' in a ? a.topic : '', 'topic' in b ? b.topic : ''),
    );
}

/** Languages both speak, in the pool's language order. */
export function sharedLanguages(pool: Pool, mentor: number, mentee: number): string[] {
  const shared = pool.mentorLanguages[mentor]! & pool.menteeLanguages[mentee]!;
  return pool.languages.filter((_, bit) => (shared & (1 << bit)) !== 0);
}

function sharedBits(a: Uint32Array, b: Uint32Array, rowA: number, rowB: number, words: number): number {
  let count = 0;
  for (let w = 0; w < words; w++) count += bitCount(a[rowA * words + w]! & b[rowB * words + w]!);
  return count;
}

function countBits(bits: Uint32Array, row: number, words: number): number {
  let count = 0;
  for (let w = 0; w < words; w++) count += bitCount(bits[row * words + w]!);
  return count;
}


function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
