// Pairing rounds: exact optimal matching of mentees to mentors under hard rules, with explained scores.
export { solveMatching, DEFAULT_SOLVE_OPTIONS, type SolveOptions } from './solve-matching.js';
export { DEFAULT_WEIGHTS } from './weights.js';
export { createPairEvaluator, type PairEvaluation, type PairEvaluator } from './evaluate-pair.js';
export { matchPoolFromEnrollments, type MatchPool } from './pool-from-enrollments.js';
export type {
  BlockingRule,
  MatchInput,
  MatchMentee,
  MatchMentor,
  MatchPair,
  MatchResult,
  MatchStats,
  MatchWeights,
  MenteeUnmatchedReason,
  MentorUnmatchedReason,
  PairReason,
  PairReasonCode,
  UnmatchedEntry,
} from './types.js';
