/**
 * The proof that the optimum over the candidate pairs is the optimum over all pairs, or the pairs
 * that break it. Linear-programming duality: the matching is optimal for the full problem when
 * every pair (i, j) left out satisfies u[i] + v[j] ≥ big + score(i, j), i.e. when its key
 * score − price[j] is at most the mentee's net value u[i] − big.
 *
 * Each mentee keeps a bound, keyCut[i], on the key of every compatible mentor left out. A scan
 * sets it; it stays true while prices only rise; when prices fall, the pairs that could break it
 * are scored and the bound raised. A mentee whose bound is at most its net value needs nothing
 * more; the others are scanned again through their topics.
 */
import type { AssignmentSolver } from './assignment.js';
import type { PairGraph } from './graph.js';
import type { Pool } from './pool.js';
import { isCompatible, scorePair } from './score.js';
import type { TopicScanner } from './topic-scanner.js';

/** Pairs that would improve the matching, grouped by mentee. */
export interface Violations {
  /** Mentees with at least one such pair, ascending. */
  mentees: number[];
  /** The pairs of mentees[n]: mentor/score[start[n] .. start[n + 1]). */
  start: number[];
  mentor: number[];
  score: number[];
}

/** Beyond this many fallen prices to check for one mentee, scanning it again is cheaper. */
const MAX_FALLEN_CHECKS = 48;
/** When more than this share of prices fell, every mentee is scanned again. */
const WIDE_FALL_SHARE = 0.2;

export class OptimalityProof {
  /** Bound on score − price over the compatible mentors left out of mentee i's pairs. */
  readonly keyCut: Float64Array;
  private readonly pairedStamp: Int32Array;

  constructor(
    private readonly pool: Pool,
    private readonly scanner: TopicScanner,
    private readonly graph: PairGraph,
    /** Pairs looked at per mentee and check (the best ones). */
    private readonly perMentee: number,
    /** Pairs within this of breaking the proof are added to the graph at once (they cost nothing). */
    private readonly margin: number,
  ) {
    this.keyCut = new Float64Array(pool.menteeCount).fill(-Infinity);
    this.pairedStamp = new Int32Array(pool.mentorCount);
  }

  /**
   * Loosens the bounds by what prices fell since `priceBefore` (null: prices only rose), then
   * returns the left-out pairs that break the proof — none: the matching is optimal over all pairs.
   * Near misses (pairs within the margin) are added to the graph on the way.
   */
  violations(solver: AssignmentSolver, priceBefore: Float64Array | null): Violations {
    const { pool, graph, keyCut } = this;
    const { menteeDual: u, mentorDual: v, big } = solver;
    if (priceBefore !== null) this.loosenForFallenPrices(solver, priceBefore);

    const suspects: number[] = [];
    for (let i = 0; i < pool.menteeCount; i++) if (keyCut[i]! > u[i]! - big) suspects.push(i);
    const found: Violations = { mentees: [], start: [0], mentor: [], score: [] };
    const near = { mentor: new Int32Array(this.perMentee), score: new Int32Array(this.perMentee) };
    this.scanner.scanAll(
      suspects,
      { offsets: v },
      (i) => ({
        limit: this.perMentee,
        floor: u[i]! - big - this.margin,
        skip: graph.mentor.subarray(graph.start[i]!, graph.end[i]!),
      }),
      (i, result) => {
        keyCut[i] = result.cut;
        const net = u[i]! - big;
        let nearCount = 0;
        for (let n = 0; n < result.count; n++) {
          const mentor = result.partner[n]!;
          const score = result.score[n]!;
          if (score - v[mentor]! > net) {
            found.mentor.push(mentor);
            found.score.push(score);
          } else {
            near.mentor[nearCount] = mentor;
            near.score[nearCount++] = score;
          }
        }
        if (found.mentor.length > found.start[found.start.length - 1]!) {
          found.mentees.push(i);
          found.start.push(found.mentor.length);
        }
        graph.add(i, near.mentor, near.score, nearCount);
      },
    );
    // scanAll visits mentees by topic set: put them back in index order.
    const order = found.mentees.map((_, n) => n).sort((a, b) => found.mentees[a]! - found.mentees[b]!);
    const sorted: Violations = { mentees: [], start: [0], mentor: [], score: [] };
    for (const n of order) {
      sorted.mentees.push(found.mentees[n]!);
      for (let e = found.start[n]!; e < found.start[n + 1]!; e++) {
        sorted.mentor.push(found.mentor[e]!);
        sorted.score.push(found.score[e]!);
      }
      sorted.start.push(sorted.mentor.length);
    }
    return sorted;
  }

  /**
   * A price that fell by δ raises the keys of that mentor's pairs by δ, so mentee i's bound rises
   * by the largest fall among its left-out mentors. Where that would not break the proof (the fall
   * is within the mentee's slack: net value − bound), the bound simply rises by it; the mentors
   * that fell by more are scored instead, and the bound takes the highest of their keys and of the
   * smaller falls. A mentee facing too many of them is simply scanned again.
   */
  private loosenForFallenPrices(solver: AssignmentSolver, priceBefore: Float64Array): void {
    const { pool, graph, keyCut } = this;
    const { menteeDual: u, mentorDual: v, big } = solver;
    const fallen: number[] = [];
    for (let j = 0; j < pool.mentorCount; j++) if (priceBefore[j]! > v[j]!) fallen.push(j);
    if (fallen.length === 0) return;
    if (fallen.length > pool.mentorCount * WIDE_FALL_SHARE) {
      // Prices moved everywhere (a fresh solve): bounds are of no use, scan everyone again.
      for (let i = 0; i < pool.menteeCount; i++) if (keyCut[i] !== -Infinity) keyCut[i] = Infinity;
      return;
    }
    const fall = (j: number) => priceBefore[j]! - v[j]!;
    fallen.sort((a, b) => fall(b) - fall(a) || a - b);
    const paired = this.pairedStamp;
    for (let i = 0; i < pool.menteeCount; i++) {
      const before = keyCut[i]!;
      if (before === -Infinity) continue; // nothing left out
      const slack = u[i]! - big - before;
      if (slack < 0) continue; // scanned again anyway
      let bound = before;
      for (let e = graph.start[i]!; e < graph.end[i]!; e++) paired[graph.mentor[e]!] = i + 1;
      let checked = 0;
      for (const j of fallen) {
        if (paired[j] === i + 1 || !isCompatible(pool, j, i)) continue;
        if (fall(j) <= slack) {
          // This fall and every smaller one leave the keys within the slack.
          bound = Math.max(bound, before + fall(j));
          break;
        }
        if (++checked > MAX_FALLEN_CHECKS) {
          bound = Infinity;
          break;
        }
        bound = Math.max(bound, scorePair(pool, j, i) - v[j]!);
      }
      keyCut[i] = bound;
    }
  }
}
