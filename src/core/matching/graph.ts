// The candidate pairs the solver works on: each mentee's pairs best score first, and the reverse index.

export interface MentorIndex {
  /** Mentor j's pairs: mentee/score[start[j] .. start[j + 1]), best score first. */
  start: Int32Array;
  mentee: Int32Array;
  score: Int32Array;
  /**
   * Pairs added since, in no order: mentor j's are addedMentee/addedScore[e] for e = addedHead[j],
   * addedNext[e], … until -1.
   */
  addedHead: Int32Array;
  addedNext: Int32Array;
  addedMentee: Int32Array;
  addedScore: Int32Array;
  addedCount: number;
}

/** Pairs added to an index beyond this share of it make the next byMentor() rebuild it. */
const ADDED_SHARE = 0.25;

/** Pairs grow while solving; a mentee's pairs always sit side by side, best score first (then mentor index). */
export class PairGraph {
  /** Mentee i's pairs are mentor/score[start[i] .. end[i]). The arrays are replaced when they grow. */
  start: Int32Array;
  end: Int32Array;
  mentor: Int32Array;
  score: Int32Array;
  private used = 0;
  private live = 0;
  private reverse: MentorIndex | null = null;
  private newMentor = new Int32Array(16);
  private newScore = new Int32Array(16);

  constructor(
    readonly menteeCount: number,
    readonly mentorCount: number,
    expected = 16,
  ) {
    this.start = new Int32Array(menteeCount);
    this.end = new Int32Array(menteeCount);
    this.mentor = new Int32Array(Math.max(16, expected));
    this.score = new Int32Array(this.mentor.length);
  }

  get size(): number {
    return this.live;
  }

  /**
   * Drops the pairs of one mentee whose key is at most `floor` (order kept); returns the highest
   * key among those dropped (-Infinity: none).
   */
  dropBelow(mentee: number, keyOf: (mentor: number, score: number) => number, floor: number): number {
    let highest = -Infinity;
    let w = this.start[mentee]!;
    for (let e = w, end = this.end[mentee]!; e < end; e++) {
      const mentor = this.mentor[e]!;
      const score = this.score[e]!;
      const key = keyOf(mentor, score);
      if (key > floor) {
        this.mentor[w] = mentor;
        this.score[w++] = score;
      } else if (key > highest) highest = key;
    }
    this.live -= this.end[mentee]! - w;
    if (w !== this.end[mentee]) this.reverse = null;
    this.end[mentee] = w;
    return highest;
  }

  /** Adds pairs of one mentee (mentors not already paired with it). */
  add(mentee: number, mentors: ArrayLike<number>, scores: ArrayLike<number>, count: number): void {
    if (count === 0) return;
    // The new pairs, best first (insertion sort: a handful at a time).
    if (this.newMentor.length < count) {
      this.newMentor = new Int32Array(count * 2);
      this.newScore = new Int32Array(count * 2);
    }
    const { newMentor, newScore } = this;
    for (let n = 0; n < count; n++) {
      const mentor = mentors[n]!;
      const score = scores[n]!;
      let at = n;
      while (at > 0 && (newScore[at - 1]! < score || (newScore[at - 1] === score && newMentor[at - 1]! > mentor))) {
        newMentor[at] = newMentor[at - 1]!;
        newScore[at] = newScore[at - 1]!;
        at--;
      }
      newMentor[at] = mentor;
      newScore[at] = score;
    }
    this.reserve(this.end[mentee]! - this.start[mentee]! + count);
    const oldStart = this.start[mentee]!; // after reserve(), which may move every slice
    const oldEnd = this.end[mentee]!;
    // Merge the old slice and the new pairs into a fresh slice at the end.
    const at = this.used;
    let o = oldStart;
    let n = 0;
    let w = at;
    while (o < oldEnd || n < count) {
      const takeOld =
        n === count || (o < oldEnd && (this.score[o]! > newScore[n]! || (this.score[o] === newScore[n] && this.mentor[o]! < newMentor[n]!)));
      if (takeOld) {
        this.mentor[w] = this.mentor[o]!;
        this.score[w++] = this.score[o++]!;
      } else {
        this.mentor[w] = newMentor[n]!;
        this.score[w++] = newScore[n++]!;
      }
    }
    this.start[mentee] = at;
    this.end[mentee] = w;
    this.used = w;
    this.live += count;
    if (this.reverse !== null) this.addToIndex(this.reverse, mentee, newMentor, newScore, count);
  }

