// The matching module's public vocabulary: who can be paired, what a pairing round returns.
import type { Locale } from '../types.js';

/** One approved, active mentor enrollment of the program. */
export interface MatchMentor {
  /** Enrollment id (unique among mentors). */
  id: string;
  personId: string;
  languages: readonly Locale[];
  /** How many mentees this mentor takes: 1–3. */
  capacity: number;
  /** Digital topics offered, with mastery level 1–5. */
  topics: readonly { topic: string; level: number }[];
  /** Business topics (teach-back slugs) the mentor wants to learn from a mentee. */
  wantsToLearn: readonly string[];
  department: string | null;
  managerPersonId: string | null;
  /** IANA time zone. */
  timeZone: string;
  /** Half-day slots such as 'mon-am' (see availability.ts). */
  availability: readonly string[];
}

/** One active mentee enrollment of the program. */
export interface MatchMentee {
  /** Enrollment id (unique among mentees). */
  id: string;
  personId: string;
  languages: readonly Locale[];
  /** Digital topics wanted, with priority 1 (nice to have) – 3 (must have). */
  topics: readonly { topic: string; level: number }[];
  /** Business topics (teach-back slugs) the mentee can teach in return. */
  canTeach: readonly string[];
  department: string | null;
  managerPersonId: string | null;
  timeZone: string;
  availability: readonly string[];
}

/** Points of each score component; the score of a pair is the sum of its rounded components. */
export interface MatchWeights {
  /** Per unit of (mentee priority × mentor level) on a shared topic: at most 3 × 5 × weight per topic. */
  topic: number;
  /** Per business topic the mentee can teach and the mentor wants to learn. */
  teachBack: number;
  /** When both departments are known and differ. */
  otherDepartment: number;
  /** Per hour of overlap of the two 9:00–18:00 local working days (0–9 h). */
  timeZoneHour: number;
  /** Per half-day availability slot both share. */
  availabilitySlot: number;
}

export interface MatchInput {
  mentors: readonly MatchMentor[];
  mentees: readonly MatchMentee[];
  /** Pairs of earlier rounds as [mentorPersonId, menteePersonId]; never paired again, in either role. */
  previousPairs?: readonly (readonly [string, string])[];
  /** Admin-declared exclusions [personIdA, personIdB], either order. */
  exclusions?: readonly (readonly [string, string])[];
  /**
   * Extra reporting lines [personId, managerPersonId] for people outside the pool: the chain
   * runs through them (a mentor whose manager's manager is a mentee). Participants' own
   * `managerPersonId` are always used.
   */
  reportingLines?: readonly (readonly [string, string])[];
  weights?: Partial<MatchWeights>;
  /** ISO date-time of the round: time-zone offsets (daylight saving) are taken at this instant. */
  referenceDate: string;
}

/** Why a pair scores what it scores; the caller words and localizes them. `points` add up to the score. */
export type PairReason =
  | { code: 'shared_topic'; topic: string; mentorLevel: number; priority: number; points: number }
  | { code: 'teach_back'; topic: string; points: number }
  | { code: 'other_department'; points: number }
  | { code: 'timezone_overlap'; hours: number; points: number }
  | { code: 'availability_overlap'; slots: number; points: number };

export type PairReasonCode = PairReason['code'];

export interface MatchPair {
  mentorId: string;
  menteeId: string;
  score: number;
  /** Languages both speak (the intro can be written in any of them). */
  languages: Locale[];
  /** Every component that scored, best first. */
  reasons: PairReason[];
}

/** A hard rule that forbids pairing two people who share a language. */
export type BlockingRule = 'reporting_chain' | 'previous_partner' | 'exclusion' | 'same_person';

export type MenteeUnmatchedReason =
  /** The pool has no mentor at all. */
  | { code: 'no_mentors' }
  /** No mentor speaks any of the mentee's languages. */
  | { code: 'no_shared_language' }
  /** Mentors share a language, but every one of them is ruled out. */
  | { code: 'no_compatible_mentor'; blockedBy: BlockingRule[] }
  /** Compatible mentors exist, all of them full with mentees who had no other option as good. */
  | { code: 'all_compatible_full'; compatibleMentors: number };

export type MentorUnmatchedReason =
  | { code: 'no_mentees' }
  | { code: 'no_shared_language' }
  | { code: 'no_compatible_mentee'; blockedBy: BlockingRule[] }
  /** Every compatible mentee was paired with someone else. */
  | { code: 'mentees_paired_elsewhere'; compatibleMentees: number };

export type UnmatchedEntry =
  | { role: 'mentee'; menteeId: string; reason: MenteeUnmatchedReason }
  /** Mentors left with no mentee at all; mentors with some spare capacity are not listed. */
  | { role: 'mentor'; mentorId: string; reason: MentorUnmatchedReason };

export interface MatchStats {
  mentors: number;
  mentees: number;
  /** Seats offered: the sum of mentor capacities. */
  capacity: number;
  matched: number;
  /** Allowed (mentor, mentee) pairs in the full problem. */
  compatiblePairs: number;
  /** Pairs the solver actually worked on (first candidates plus those the optimality proof added). */
  candidatePairs: number;
  /** Optimality checks run (the last one proves the optimum over all allowed pairs). */
  rounds: number;
}

export interface MatchResult {
  /** Sorted by mentee id. */
  pairs: MatchPair[];
  /** Mentees without a mentor (mentee id order), then mentors without any mentee (mentor id order). */
  unmatched: UnmatchedEntry[];
  totalScore: number;
  stats: MatchStats;
}
