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
  /** Mentors kept per mentee by score alone, to start estimating prices. */
  candidatesPerMentee?: number;
  /** Mentors a mentee brings at the prices of the moment (while estimating them, then at the estimate). */
  fallbacksPerMentee?: number;
  /** Pairs added per mentee and round when the proof fails. */
  repairsPerMentee?: number;
  /** Pairs within this many points of improving the matching are added too. */
  nearMissMargin?: number;
}

export const DEFAULT_SOLVE_OPTIONS: Readonly<Required<SolveOptions>> = {
  candidatesPerMentee: 24,
  fallbacksPerMentee: 16,
  repairsPerMentee: 8,
  nearMissMargin: 4,
};

/** Rounds of the price estimate in which mentees whose pairs all turned out too dear bring more. */
const ESTIMATE_ROUNDS = 3;
/**
 * The estimate's margin, as a share of the best score a pair can have (4 points at the default
 * weights). Mentors left out of a mentee's pairs would cost something too: its outside option
 * is the best of them less this margin. And at the estimated prices, pairs more than this below
 * what the estimate gives a mentee are not looked for: they could only matter if the estimate
 * were far off, and the proof checks. Measured on the benchmark pools: without the discount,
 * prices came out 2.5–3.4 points low on average and one mentee in ten was off by more than 6.
 */
const ESTIMATE_MARGIN_SHARE = 1 / 40;

export function solveMatching(input: MatchInput, options: SolveOptions = {}): MatchResult {
  const settings = { ...DEFAULT_SOLVE_OPTIONS, ...options };
  const pool = buildPool(input);
  const scanner = new TopicScanner(pool, Math.max(settings.candidatesPerMentee, settings.fallbacksPerMentee, settings.repairsPerMentee));
  const bestScore = bestPairScore(pool, scanner.bounds);
  const big = bestScore * Math.max(1, Math.min(pool.menteeCount, pool.totalCapacity)) + 1;
  const margin = Math.max(1, Math.round(bestScore * ESTIMATE_MARGIN_SHARE));
  const graph = new PairGraph(pool.menteeCount, pool.mentorCount, pool.menteeCount * (settings.candidatesPerMentee + settings.fallbacksPerMentee));
  const everyone = Int32Array.from({ length: pool.menteeCount }, (_, i) => i);

  // Which pairs matter depends on what each mentor costs (best score − price), and prices are
  // only known once the pool is solved: estimate them first, on few pairs.
  const estimate = estimatePrices(pool, scanner, graph, big, margin, everyone, settings);

  // Each mentee's best pairs at those prices, then the exact optimum on every pair seen, started
  // from them: where they were right, nothing moves, and the bounds the scan leaves (taken at
  // those prices) stay valid for the proof.
  const proof = new OptimalityProof(pool, scanner, graph, settings.repairsPerMentee, settings.nearMissMargin);
  scanner.scanAll(
    everyone,
    { offsets: estimate.prices },
    (i) => ({
      limit: settings.fallbacksPerMentee,
      floor: estimate.net[i]! - margin,
      skip: graph.mentor.subarray(graph.start[i]!, graph.end[i]!),
    }),
    (i, found) => {
      graph.add(i, found.partner, found.score, found.count);
      proof.keyCut[i] = found.cut;
    },
  );
  // Pairs far below what a mentee nets at the estimate only slow the searches down: out, and
  // under the proof's bound like every pair left out (back in if prices prove them wrong).
  const { prices, net } = estimate;
  const keyAtEstimate = (j: number, score: number) => score - prices[j]!;
  for (let i = 0; i < pool.menteeCount; i++) {
    const dropped = graph.dropBelow(i, keyAtEstimate, net[i]! - margin);
    if (dropped > proof.keyCut[i]!) proof.keyCut[i] = dropped;
  }
  const solver = new AssignmentSolver(graph, pool.mentorCapacity, big);
  solver.mentorDual.set(estimate.prices);
  for (const i of placementOrder(graph)) solver.place(i);
  solver.releaseSeats();

  // The proof: no pair left out could improve the matching, or those that could are added and
  // the matching repaired, until none is left.
  let rounds = 0;
  let priceBefore = estimate.prices;
  for (;;) {
    const violated = proof.violations(solver, priceBefore);
    rounds++;
    if (violated.mentees.length === 0) break;
    priceBefore = solver.mentorDual.slice();
    // Out first (their new pairs would break the searches), then back in with the new pairs;
    // the seats they left are settled last, once. Prices move only where needed, so the
    // proof's bounds mostly stay valid (a rebuild would move every price and void them all).
    for (const i of violated.mentees) solver.detach(i);
    violated.mentees.forEach((i, n) => {
      const from = violated.start[n]!;
      const to = violated.start[n + 1]!;
      graph.add(i, violated.mentor.slice(from, to), violated.score.slice(from, to), to - from);
    });
    for (const i of violated.mentees) solver.place(i);
    solver.releaseSeats();
  }
  return describe(pool, solver, rounds, graph.size);
}

