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
  return (
    pool.teachBackPoints * sharedBits(pool.mentorWants, pool.menteeTeach, mentor, mentee, pool.teachWords) +
    pool.slotPoints[sharedBits(pool.mentorSlots, pool.menteeSlots, mentor, mentee, pool.slotWords)]! +
    (department >= 0 && mentorDepartment >= 0 && department !== mentorDepartment ? pool.departmentPoints : 0) +
    pool.zonePoints[pool.mentorZone[mentor]! * pool.zoneCount + pool.menteeZone[mentee]!]!
  );
}

export function scorePair(pool: Pool, mentor: number, mentee: number): number {
  return topicScore(pool, mentor, mentee) + contextScore(pool, mentor, mentee);
}

/**
 * Bounds on the context part of the score (teach-back, availability, department, hours):
 * contextScore(mentor j, mentee i) ≤ rest[i] + min(potential[i], mentorPotential[j]), where
 * potentials cover teach-back and availability. rest + potential is the mentee's best context.
 */
export interface ContextBounds {
  rest: Int32Array;
  potential: Int32Array;
  mentorPotential: Int32Array;
}

export function contextBoundsOf(pool: Pool): ContextBounds {
  const { zoneCount, teachWords, slotWords, menteeCount, mentorCount } = pool;
  const most = (teach: Uint32Array, slots: Uint32Array, count: number) => {
    let mostTeach = 0;
    let mostSlots = 0;
    for (let r = 0; r < count; r++) {
      mostTeach = Math.max(mostTeach, countBits(teach, r, teachWords));
      mostSlots = Math.max(mostSlots, countBits(slots, r, slotWords));
    }
    return { teach: mostTeach, slots: mostSlots };
  };
  // One side's potential can use no more teach-back topics or slots than the other side ever has.
  const potentials = (teach: Uint32Array, slots: Uint32Array, count: number, other: { teach: number; slots: number }) =>
    Int32Array.from(
      { length: count },
      (_, r) =>
        pool.teachBackPoints * Math.min(other.teach, countBits(teach, r, teachWords)) +
        pool.slotPoints[Math.min(other.slots, countBits(slots, r, slotWords))]!,
    );
  const menteeMost = most(pool.menteeTeach, pool.menteeSlots, menteeCount);
  const mentorMost = most(pool.mentorWants, pool.mentorSlots, mentorCount);
  const mentorZones = new Set(pool.mentorZone);
  const bestZonePoints = new Int32Array(zoneCount);
  for (let zone = 0; zone < zoneCount; zone++) {
    for (const other of mentorZones) bestZonePoints[zone] = Math.max(bestZonePoints[zone]!, pool.zonePoints[other * zoneCount + zone]!);
  }
  return {
    rest: Int32Array.from(
      { length: menteeCount },
      (_, i) => (pool.menteeDepartment[i]! >= 0 ? pool.departmentPoints : 0) + bestZonePoints[pool.menteeZone[i]!]!,
    ),
    potential: potentials(pool.menteeTeach, pool.menteeSlots, menteeCount, mentorMost),
    mentorPotential: potentials(pool.mentorWants, pool.mentorSlots, mentorCount, menteeMost),
  };
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
