// Exhaustive optimum for tiny pools (each mentee: some mentor or nobody), the plainest oracle there is.
import { createPairEvaluator, type MatchInput } from '../../src/core/matching/index.js';
import { forbiddenBecause } from './hard-rules.js';

export function solveBruteForce(input: MatchInput): { matched: number; totalScore: number } {
  const evaluator = createPairEvaluator(input);
  const { mentors, mentees } = input;
  const seatsLeft = mentors.map((mentor) => mentor.capacity);
  // Allowed by the independent reading of the rules; scored by Tandem's scoring (tested on its own).
  const scores = mentees.map((mentee) =>
    mentors.map((mentor) => (forbiddenBecause(input, mentor.id, mentee.id) === null ? evaluator.score(mentor.id, mentee.id) : null)),
  );
  let best = { matched: 0, totalScore: 0 };
  const visit = (i: number, matched: number, totalScore: number): void => {
    if (i === mentees.length) {
      if (matched > best.matched || (matched === best.matched && totalScore > best.totalScore)) best = { matched, totalScore };
      return;
    }
    visit(i + 1, matched, totalScore);
    scores[i]!.forEach((score, j) => {
      if (score === null || seatsLeft[j] === 0) return;
      seatsLeft[j]!--;
      visit(i + 1, matched + 1, totalScore + score);
      seatsLeft[j]!++;
    });
  };
  visit(0, 0, 0);
  return best;
}
