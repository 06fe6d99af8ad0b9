/**
 * Maximum-weight b-matching of mentees (one mentor each) to mentors (up to capacity[j] mentees)
 * on a sparse graph, by shortest augmenting paths with dual potentials, one mentee at a time.
 *
 * Weights are big + score: every mentee may also stay unmatched at weight 0 (a private dummy
 * mentor), so the problem is mentee-perfect and augmenting mentees one by one is exact in any
 * order, and maximising Σ weight matches as many mentees as possible first, then maximises the score.
 *
 * Invariants, which prove optimality for the current graph (reduced costs of the residual network
 * are ≥ 0): u[i] + v[j] ≥ big + score(i, j) on every unmatched pair of the graph and ≤ on matched
 * ones; v ≥ 0; u ≥ the mentee's outside option (0 unless told otherwise), = on unmatched mentees;
 * v = 0 on mentors with a free seat. A pair outside the graph with u[i] + v[j] ≥ big + score(i, j)
 * could not improve the matching either.
 *
 * An outside option above 0 is worth that much to a mentee left unmatched (a partner elsewhere):
 * solving with them only serves to estimate prices (see solve-matching.ts).
 *
 * Mentees can be taken out and put back (after new pairs were added for them): the seats they
 * left are then released, each one's price falling until the other mentees compete for it or it
 * is free (a search backwards from that mentor).
 */
import type { MentorIndex, PairGraph } from './graph.js';

export class AssignmentSolver {
  /** Mentee potentials (u) and mentor prices (v). */
  readonly menteeDual: Float64Array;
  readonly mentorDual: Float64Array;
  /** Mentor of each mentee, -1 when unmatched, and the score of that pair. */
  readonly mentorOf: Int32Array;
  readonly matchScore: Int32Array;
  private readonly load: Int32Array;
  private readonly seated: Int32Array;
  private readonly seats: number;
  private readonly placed: Uint8Array;
  private reverse: MentorIndex | null = null;

  // Forward search (from a mentee) and backward search (from a mentor) state.
  private readonly mentorDist: Float64Array;
  private readonly mentorVia: Int32Array;
  private readonly mentorViaScore: Int32Array;
  private readonly mentorDone: Uint8Array;
  private readonly touchedMentors: Int32Array;
  private touchedMentorCount = 0;
  private readonly menteeDist: Float64Array;
  private readonly menteeVia: Int32Array;
  private readonly menteeViaScore: Int32Array;
  private readonly menteeDone: Uint8Array;
  private readonly touchedMentees: Int32Array;
  private touchedMenteeCount = 0;
  private readonly mentorHeap: IndexedHeap;
  private readonly menteeHeap: IndexedHeap;
  /** Cost of the cheapest way found to end the current search, and (forward) the free seat it uses. */
  private bestEnd = 0;
  private endMentor = -1;
  private endVia = -1;
  private endViaScore = 0;

  constructor(
    private readonly graph: PairGraph,
    private readonly capacity: Int32Array,
    /** Worth of any match on top of its score (0: plain maximum score, unmatched mentees allowed). */
    readonly big: number,
    /** Per mentee, the worth of staying unmatched: an outside option (null: 0 for all). */
    private readonly outside: Float64Array | null = null,
  ) {
    const { menteeCount, mentorCount } = graph;
    this.menteeDual = new Float64Array(menteeCount);
    this.mentorDual = new Float64Array(mentorCount);
    this.mentorOf = new Int32Array(menteeCount).fill(-1);
    this.matchScore = new Int32Array(menteeCount);
    this.load = new Int32Array(mentorCount);
    let seats = 1;
    for (let j = 0; j < mentorCount; j++) seats = Math.max(seats, capacity[j]!);
    this.seats = seats;
    this.seated = new Int32Array(mentorCount * seats);
    this.placed = new Uint8Array(menteeCount);
    this.mentorDist = new Float64Array(mentorCount).fill(Infinity);
    this.mentorVia = new Int32Array(mentorCount);
    this.mentorViaScore = new Int32Array(mentorCount);
    this.mentorDone = new Uint8Array(mentorCount);
    this.touchedMentors = new Int32Array(mentorCount);
    this.menteeDist = new Float64Array(menteeCount).fill(Infinity);
    this.menteeVia = new Int32Array(menteeCount);
    this.menteeViaScore = new Int32Array(menteeCount);
    this.menteeDone = new Uint8Array(menteeCount);
    this.touchedMentees = new Int32Array(menteeCount);
    this.mentorHeap = new IndexedHeap(this.mentorDist);
    this.menteeHeap = new IndexedHeap(this.menteeDist);
  }

