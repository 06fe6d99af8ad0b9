// One pair looked at on its own: is it allowed, and what would it score? (admin "why not X with Y?", test oracles)
import { buildPool, RULE_BITS } from './pool.js';
import { explainPair, isCompatible, scorePair, sharedLanguages } from './score.js';
import type { BlockingRule, MatchInput, PairReason } from './types.js';
import type { Locale } from '../types.js';

export type PairEvaluation =
  | { allowed: true; score: number; languages: Locale[]; reasons: PairReason[] }
  | { allowed: false; languages: Locale[]; blockedBy: ('no_shared_language' | BlockingRule)[] };

export interface PairEvaluator {
  /** Mentor and mentee ids in the solver's canonical order. */
  mentorIds: readonly string[];
  menteeIds: readonly string[];
  /** The pair's score, or null when a hard rule forbids it. Cheap: no explanation built. */
  score(mentorId: string, menteeId: string): number | null;
  evaluate(mentorId: string, menteeId: string): PairEvaluation;
}

export function createPairEvaluator(input: MatchInput): PairEvaluator {
  const pool = buildPool(input);
  const mentorIndex = new Map(pool.mentors.map((mentor, j) => [mentor.id, j]));
  const menteeIndex = new Map(pool.mentees.map((mentee, i) => [mentee.id, i]));
  const indexes = (mentorId: string, menteeId: string): [number, number] => {
    const j = mentorIndex.get(mentorId);
    const i = menteeIndex.get(menteeId);
    if (j === undefined || i === undefined) throw new RangeError(`unknown pair ${mentorId} / ${menteeId}`);
    return [j, i];
  };
  return {
    mentorIds: pool.mentors.map((mentor) => mentor.id),
    menteeIds: pool.mentees.map((mentee) => mentee.id),
    score(mentorId, menteeId) {
      const [j, i] = indexes(mentorId, menteeId);
      return isCompatible(pool, j, i) ? scorePair(pool, j, i) : null;
    },
    evaluate(mentorId, menteeId) {
      const [j, i] = indexes(mentorId, menteeId);
      const languages = sharedLanguages(pool, j, i) as Locale[];
      if (isCompatible(pool, j, i)) return { allowed: true, score: scorePair(pool, j, i), languages, reasons: explainPair(pool, j, i) };
      const bits = pool.blocked.get(j * pool.menteeCount + i) ?? 0;
      const blockedBy: ('no_shared_language' | BlockingRule)[] = languages.length === 0 ? ['no_shared_language'] : [];
      for (const [rule, bit] of Object.entries(RULE_BITS) as [BlockingRule, number][]) if (bits & bit) blockedBy.push(rule);
      return { allowed: false, languages, blockedBy };
    },
  };
}
