// The pool as the solver sees it: validated, sorted by id (determinism), indexed into typed arrays.
import { AVAILABILITY_SLOTS } from '../availability.js';
import { TandemError } from '../errors.js';
import { MENTOR_CAPACITY } from '../program-defaults.js';
import { buildReportingChain } from './reporting-chain.js';
import { utcOffsetMinutes, workdayOverlapMinutes } from './time-zone-overlap.js';
import type { BlockingRule, MatchInput, MatchMentee, MatchMentor, MatchWeights } from './types.js';
import { resolveWeights } from './weights.js';

export const RULE_BITS: Readonly<Record<BlockingRule, number>> = {
  reporting_chain: 1,
  previous_partner: 2,
  exclusion: 4,
  same_person: 8,
};
const MAX_MENTOR_LEVEL = 5;
const MAX_MENTEE_PRIORITY = 3;
/** Row stride of `topicPoints`: index priority × stride + level. */
export const LEVEL_STRIDE = MAX_MENTOR_LEVEL + 1;

export interface Pool {
  weights: MatchWeights;
  mentors: readonly MatchMentor[];
  mentees: readonly MatchMentee[];
  mentorCount: number;
  menteeCount: number;
  totalCapacity: number;

  /** Language of each bit of the language masks. */
  languages: readonly string[];
  mentorLanguages: Int32Array;
  menteeLanguages: Int32Array;
  mentorCapacity: Int32Array;
  /** Normalized department index, -1 when unknown. */
  mentorDepartment: Int32Array;
  menteeDepartment: Int32Array;
  /** Time-zone index; the last index stands for an unknown zone and overlaps nothing. */
  mentorZone: Int32Array;
  menteeZone: Int32Array;
  zoneCount: number;
  /** [zoneA × zoneCount + zoneB]: minutes of shared working day, and the points they earn. */
  zoneMinutes: Int32Array;
  zonePoints: Int32Array;

  topics: readonly string[];
  /** Per topic, each mentor's level (0: not offered). */
  topicLevels: readonly Uint8Array[];
  /** Per topic, the mentors offering it, in index order. */
  topicMentors: readonly Int32Array[];
  /** Mentee i's needs are needTopic/needPriority[needStart[i] .. needStart[i + 1]). */
  needStart: Int32Array;
  needTopic: Int32Array;
  needPriority: Int32Array;
  /** Points of a shared topic: [priority × LEVEL_STRIDE + level]. */
  topicPoints: Int32Array;

  teachTopics: readonly string[];
  teachWords: number;
  mentorWants: Uint32Array;
  menteeTeach: Uint32Array;
  teachBackPoints: number;

  slots: readonly string[];
  slotWords: number;
  mentorSlots: Uint32Array;
  menteeSlots: Uint32Array;
  /** Points for sharing n slots: [n]. */
  slotPoints: Int32Array;

  departmentPoints: number;
  /** mentor × menteeCount + mentee → RULE_BITS of the rules forbidding the pair. */
  blocked: Map<number, number>;
}