  /** Puts a mentee (not placed) into the matching: the best augmenting path from it. */
  place(root: number): void {
    const { graph, big, menteeDual: u, mentorDual: v, mentorOf, mentorDist, mentorDone, mentorHeap } = this;
    this.placed[root] = 1;
    const outside = this.outside;
    const alone = outside === null ? 0 : outside[root]!;
    let best = alone;
    for (let e = graph.start[root]!, end = graph.end[root]!; e < end; e++) {
      const value = big + graph.score[e]! - v[graph.mentor[e]!]!;
      if (value > best) best = value;
    }
    u[root] = best;
    if (best === alone) return;

    this.bestEnd = best - alone; // leaving the root unmatched costs u[root] − its outside option
    let endMentee = root;
    this.endMentor = -1;
    this.touchedMentorCount = 0;
    this.touchedMenteeCount = 0;
    this.reachForward(root, 0);
    while (mentorHeap.size > 0) {
      const j = mentorHeap.peek();
      const distance = mentorDist[j]!;
      if (distance >= this.bestEnd) break;
      mentorHeap.pop();
      mentorDone[j] = 1;
      for (let s = 0, count = this.load[j]!; s < count; s++) {
        const k = this.seated[j * this.seats + s]!;
        // Back along k's matched pair: its reduced cost, zero unless a backward search loosened it.
        const reached = distance + big + this.matchScore[k]! - u[k]! - v[j]!;
        if (reached >= this.bestEnd) continue;
        const unmatched = reached + u[k]! - (outside === null ? 0 : outside[k]!);
        if (unmatched < this.bestEnd) {
          this.bestEnd = unmatched;
          endMentee = k;
          this.endMentor = -1;
        }
        this.reachForward(k, reached);
      }
    }

    const end = this.bestEnd;
    for (let n = 0; n < this.touchedMenteeCount; n++) {
      const k = this.touchedMentees[n]!;
      const distance = this.menteeDist[k]!;
      if (distance < end) u[k]! -= end - distance;
    }
    for (let n = 0; n < this.touchedMentorCount; n++) {
      const j = this.touchedMentors[n]!;
      if (mentorDone[j] && mentorDist[j]! < end) v[j]! += end - mentorDist[j]!;
    }

    let free = this.endMentor;
    let mover = this.endVia;
    let moverScore = this.endViaScore;
    if (free < 0 && endMentee !== root) {
      // Cheapest: unseat endMentee; the path continues from its mentor.
      free = mentorOf[endMentee]!;
      this.unseat(free, endMentee);
      mentorOf[endMentee] = -1;
      mover = this.mentorVia[free]!;
      moverScore = this.mentorViaScore[free]!;
    }
    while (free >= 0) {
      const previous = mentorOf[mover]!;
      if (previous >= 0) this.unseat(previous, mover);
      this.seat(free, mover, moverScore);
      if (mover === root) break;
      free = previous;
      mover = this.mentorVia[free]!;
      moverScore = this.mentorViaScore[free]!;
    }
    this.resetSearch();
  }

  /**
   * Takes a mentee out of the matching and leaves its seat as it is (free, at its price): call
   * releaseSeats() once every mentee taken out is placed again.
   */
  detach(mentee: number): number {
    const { mentorOf } = this;
    this.placed[mentee] = 0;
    const origin = mentorOf[mentee]!;
    if (origin < 0) return -1;
    this.unseat(origin, mentee);
    mentorOf[mentee] = -1;
    return origin;
  }

  /**
   * Restores the last optimality condition after detach(): a mentor with a free seat must cost
   * nothing. Each such seat is refilled or repriced optimally, mentor by mentor in index order
   * (every mentee must be placed again first). Searches from a mentee may end at such a seat
   * meanwhile: reduced costs stay ≥ 0 whatever the price of a free seat.
   */
  releaseSeats(): void {
    const { load, capacity, mentorDual: v } = this;
    for (let j = 0; j < load.length; j++) {
      while (load[j]! < capacity[j]! && v[j]! > 0) this.release(j);
    }
  }