interface PriceEstimate {
  prices: Float64Array;
  /** What each mentee nets at those prices: score − price of its mentor, else its outside option (−big: none). */
  net: Float64Array;
}

/**
 * Mentor prices close to the optimum's, from few pairs. Each mentee brings its best mentors by
 * score alone (cheap to find: no prices), and may walk away to the best of the others (whose
 * score the scan bounds), less the margin: solved with that outside option, the pool prices the mentors it
 * looked at much as the full problem would. Those who walk away then bring their best mentors
 * at the prices of the moment, keep the best of the rest (less the margin) as their new outside
 * option, and are placed again, so the mentors people fall back on get priced in turn. An
 * estimate only.
 */
function estimatePrices(
  pool: Pool,
  scanner: TopicScanner,
  graph: PairGraph,
  big: number,
  margin: number,
  everyone: Int32Array,
  settings: Required<SolveOptions>,
): PriceEstimate {
  const outside = new Float64Array(pool.menteeCount);
  const keepOutsideOption = (i: number, cut: number) => {
    outside[i] = cut === -Infinity ? 0 : Math.max(0, big + cut - margin); // −Infinity: no compatible mentor left out
  };
  scanner.scanAll(
    everyone,
    { offsets: null },
    () => ({ limit: settings.candidatesPerMentee, floor: -Infinity, skip: null }),
    (i, found) => {
      graph.add(i, found.partner, found.score, found.count);
      keepOutsideOption(i, found.cut);
    },
  );
  const solver = new AssignmentSolver(graph, pool.mentorCapacity, big, outside);
  for (const i of placementOrder(graph)) solver.place(i);
  solver.releaseSeats();

  for (let round = 1; round <= ESTIMATE_ROUNDS; round++) {
    const walkedAway: number[] = [];
    for (let i = 0; i < pool.menteeCount; i++) if (solver.mentorOf[i]! < 0 && outside[i]! > 0) walkedAway.push(i);
    if (walkedAway.length === 0) break;
    scanner.scanAll(
      walkedAway,
      { offsets: solver.mentorDual },
      (i) => ({
        limit: settings.fallbacksPerMentee,
        floor: -Infinity,
        skip: graph.mentor.subarray(graph.start[i]!, graph.end[i]!),
      }),
      (i, found) => {
        graph.add(i, found.partner, found.score, found.count);
        keepOutsideOption(i, found.cut);
      },
    );
    for (const i of walkedAway) solver.detach(i);
    for (const i of walkedAway) solver.place(i);
    solver.releaseSeats();
  }
  return { prices: solver.mentorDual, net: Float64Array.from(solver.menteeDual, (u) => u - big) };
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
 * The most any pair can score. The worth of matching anyone at all, big, is set above any
 * possible sum of scores: maximising Σ (big + score) then matches as many mentees as possible
 * first, and only then maximises the score.
 */
function bestPairScore(pool: Pool, bounds: Int32Array): number {
  let bestScore = 0;
  for (let i = 0; i < pool.menteeCount; i++) {
    let topics = 0;
    for (let k = pool.needStart[i]!; k < pool.needStart[i + 1]!; k++) {
      topics += pool.topicPoints[pool.needPriority[k]! * LEVEL_STRIDE + LEVEL_STRIDE - 1]!;
    }
    bestScore = Math.max(bestScore, topics + bounds[i]!);
  }
  return bestScore;
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