export function buildPool(input: MatchInput): Pool {
  const weights = resolveWeights(input.weights);
  const at = new Date(input.referenceDate);
  if (Number.isNaN(at.getTime())) throw new TandemError('invalid_input', `referenceDate is not a date: "${input.referenceDate}"`);
  const mentors = sortById(input.mentors, 'mentor');
  const mentees = sortById(input.mentees, 'mentee');
  mentors.forEach(validateMentor);
  mentees.forEach(validateMentee);
  const mentorCount = mentors.length;
  const menteeCount = mentees.length;

  const people = [mentors, mentees] as const;
  const languages = dictionary((add) => people.forEach((list) => list.forEach((p) => p.languages.forEach(add))));
  if (languages.length > 31) throw new TandemError('invalid_input', 'more than 31 distinct languages in one pool');
  const languageBit = new Map(languages.map((language, index) => [language, 1 << index]));
  const languageMask = (list: readonly string[]) => list.reduce((mask, language) => mask | (languageBit.get(language) ?? 0), 0);

  const departments = new Map<string, number>();
  const departmentIndex = (department: string | null) => {
    const key = department?.trim().toLowerCase() ?? '';
    if (key === '') return -1;
    let index = departments.get(key);
    if (index === undefined) departments.set(key, (index = departments.size));
    return index;
  };

  const zones = dictionary((add) => people.forEach((list) => list.forEach((p) => add(p.timeZone))));
  const offsets = zones.map((zone) => utcOffsetMinutes(zone, at));
  const zoneIndex = new Map(zones.map((zone, index) => [zone, offsets[index] === null ? zones.length : index]));
  const zoneCount = zones.length + 1;
  const zoneMinutes = new Int32Array(zoneCount * zoneCount);
  const zonePoints = new Int32Array(zoneCount * zoneCount);
  for (let a = 0; a < zones.length; a++) {
    for (let b = 0; b < zones.length; b++) {
      const offsetA = offsets[a];
      const offsetB = offsets[b];
      if (offsetA === null || offsetA === undefined || offsetB === null || offsetB === undefined) continue;
      const minutes = workdayOverlapMinutes(offsetA, offsetB);
      zoneMinutes[a * zoneCount + b] = minutes;
      zonePoints[a * zoneCount + b] = Math.round((weights.timeZoneHour * minutes) / 60);
    }
  }

  const topics = dictionary((add) => people.forEach((list) => list.forEach((p) => p.topics.forEach((choice) => add(choice.topic)))));
  const topicIndex = new Map(topics.map((topic, index) => [topic, index]));
  const topicLevels = topics.map(() => new Uint8Array(mentorCount));
  mentors.forEach((mentor, j) => {
    for (const { topic, level } of mentor.topics) {
      const levels = topicLevels[topicIndex.get(topic) ?? -1];
      if (levels && levels[j]! < level) levels[j] = level;
    }
  });
  const topicMentors = topicLevels.map((levels) => {
    const offering: number[] = [];
    levels.forEach((level, j) => level > 0 && offering.push(j));
    return Int32Array.from(offering);
  });
  const needStart = new Int32Array(menteeCount + 1);
  const needTopic: number[] = [];
  const needPriority: number[] = [];
  mentees.forEach((mentee, i) => {
    // Topics ascending, each once at its highest priority (insertion: a handful per mentee).
    const from = needTopic.length;
    for (const { topic, level } of mentee.topics) {
      const t = topicIndex.get(topic) ?? -1;
      let at = needTopic.length;
      while (at > from && needTopic[at - 1]! > t) at--;
      if (at > from && needTopic[at - 1] === t) {
        needPriority[at - 1] = Math.max(needPriority[at - 1]!, level);
        continue;
      }
      needTopic.splice(at, 0, t);
      needPriority.splice(at, 0, level);
    }
    needStart[i + 1] = needTopic.length;
  });
  const topicPoints = new Int32Array((MAX_MENTEE_PRIORITY + 1) * LEVEL_STRIDE);
  for (let priority = 1; priority <= MAX_MENTEE_PRIORITY; priority++) {
    for (let level = 1; level <= MAX_MENTOR_LEVEL; level++) {
      topicPoints[priority * LEVEL_STRIDE + level] = Math.round(weights.topic * priority * level);
    }
  }

  const teachTopics = dictionary((add) => {
    mentors.forEach((m) => m.wantsToLearn.forEach(add));
    mentees.forEach((m) => m.canTeach.forEach(add));
  });
  const teachWords = Math.max(1, Math.ceil(teachTopics.length / 32));
  const teachIndex = new Map(teachTopics.map((topic, index) => [topic, index]));
  const slots = dictionary((add) => {
    AVAILABILITY_SLOTS.forEach(add);
    people.forEach((list) => list.forEach((p) => p.availability.forEach(add)));
  });
  const slotWords = Math.max(1, Math.ceil(slots.length / 32));
  const slotIndex = new Map(slots.map((slot, index) => [slot, index]));
  const slotPoints = new Int32Array(slots.length + 1);
  for (let n = 0; n <= slots.length; n++) slotPoints[n] = Math.round(weights.availabilitySlot * n);

  const pool: Pool = {
    weights,
    mentors,
    mentees,
    mentorCount,
    menteeCount,
    totalCapacity: mentors.reduce((sum, mentor) => sum + mentor.capacity, 0),
    languages,
    mentorLanguages: Int32Array.from(mentors, (m) => languageMask(m.languages)),
    menteeLanguages: Int32Array.from(mentees, (m) => languageMask(m.languages)),
    mentorCapacity: Int32Array.from(mentors, (m) => m.capacity),
    mentorDepartment: Int32Array.from(mentors, (m) => departmentIndex(m.department)),
    menteeDepartment: Int32Array.from(mentees, (m) => departmentIndex(m.department)),
    mentorZone: Int32Array.from(mentors, (m) => zoneIndex.get(m.timeZone) ?? zones.length),
    menteeZone: Int32Array.from(mentees, (m) => zoneIndex.get(m.timeZone) ?? zones.length),
    zoneCount,
    zoneMinutes,
    zonePoints,
    topics,
    topicLevels,
    topicMentors,
    needStart,
    needTopic: Int32Array.from(needTopic),
    needPriority: Int32Array.from(needPriority),
    topicPoints,
    teachTopics,
    teachWords,
    mentorWants: bitSets(mentors.map((m) => m.wantsToLearn), teachIndex, teachWords),
    menteeTeach: bitSets(mentees.map((m) => m.canTeach), teachIndex, teachWords),
    teachBackPoints: Math.round(weights.teachBack),
    slots,
    slotWords,
    mentorSlots: bitSets(mentors.map((m) => m.availability), slotIndex, slotWords),
    menteeSlots: bitSets(mentees.map((m) => m.availability), slotIndex, slotWords),
    slotPoints,
    departmentPoints: Math.round(weights.otherDepartment),
    blocked: new Map(),
  };
  collectBlockedPairs(pool, input);
  return pool;
}