  /** The seat freed at `origin` goes to whoever gains most from it, or stays empty and its price falls to 0. */
  private release(origin: number): void {
    const { mentorOf, mentorDual: v, menteeDual: u, menteeHeap, menteeDist, big } = this;
    if (v[origin] === 0) return;
    this.reverse = this.graph.byMentor();

    // Backwards from the freed seat: who moves in (and who then moves into their seat...), or
    // which seat stays empty (whose price falls to 0).
    this.bestEnd = v[origin]!;
    let endSeat = origin; // a mentor losing a mentee (origin itself: the seat stays empty)
    let endMentee = -1; // or an unmatched mentee coming in
    this.touchedMentorCount = 0;
    this.touchedMenteeCount = 0;
    this.mentorDist[origin] = 0;
    this.touchedMentors[this.touchedMentorCount++] = origin;
    this.settleMentorBackward(origin, 0);
    const { mentorHeap, mentorDist, mentorDone } = this;
    for (;;) {
      const k = menteeHeap.size > 0 ? menteeHeap.peek() : -1;
      const y = mentorHeap.size > 0 ? mentorHeap.peek() : -1;
      if (k < 0 && y < 0) break;
      if (y < 0 || (k >= 0 && menteeDist[k]! <= mentorDist[y]!)) {
        const distance = menteeDist[k]!;
        if (distance >= this.bestEnd) break;
        menteeHeap.pop();
        this.menteeDone[k] = 1;
        const home = mentorOf[k]!;
        if (home < 0) {
          this.bestEnd = distance;
          endMentee = k;
          endSeat = -1;
          break;
        }
        if (mentorDone[home]) continue;
        // k leaves home: along k's matched pair, backwards.
        const reached = distance + big + this.matchScore[k]! - u[k]! - v[home]!;
        if (reached >= this.bestEnd || reached >= mentorDist[home]!) continue;
        if (mentorDist[home] === Infinity) this.touchedMentors[this.touchedMentorCount++] = home;
        mentorDist[home] = reached;
        this.mentorVia[home] = k;
        mentorHeap.upsert(home);
      } else {
        const distance = mentorDist[y]!;
        if (distance >= this.bestEnd) break;
        mentorHeap.pop();
        if (distance + v[y]! < this.bestEnd) {
          this.bestEnd = distance + v[y]!;
          endSeat = y;
          endMentee = -1;
        }
        this.settleMentorBackward(y, distance);
      }
    }

    const end = this.bestEnd;
    for (let n = 0; n < this.touchedMenteeCount; n++) {
      const k = this.touchedMentees[n]!;
      if (this.menteeDone[k] && menteeDist[k]! < end) u[k]! += end - menteeDist[k]!;
    }
    for (let n = 0; n < this.touchedMentorCount; n++) {
      const j = this.touchedMentors[n]!;
      if (this.mentorDone[j] && this.mentorDist[j]! < end) v[j]! -= end - this.mentorDist[j]!;
    }

    // The path from the end back to the freed seat: each mentee moves one mentor closer to it.
    let k = endMentee >= 0 ? endMentee : endSeat !== origin ? this.mentorVia[endSeat]! : -1;
    const path: number[] = [];
    while (k >= 0) {
      const target = this.menteeVia[k]!;
      path.push(k, target);
      k = target === origin ? -1 : this.mentorVia[target]!;
    }
    for (let n = 0; n < path.length; n += 2) {
      const moving = path[n]!;
      if (mentorOf[moving]! >= 0) this.unseat(mentorOf[moving]!, moving);
    }
    for (let n = 0; n < path.length; n += 2) this.seat(path[n + 1]!, path[n]!, this.menteeViaScore[path[n]!]!);
    this.resetSearch();
  }

  /** Settles mentee k at `distance` and relaxes its pairs towards mentors not settled yet. */
  private reachForward(k: number, distance: number): void {
    const { graph, big, menteeDual: u, mentorDual: v, mentorDist, mentorDone, mentorVia, load, capacity } = this;
    this.menteeDist[k] = distance;
    this.touchedMentees[this.touchedMenteeCount++] = k;
    const base = distance + u[k]! - big;
    for (let e = graph.start[k]!, end = graph.end[k]!; e < end; e++) {
      const bound = base - graph.score[e]!; // prices are ≥ 0: no later pair can do better
      if (bound >= this.bestEnd) break;
      const j = graph.mentor[e]!;
      if (mentorDone[j]) continue;
      const candidate = bound + v[j]!;
      if (candidate >= this.bestEnd) continue;
      if (load[j]! < capacity[j]!) {
        this.bestEnd = candidate;
        this.endMentor = j;
        this.endVia = k;
        this.endViaScore = graph.score[e]!;
        continue;
      }
      if (candidate < mentorDist[j]!) {
        if (mentorDist[j] === Infinity) this.touchedMentors[this.touchedMentorCount++] = j;
        mentorDist[j] = candidate;
        mentorVia[j] = k;
        this.mentorViaScore[j] = graph.score[e]!;
        this.mentorHeap.upsert(j);
      }
    }
  }

