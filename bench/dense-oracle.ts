/**
 * Exact dense solve with `munkres` (Hungarian algorithm), the test oracle: every mentor is
 * expanded into one column per seat, every allowed pair weighs BIG + score (most mentees matched
 * first, then the score), and a forbidden pair costs 0, the same as leaving the mentee unmatched.
 */
import munkres from 'munkres';
import { createPairEvaluator, type MatchInput } from '../src/core/matching/index.js';

export interface DenseSolution {
  matched: number;
  totalScore: number;
  pairs: { mentorId: string; menteeId: string; score: number }[];
}

export function solveDense(input: MatchInput): DenseSolution {
  const evaluator = createPairEvaluator(input);
  const { mentorIds, menteeIds } = evaluator;
  const capacity = new Map(input.mentors.map((mentor) => [mentor.id, mentor.capacity]));
  const seatOwner: number[] = [];
  mentorIds.forEach((id, j) => {
    for (let seat = 0; seat < capacity.get(id)!; seat++) seatOwner.push(j);
  });
  if (menteeIds.length === 0 || seatOwner.length === 0) return { matched: 0, totalScore: 0, pairs: [] };

  const scores = menteeIds.map((menteeId) => mentorIds.map((mentorId) => evaluator.score(mentorId, menteeId)));
  let bestScore = 0;
  for (const row of scores) for (const score of row) if (score !== null) bestScore = Math.max(bestScore, score);
  const big = bestScore * Math.min(menteeIds.length, seatOwner.length) + 1;
  const costs = scores.map((row) => Float64Array.from(seatOwner, (j) => (row[j] === null || row[j] === undefined ? 0 : -(big + row[j]!))));

  const pairs: DenseSolution['pairs'] = [];
  for (const [i, seat] of munkres(costs)) {
    const score = scores[i]![seatOwner[seat]!];
    if (score === null || score === undefined) continue;
    pairs.push({ mentorId: mentorIds[seatOwner[seat]!]!, menteeId: menteeIds[i]!, score });
  }
  return { matched: pairs.length, totalScore: pairs.reduce((sum, pair) => sum + pair.score, 0), pairs };
}