export function bitCount(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Pairs ruled out by the reporting chain, previous partnerships, exclusions, or being the same person. */
function collectBlockedPairs(pool: Pool, input: MatchInput): void {
  const { mentors, mentees, menteeCount, blocked } = pool;
  const mentorsOf = indexByPerson(mentors);
  const menteesOf = indexByPerson(mentees);
  const block = (mentor: number, mentee: number, rule: BlockingRule) => {
    const key = mentor * menteeCount + mentee;
    blocked.set(key, (blocked.get(key) ?? 0) | RULE_BITS[rule]);
  };
  const blockPeople = (personA: string, personB: string, rule: BlockingRule) => {
    for (const [mentorPerson, menteePerson] of [[personA, personB], [personB, personA]] as const) {
      for (const j of mentorsOf.get(mentorPerson) ?? []) for (const i of menteesOf.get(menteePerson) ?? []) block(j, i, rule);
    }
  };

  for (const [personId, mentorIndexes] of mentorsOf) {
    for (const i of menteesOf.get(personId) ?? []) for (const j of mentorIndexes) block(j, i, 'same_person');
  }
  const chain = buildReportingChain([
    ...(input.reportingLines ?? []),
    ...mentors.map((m) => [m.personId, m.managerPersonId] as const),
    ...mentees.map((m) => [m.personId, m.managerPersonId] as const),
  ]);
  mentees.forEach((mentee, i) => {
    chain.forEachAbove(mentee.personId, (boss) => {
      for (const j of mentorsOf.get(boss) ?? []) block(j, i, 'reporting_chain');
    });
  });
  mentors.forEach((mentor, j) => {
    chain.forEachAbove(mentor.personId, (boss) => {
      for (const i of menteesOf.get(boss) ?? []) block(j, i, 'reporting_chain');
    });
  });
  for (const [a, b] of input.previousPairs ?? []) blockPeople(a, b, 'previous_partner');
  for (const [a, b] of input.exclusions ?? []) blockPeople(a, b, 'exclusion');
}

function sortById<T extends { id: string }>(list: readonly T[], role: string): T[] {
  const sorted = [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k]!.id === sorted[k - 1]!.id) throw new TandemError('invalid_input', `duplicate ${role} id "${sorted[k]!.id}"`);
  }
  return sorted;
}

function validateMentor(mentor: MatchMentor): void {
  if (!Number.isInteger(mentor.capacity) || mentor.capacity < MENTOR_CAPACITY.min || mentor.capacity > MENTOR_CAPACITY.max) {
    throw new TandemError('invalid_input', `mentor ${mentor.id}: capacity must be ${MENTOR_CAPACITY.min}–${MENTOR_CAPACITY.max}, got ${mentor.capacity}`);
  }
  for (const { topic, level } of mentor.topics) {
    if (!Number.isInteger(level) || level < 1 || level > MAX_MENTOR_LEVEL) {
      throw new TandemError('invalid_input', `mentor ${mentor.id}: level of "${topic}" must be 1–${MAX_MENTOR_LEVEL}, got ${level}`);
    }
  }
}

function validateMentee(mentee: MatchMentee): void {
  for (const { topic, level } of mentee.topics) {
    if (!Number.isInteger(level) || level < 1 || level > MAX_MENTEE_PRIORITY) {
      throw new TandemError('invalid_input', `mentee ${mentee.id}: priority of "${topic}" must be 1–${MAX_MENTEE_PRIORITY}, got ${level}`);
    }
  }
}

/** Distinct values given to `add`, in code-unit order, so indexes never depend on input order. */
function dictionary(collect: (add: (value: string) => void) => void): string[] {
  const values = new Set<string>();
  collect((value) => values.add(value));
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function bitSets(lists: readonly (readonly string[])[], index: ReadonlyMap<string, number>, words: number): Uint32Array {
  const bits = new Uint32Array(lists.length * words);
  lists.forEach((list, row) => {
    for (const value of list) {
      const bit = index.get(value);
      if (bit !== undefined) bits[row * words + (bit >>> 5)]! |= 1 << (bit & 31);
    }
  });
  return bits;
}

function indexByPerson(people: readonly { personId: string }[]): Map<string, number[]> {
  const byPerson = new Map<string, number[]>();
  people.forEach((person, index) => {
    const list = byPerson.get(person.personId);
    if (list) list.push(index);
    else byPerson.set(person.personId, [index]);
  });
  return byPerson;
}
