// Random pools for property tests: few topics, languages and people, so rules and ties collide often.
import fc from 'fast-check';
import type { MatchInput, MatchMentee, MatchMentor } from '../../src/core/matching/index.js';
import type { Locale } from '../../src/core/types.js';

const TOPICS = ['genai', 'cyber', 'data', 'social'];
const TEACH = ['strategy', 'career', 'finance'];
const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Not/AZone'];
const SLOTS = ['mon-am', 'mon-pm', 'tue-am', 'wed-pm'];
const DEPARTMENTS = ['IT', 'Sales', 'it ', null];
const LANGUAGE_SETS: Locale[][] = [['fr'], ['en'], ['fr', 'en'], []];

export interface PoolShape {
  maxMentors: number;
  maxMentees: number;
}

/** A pool of people p0…pN (mentors and mentees may be the same person), with links between them. */
export function pools({ maxMentors, maxMentees }: PoolShape): fc.Arbitrary<MatchInput> {
  return fc
    .record({
      mentorCount: fc.integer({ min: 0, max: maxMentors }),
      menteeCount: fc.integer({ min: 0, max: maxMentees }),
      extraPeople: fc.integer({ min: 0, max: 3 }),
    })
    .chain(({ mentorCount, menteeCount, extraPeople }) => {
      const people = Math.max(1, mentorCount + menteeCount + extraPeople);
      const person = fc.integer({ min: 0, max: people - 1 }).map((n) => `p${n}`);
      const manager = fc.option(person, { nil: null, freq: 2 });
      const shared = {
        languages: fc.constantFrom(...LANGUAGE_SETS),
        department: fc.constantFrom(...DEPARTMENTS),
        managerPersonId: manager,
        timeZone: fc.constantFrom(...ZONES),
        availability: fc.subarray(SLOTS),
      };
      const mentor = fc.record({
        personId: person,
        capacity: fc.integer({ min: 1, max: 3 }),
        topics: fc.uniqueArray(fc.record({ topic: fc.constantFrom(...TOPICS), level: fc.integer({ min: 1, max: 5 }) }), {
          selector: (choice) => choice.topic,
          maxLength: 3,
        }),
        wantsToLearn: fc.subarray(TEACH),
        ...shared,
      });
      const mentee = fc.record({
        personId: person,
        topics: fc.uniqueArray(fc.record({ topic: fc.constantFrom(...TOPICS), level: fc.integer({ min: 1, max: 3 }) }), {
          selector: (choice) => choice.topic,
          maxLength: 3,
        }),
        canTeach: fc.subarray(TEACH),
        ...shared,
      });
      const link = fc.tuple(person, person);
      return fc.record({
        mentors: fc.array(mentor, { minLength: mentorCount, maxLength: mentorCount }),
        mentees: fc.array(mentee, { minLength: menteeCount, maxLength: menteeCount }),
        previousPairs: fc.array(link, { maxLength: 4 }),
        exclusions: fc.array(link, { maxLength: 3 }),
        reportingLines: fc.array(link, { maxLength: 3 }),
        referenceDate: fc.constantFrom('2025-01-15T12:00:00Z', '2025-07-15T12:00:00Z'),
      });
    })
    .map(({ mentors, mentees, ...rest }) => ({
      ...rest,
      mentors: mentors.map((m, n): MatchMentor => ({ id: `mentor-${n}`, ...m })),
      mentees: mentees.map((m, n): MatchMentee => ({ id: `mentee-${n}`, ...m })),
    }));
}

/** The same pool with every list in another order (ids unchanged). */
export function shuffled(input: MatchInput, seed: number): MatchInput {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const shuffle = <T>(list: readonly T[]): T[] => {
    const copy = [...list];
    for (let n = copy.length - 1; n > 0; n--) {
      const k = Math.floor(random() * (n + 1));
      [copy[n], copy[k]] = [copy[k]!, copy[n]!];
    }
    return copy;
  };
  return {
    ...input,
    mentors: shuffle(input.mentors),
    mentees: shuffle(input.mentees),
    previousPairs: shuffle(input.previousPairs ?? []),
    exclusions: shuffle(input.exclusions ?? []),
    reportingLines: shuffle(input.reportingLines ?? []),
  };
}
