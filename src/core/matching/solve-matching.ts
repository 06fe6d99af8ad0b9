// A pairing round: the exact optimum (most mentees matched, then highest total score), explained.
import { AssignmentSolver } from './assignment.js';
import { OptimalityProof } from './certify.js';
import { PairGraph } from './graph.js';
import { LEVEL_STRIDE, buildPool, type Pool } from './pool.js';
import { explainPair, sharedLanguages } from './score.js';
import { TopicScanner } from './topic-scanner.js';
import type { MatchInput, MatchPair, MatchResult } from './types.js';
import { countCompatibility, explainUnmatched } from './unmatched.js';
import type { Locale } from '../types.js';

/**
 * How many pairs are looked at. Only speed depends on them: pairs left out are proven unable
 * to improve the result, or added and the matching repaired.
 */
export interface SolveOptions {
  /** Mentors kept per mentee when it is placed: best score − current price. */
  candidatesPerMentee?: number;
  /** Pairs added per mentee and round when the proof fails. */
  repairsPerMentee?: number;
  /** Pairs within this many points of improving the matching are added too. */
  nearMissMargin?: number;
}

/** Mentors settled per search in the first, approximate matching. */
const FIRST_PASS_EFFORT = 32;

export const DEFAULT_SOLVE_OPTIONS: Readonly<Required<SolveOptions>> = { candidatesPerMentee: 12, repairsPerMentee: 8, nearMissMargin: 4 };

export function solveMatching(input: MatchInput, options: SolveOptions = {}): MatchResult {
  const settings = { ...DEFAULT_SOLVE_OPTIONS, ...options };
  const pool = buildPool(input);
  const scanner = new TopicScanner(pool, Math.max(settings.candidatesPerMentee, settings.repairsPerMentee));
  const big = matchBonus(pool, scanner.bounds);
  const graph = new PairGraph(pool.menteeCount, pool.mentorCount, pool.menteeCount * settings.candidatesPerMentee);
  let solver = new AssignmentSolver(graph, pool.mentorCapacity, big);
  const proof = new OptimalityProof(pool, scanner, graph, settings.repairsPerMentee, settings.nearMissMargin);

  // Each mentee, when placed, brings its best mentors at the prices of the moment: popular mentors
  // get dearer as the pool fills, and later mentees look beyond them. This first matching is
  // quick and approximate (bounded searches): it only prices the mentors for the next step.
  scanner.scanAll(
    Int32Array.from({ length: pool.menteeCount }, (_, i) => i),
    { offsets: solver.mentorDual, fixed: false },
    () => ({ limit: settings.candidatesPerMentee, floor: -Infinity, scoreCap: Infinity, skip: null }),
    (i, found) => {
      graph.add(i, found.partner, found.score, found.count);
      proof.keyCut[i] = found.cut;
      solver.place(i, FIRST_PASS_EFFORT);
    },
  );

  let exact = false;
  let rounds = 0;
  let priceBefore: Float64Array | null = null;
  for (;;) {
    const violated = proof.violations(solver, priceBefore);
    rounds++;
    if (violated.mentees.length === 0 && exact) break;
    priceBefore = solver.mentorDual.slice();
    const addViolated = () =>
      violated.mentees.forEach((i, n) => {
        const from = violated.start[n]!;
        const to = violated.start[n + 1]!;
        graph.add(i, violated.mentor.slice(from, to), violated.score.slice(from, to), to - from);
      });
    if (!exact) {
      // The first matching was approximate: solve again from scratch on the richer pairs, exactly.
      addViolated();
      solver = new AssignmentSolver(graph, pool.mentorCapacity, big);
      for (const i of placementOrder(graph)) solver.place(i);
      exact = true;
    } else {
      // Out first (their new pairs would break the searches), then back in with the new pairs;
      // the seats they left are settled last, once. Prices move only where needed, so the
      // proof's bounds mostly stay valid (a rebuild would move every price and void them all).
      for (const i of violated.mentees) solver.detach(i);
      addViolated();
      for (const i of violated.mentees) solver.place(i);
      solver.releaseSeats();
    }
  }
  return describe(pool, solver, rounds, graph.size);
}

/**
 * Mentees with the best pairs first: they settle the dear mentors early, and later mentees find
 * those mentors priced, which keeps augmenting paths short (the result does not depend on it).
 */
function placementOrder(graph: PairGraph): Int32Array {
  const best = new Float64Array(graph.menteeCount);
  for (let i = 0; i < graph.menteeCount; i++) best[i] = graph.end[i]! > graph.start[i]! ? graph.score[graph.start[i]!]! : -1;
  return Int32Array.from({ length: graph.menteeCount }, (_, i) => i).sort((a, b) => best[b]! - best[a]! || a - b);
}

/**
 * Worth of matching anyone at all, above any possible sum of scores: maximising
 * Σ (big + score) then matches as many mentees as possible first, and only then maximises the score.
 */
function matchBonus(pool: Pool, bounds: Int32Array): number {
  let bestScore = 0;
  for (let i = 0; i < pool.menteeCount; i++) {
    let topics = 0;
    for (let k = pool.needStart[i]!; k < pool.needStart[i + 1]!; k++) {
      topics += pool.topicPoints[pool.needPriority[k]! * LEVEL_STRIDE + LEVEL_STRIDE - 1]!;
    }
    bestScore = Math.max(bestScore, topics + bounds[i]!);
  }
  return bestScore * Math.max(1, Math.min(pool.menteeCount, pool.totalCapacity)) + 1;
}

function describe(pool: Pool, solver: AssignmentSolver, rounds: number, candidatePairs: number): MatchResult {
  const pairs: MatchPair[] = [];
  let totalScore = 0;
  for (let i = 0; i < pool.menteeCount; i++) {
    const j = solver.mentorOf[i]!;
    if (j < 0) continue;
    const score = solver.matchScore[i]!;
    totalScore += score;
    pairs.push({
      mentorId: pool.mentors[j]!.id,
      menteeId: pool.mentees[i]!.id,
      score,
      languages: sharedLanguages(pool, j, i) as Locale[],
      reasons: explainPair(pool, j, i),
    });
  }
  const compatibility = countCompatibility(pool);
  return {
    pairs,
    unmatched: explainUnmatched(pool, compatibility, solver.mentorOf),
    totalScore,
    stats: {
      mentors: pool.mentorCount,
      mentees: pool.menteeCount,
      capacity: pool.totalCapacity,
      matched: pairs.length,
      compatiblePairs: compatibility.pairs,
      candidatePairs,
      rounds,
    },
  };
}
