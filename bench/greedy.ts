/**
 * The baseline Tandem must beat: take the best-scoring allowed pair of the whole pool, then the
 * next best, while both sides have room (ties: lower mentee first). Exact over all allowed
 * pairs without listing them: each mentee's pairs stream in best-first chunks, and a new chunk
 * only looks at mentors who still have a seat.
 */
import { buildPool } from '../src/core/matching/pool.js';
import { TopicScanner } from '../src/core/matching/topic-scanner.js';
import type { MatchInput } from '../src/core/matching/index.js';

const CHUNK = 64;
const FULL = 1e9;

export function solveGreedy(input: MatchInput): { matched: number; totalScore: number } {
  const pool = buildPool(input);
  const scanner = new TopicScanner(pool, CHUNK);
  const seatsLeft = pool.mentorCapacity.slice();
  const taken = new Uint8Array(pool.menteeCount);
  // Mentors without a seat left weigh FULL less: never listed again.
  const full = new Float64Array(pool.mentorCount);
  const chunks: { mentor: Int32Array; score: Int32Array; next: number }[] = [];
  const heap = new PairHeap();

  const refill = (mentees: ArrayLike<number>) =>
    scanner.scanAll(
      mentees,
      { offsets: full },
      () => ({ limit: CHUNK, floor: -FULL / 2, skip: null }),
      (i, found) => {
        chunks[i] = { mentor: found.partner.slice(0, found.count), score: found.score.slice(0, found.count), next: 0 };
        advance(i);
      },
    );
  const advance = (i: number) => {
    const chunk = chunks[i]!;
    if (chunk.next < chunk.mentor.length) heap.push(chunk.score[chunk.next]!, i, chunk.mentor[chunk.next++]!);
    else if (chunk.mentor.length === CHUNK) refill([i]); // there may be more mentors with a seat
  };

  refill(Int32Array.from({ length: pool.menteeCount }, (_, i) => i));
  let matched = 0;
  let totalScore = 0;
  while (heap.size > 0) {
    const { score, mentee, mentor } = heap.pop();
    if (taken[mentee]) continue;
    if (seatsLeft[mentor] === 0) {
      advance(mentee);
      continue;
    }
    taken[mentee] = 1;
    matched++;
    totalScore += score;
    if (--seatsLeft[mentor]! === 0) full[mentor] = FULL;
  }
  return { matched, totalScore };
}

/** Max-heap of pairs by score, then lower mentee (a mentee has one pair in it at a time). */
class PairHeap {
  private readonly items: { score: number; mentee: number; mentor: number }[] = [];

  get size(): number {
    return this.items.length;
  }

  push(score: number, mentee: number, mentor: number): void {
    const items = this.items;
    items.push({ score, mentee, mentor });
    let at = items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(items[at]!, items[parent]!)) break;
      [items[at], items[parent]] = [items[parent]!, items[at]!];
      at = parent;
    }
  }

  pop(): { score: number; mentee: number; mentor: number } {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= items.length) break;
        if (child + 1 < items.length && this.before(items[child + 1]!, items[child]!)) child++;
        if (!this.before(items[child]!, items[at]!)) break;
        [items[at], items[child]] = [items[child]!, items[at]!];
        at = child;
      }
    }
    return top;
  }

  private before(a: { score: number; mentee: number; mentor: number }, b: { score: number; mentee: number; mentor: number }): boolean {
    return a.score > b.score || (a.score === b.score && (a.mentee < b.mentee || (a.mentee === b.mentee && a.mentor < b.mentor)));
  }
}