  /** Settles mentor x at `distance` (backwards) and relaxes the pairs of mentees who could move into it. */
  private settleMentorBackward(x: number, distance: number): void {
    const reverse = this.reverse!;
    this.mentorDone[x] = 1;
    const base = distance + this.mentorDual[x]! - this.big;
    for (let e = reverse.start[x]!, end = reverse.start[x + 1]!; e < end; e++) {
      const bound = base - reverse.score[e]!; // potentials are ≥ 0
      if (bound >= this.bestEnd) break; // best score first: no later pair can do better
      this.relaxBackward(x, reverse.mentee[e]!, reverse.score[e]!, bound);
    }
    // Pairs added since the index was sorted, in no order.
    for (let e = reverse.addedHead[x]!; e >= 0; e = reverse.addedNext[e]!) {
      const bound = base - reverse.addedScore[e]!;
      if (bound < this.bestEnd) this.relaxBackward(x, reverse.addedMentee[e]!, reverse.addedScore[e]!, bound);
    }
  }

  /** Mentee k could move into mentor x's seat along their pair of `score`, at distance bound + u[k]. */
  private relaxBackward(x: number, k: number, score: number, bound: number): void {
    const { menteeDist } = this;
    if (this.menteeDone[k] || !this.placed[k] || this.mentorOf[k] === x) return;
    const candidate = bound + this.menteeDual[k]!;
    if (candidate >= this.bestEnd || candidate >= menteeDist[k]!) return;
    if (menteeDist[k] === Infinity) this.touchedMentees[this.touchedMenteeCount++] = k;
    menteeDist[k] = candidate;
    this.menteeVia[k] = x;
    this.menteeViaScore[k] = score;
    this.menteeHeap.upsert(k);
  }

  private resetSearch(): void {
    for (let n = 0; n < this.touchedMentorCount; n++) {
      const j = this.touchedMentors[n]!;
      this.mentorDist[j] = Infinity;
      this.mentorDone[j] = 0;
    }
    for (let n = 0; n < this.touchedMenteeCount; n++) {
      const k = this.touchedMentees[n]!;
      this.menteeDist[k] = Infinity;
      this.menteeDone[k] = 0;
    }
    this.touchedMentorCount = 0;
    this.touchedMenteeCount = 0;
    this.mentorHeap.clear();
    this.menteeHeap.clear();
    this.endMentor = -1;
    this.endVia = -1;
  }

  private seat(j: number, k: number, score: number): void {
    this.seated[j * this.seats + this.load[j]!++] = k;
    this.mentorOf[k] = j;
    this.matchScore[k] = score;
  }

  private unseat(j: number, k: number): void {
    const base = j * this.seats;
    const last = --this.load[j]!;
    for (let s = 0; s <= last; s++) {
      if (this.seated[base + s] === k) {
        this.seated[base + s] = this.seated[base + last]!;
        return;
      }
    }
  }
}

/** Binary min-heap of indexes keyed by key[index] (ties: lower index), with decrease-key. */
class IndexedHeap {
  private readonly items: Int32Array;
  private readonly position: Int32Array;
  size = 0;

  constructor(private readonly key: Float64Array) {
    this.items = new Int32Array(key.length);
    this.position = new Int32Array(key.length).fill(-1);
  }

  peek(): number {
    return this.items[0]!;
  }

  upsert(index: number): void {
    let at = this.position[index]!;
    if (at < 0) at = this.size++;
    this.siftUp(at, index);
  }

  pop(): number {
    const top = this.items[0]!;
    this.position[top] = -1;
    const last = this.items[--this.size]!;
    if (this.size > 0) this.siftDown(0, last);
    return top;
  }

  clear(): void {
    for (let n = 0; n < this.size; n++) this.position[this.items[n]!] = -1;
    this.size = 0;
  }

  private less(a: number, b: number): boolean {
    const ka = this.key[a]!;
    const kb = this.key[b]!;
    return ka < kb || (ka === kb && a < b);
  }

  private siftUp(at: number, index: number): void {
    const { items, position } = this;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = items[parent]!;
      if (!this.less(index, above)) break;
      items[at] = above;
      position[above] = at;
      at = parent;
    }
    items[at] = index;
    position[index] = at;
  }

  private siftDown(at: number, index: number): void {
    const { items, position, size } = this;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && this.less(items[child + 1]!, items[child]!)) child++;
      const below = items[child]!;
      if (!this.less(below, index)) break;
      items[at] = below;
      position[below] = at;
      at = child;
    }
    items[at] = index;
    position[index] = at;
  }
}