  /** Lists new pairs in the mentor index beside its sorted part, or drops the index when they grow many. */
  private addToIndex(index: MentorIndex, mentee: number, mentors: Int32Array, scores: Int32Array, count: number): void {
    if (index.addedCount + count > ADDED_SHARE * index.mentee.length) {
      this.reverse = null;
      return;
    }
    if (index.addedCount + count > index.addedNext.length) {
      const length = Math.max(64, 2 * (index.addedCount + count));
      const grow = (old: Int32Array) => {
        const grown = new Int32Array(length);
        grown.set(old.subarray(0, index.addedCount));
        return grown;
      };
      index.addedNext = grow(index.addedNext);
      index.addedMentee = grow(index.addedMentee);
      index.addedScore = grow(index.addedScore);
    }
    for (let n = 0; n < count; n++) {
      const e = index.addedCount++;
      const mentor = mentors[n]!;
      index.addedMentee[e] = mentee;
      index.addedScore[e] = scores[n]!;
      index.addedNext[e] = index.addedHead[mentor]!;
      index.addedHead[mentor] = e;
    }
  }

  /** The pairs seen from the mentors' side (kept up to date as pairs are added; rebuilt when many were). */
  byMentor(): MentorIndex {
    if (this.reverse !== null) return this.reverse;
    const { menteeCount, mentorCount } = this;
    const start = new Int32Array(mentorCount + 1);
    for (let i = 0; i < menteeCount; i++) for (let e = this.start[i]!; e < this.end[i]!; e++) start[this.mentor[e]! + 1]!++;
    for (let j = 0; j < mentorCount; j++) start[j + 1]! += start[j]!;
    const mentee = new Int32Array(this.live);
    const score = new Int32Array(this.live);
    const fill = start.slice(0, mentorCount);
    // Visiting mentees in order keeps each mentor's list ordered by mentee; then sort by score, stably.
    for (let i = 0; i < menteeCount; i++) {
      for (let e = this.start[i]!; e < this.end[i]!; e++) {
        const j = this.mentor[e]!;
        mentee[fill[j]!] = i;
        score[fill[j]!++] = this.score[e]!;
      }
    }
    const shift = 2 ** 26;
    let keys = new Float64Array(64);
    for (let j = 0; j < mentorCount; j++) {
      const from = start[j]!;
      const count = start[j + 1]! - from;
      if (count < 2) continue;
      if (keys.length < count) keys = new Float64Array(count * 2);
      // Exact keys: scores and mentee indexes are both far below 2^26.
      for (let n = 0; n < count; n++) keys[n] = (shift - 1 - score[from + n]!) * shift + mentee[from + n]!;
      const sorted = keys.subarray(0, count).sort();
      for (let n = 0; n < count; n++) {
        const key = sorted[n]!;
        const high = Math.floor(key / shift);
        mentee[from + n] = key - high * shift;
        score[from + n] = shift - 1 - high;
      }
    }
    const none = new Int32Array(0);
    this.reverse = { start, mentee, score, addedHead: new Int32Array(mentorCount).fill(-1), addedNext: none, addedMentee: none, addedScore: none, addedCount: 0 };
    return this.reverse;
  }

  private reserve(extra: number): void {
    if (this.used + extra <= this.mentor.length) return;
    if (this.live + extra <= this.mentor.length / 2) {
      this.compact();
      if (this.used + extra <= this.mentor.length) return;
    }
    const length = Math.max(this.mentor.length * 2, this.live + extra + 16);
    const mentor = new Int32Array(length);
    const score = new Int32Array(length);
    let w = 0;
    for (let i = 0; i < this.menteeCount; i++) {
      const from = this.start[i]!;
      const count = this.end[i]! - from;
      mentor.set(this.mentor.subarray(from, from + count), w);
      score.set(this.score.subarray(from, from + count), w);
      this.start[i] = w;
      this.end[i] = w + count;
      w += count;
    }
    this.mentor = mentor;
    this.score = score;
    this.used = w;
  }

  /** Moves every slice to the front, dropping the space left by merged slices. */
  private compact(): void {
    const order = Array.from({ length: this.menteeCount }, (_, i) => i).sort((a, b) => this.start[a]! - this.start[b]!);
    let w = 0;
    for (const i of order) {
      const from = this.start[i]!;
      const count = this.end[i]! - from;
      this.mentor.copyWithin(w, from, from + count);
      this.score.copyWithin(w, from, from + count);
      this.start[i] = w;
      this.end[i] = w + count;
      w += count;
    }
    this.used = w;
  }
}
