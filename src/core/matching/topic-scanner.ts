/**
 * Finds, for each mentee, its best mentors without scoring every pair. Mentees who need the same
 * set of topics are handled together: mentors are split into classes of equal levels on those
 * topics (equal topic score for any of these mentees), classes are visited best topic score
 * first, and the visit stops as soon as the best context score (teach-back, department, hours,
 * availability) could no longer lift anyone left above the cut.
 *
 * The key ranked is score − offset[mentor]: offsets are mentor prices when looking for pairs
 * that would improve a matching, zero to rank by score alone.
 */
import { LEVEL_STRIDE, bitCount, type Pool } from './pool.js';
import { contextBoundsOf, contextScore } from './score.js';

/** Sort keys of classes: (MAX_TOPIC_SCORE − topic score) × CLASS_SPACE + class, exact below 2^53. */
const CLASS_SPACE = 2 ** 21;
const MAX_TOPIC_SCORE = 2 ** 31;

/** What is ranked, the same for every row of one scanAll call. */
export interface ScanSetup {
  /**
   * Subtracted from each partner's score (null: nothing). Must be ≥ 0, and stay as they are
   * during the scan: inside a class, partners are taken by decreasing potential − offset, and
   * the first that cannot reach the cut ends the class.
   */
  offsets: Float64Array | null;
}

export interface ScanRequest {
  /** How many partners to keep at most. */
  limit: number;
  /** Keep only keys strictly above this. */
  floor: number;
  /** Upper bound on the score of any partner that may be kept (Infinity: none known). */
  scoreCap: number;
  /** Partners never kept for this row (already listed). */
  skip: ArrayLike<number> | null;
}

export interface ScanResult {
  count: number;
  /** Best first. */
  partner: Int32Array;
  score: Int32Array;
  /** Every compatible partner not kept (nor skipped) has key ≤ cut; cut ≥ floor. */
  cut: number;
}

export class TopicScanner {
  /** Row (mentee) r's topics: rowTopic/rowValue[rowStart[r] .. rowStart[r + 1]), topics ascending. */
  private readonly rowStart: Int32Array;
  private readonly rowTopic: Int32Array;
  private readonly rowValue: Int32Array;
  /** Per topic, the partners (mentors) holding it. */
  private readonly topicPartners: readonly Int32Array[];
  /** Per topic, each mentor's level (0: not offered). */
  private readonly partnerValue: readonly Uint8Array[];
  /** Points of a shared topic: [rowValue × LEVEL_STRIDE + partnerValue]. */
  private readonly points: Int32Array;
  private readonly rowLanguages: Int32Array;
  private readonly partnerCount: number;
  /** Teach-back topics and availability slots fit one bit set word each: scores by popcount. */
  private readonly maskContext: boolean;
  /** contextScore(row, partner) ≤ rowRest[row] + min(rowPotential[row], partnerPotential[partner]). */
  private readonly rowRest: Int32Array;
  private readonly rowPotential: Int32Array;
  private readonly partnerPotential: Int32Array;
  /** Per row, the most the context can add: rowRest + rowPotential. */
  readonly bounds: Int32Array;
  private readonly potentialOrder: Int32Array;
  /** Row r cannot be paired with blockedPartner[blockedStart[r] .. blockedStart[r + 1]). */
  private readonly blockedStart: Int32Array;
  private readonly blockedPartner: Int32Array;
  /** Per partner, what its context score depends on, side by side (see packPartners). */
  private readonly partnerInfo: Int32Array;

  // Partition of the partners for the current topic set.
  private readonly scratchTouched: Int32Array;
  private readonly scratchSizes: Int32Array;
  private readonly scratchKey: Float64Array;
  /** Each partner's place in potentialOrder, and a bit set over those places (empty between uses). */
  private readonly potentialRank: Int32Array;
  private readonly touchedRanks: Int32Array;
  private untouchedCount = -1;
  private group: TopicGroup = {
    touched: new Int32Array(0),
    values: new Int32Array(0),
    classCount: 0,
    start: new Int32Array(1),
    members: new Int32Array(0),
    rankings: new Map(),
  };
  /**
   * The current classes laid out for scanning, class after class, then the partners sharing no
   * topic: at each position, the partner's packed info and the partner itself (INFO_STRIDE
   * apart), and its offset. Scans then read memory in order.
   */
  private readonly laid: Int32Array;
  private readonly laidOffset: Float64Array;
  /** Position of each partner in the current scan's partner order (see scanAll). */
  private readonly partnerRank: Int32Array;
  private byRank = false;
  private partnerOrder: Int32Array = new Int32Array(0);
  private offsets: Float64Array | null = null;
  private layoutStamp = 0;
  /** classReady[c] === layoutStamp: class c is laid out. */
  private classReady = new Int32Array(64);
  private readonly orderScratch: Int32Array;
  /** Each row's topic set (an index), and the classes of each topic set met so far. */
  private readonly rowGroup: Int32Array;
  private readonly groupCount: number;
  private readonly groups: (TopicGroup | undefined)[] = [];
  private readonly classIndex = new Int32Array(1 << 16).fill(-1);

  // Per-row work space.
  private classTopic = new Int32Array(64);
  private classOrder = new Int32Array(64);
  private classKeys = new Float64Array(64);
  private readonly buckets = new Int32Array(4097);
  private readonly skipped: Int32Array;
  private skipStamp = 0;
  private readonly keep: KeepBest;
  private readonly result: ScanResult;

  constructor(
    private readonly pool: Pool,
    maxLimit: number,
  ) {
    const context = contextBoundsOf(pool);
    this.rowRest = context.rest;
    this.rowPotential = context.potential;
    this.partnerPotential = context.mentorPotential;
    this.bounds = context.rest.map((rest, r) => rest + context.potential[r]!);
    // Partners by decreasing context potential (then index): in a class, the first that cannot
    // reach the cut ends it.
    this.potentialOrder = Int32Array.from({ length: context.mentorPotential.length }, (_, p) => p).sort(
      (a, b) => context.mentorPotential[b]! - context.mentorPotential[a]! || a - b,
    );
    this.rowStart = pool.needStart;
    this.rowTopic = pool.needTopic;
    this.rowValue = pool.needPriority;
    this.topicPartners = pool.topicMentors;
    this.partnerValue = pool.topicLevels;
    this.points = pool.topicPoints;
    this.rowLanguages = pool.menteeLanguages;
    this.partnerCount = pool.mentorCount;
    this.maskContext = pool.teachWords === 1 && pool.slotWords === 1;
    this.partnerInfo = packPartners(pool, context.mentorPotential);
    const blockedLists = blockedPartners(pool);
    this.blockedStart = blockedLists.start;
    this.blockedPartner = blockedLists.partner;
    this.scratchTouched = new Int32Array(this.partnerCount);
    this.scratchSizes = new Int32Array(this.partnerCount + 1);
    this.scratchKey = new Float64Array(this.partnerCount);
    this.laid = new Int32Array(this.partnerCount * INFO_STRIDE);
    this.laidOffset = new Float64Array(this.partnerCount);
    this.orderScratch = new Int32Array(this.partnerCount);
    this.partnerRank = new Int32Array(this.partnerCount);
    this.potentialRank = new Int32Array(this.partnerCount);
    for (let n = 0; n < this.potentialOrder.length; n++) this.potentialRank[this.potentialOrder[n]!] = n;
    this.touchedRanks = new Int32Array((this.partnerCount + 31) >> 5);
    this.skipped = new Int32Array(this.partnerCount);
    const capacity = Math.max(1, maxLimit);
    this.keep = new KeepBest(capacity);
    this.result = { count: 0, partner: new Int32Array(capacity), score: new Int32Array(capacity), cut: 0 };
    const topicSets = new Map<string, number>();
    this.rowGroup = new Int32Array(pool.menteeCount);
    for (let row = 0; row < pool.menteeCount; row++) {
      const key = this.rowTopic.subarray(this.rowStart[row]!, this.rowStart[row + 1]!).join(',');
      let id = topicSets.get(key);
      if (id === undefined) topicSets.set(key, (id = topicSets.size));
      this.rowGroup[row] = id;
    }
    this.groupCount = topicSets.size;
  }

  /**
   * Scans every row of `rows`, grouped by topic set (results do not come in `rows` order).
   * `onResult` must copy what it keeps: the result object is reused.
   */
  scanAll(
    rows: ArrayLike<number>,
    setup: ScanSetup,
    requestFor: (row: number) => ScanRequest,
    onResult: (row: number, result: ScanResult) => void,
  ): void {
    if (rows.length === 0) return;
    const { offsets } = setup;
    let partnerOrder: Int32Array | null = null;
    if (offsets !== null) {
      const potential = this.partnerPotential;
      partnerOrder = Int32Array.from({ length: this.partnerCount }, (_, p) => p).sort(
        (a, b) => potential[b]! - offsets[b]! - (potential[a]! - offsets[a]!) || a - b,
      );
      for (let n = 0; n < partnerOrder.length; n++) this.partnerRank[partnerOrder[n]!] = n;
      this.partnerOrder = partnerOrder;
    }
    // Rows by topic set (a stable counting sort), each set's rows ascending.
    const { rowGroup } = this;
    const ascending = Int32Array.from({ length: rows.length }, (_, n) => rows[n]!).sort();
    const groupStart = new Int32Array(this.groupCount + 1);
    for (let n = 0; n < ascending.length; n++) groupStart[rowGroup[ascending[n]!]! + 1]!++;
    for (let g = 0; g < this.groupCount; g++) groupStart[g + 1]! += groupStart[g]!;
    const order = new Int32Array(ascending.length);
    for (let n = 0; n < ascending.length; n++) order[groupStart[rowGroup[ascending[n]!]!]!++] = ascending[n]!;
    this.offsets = offsets;
    this.byRank = partnerOrder !== null;
    let currentGroup = -1;
    for (let n = 0; n < order.length; n++) {
      const row = order[n]!;
      if (rowGroup[row] !== currentGroup) {
        currentGroup = rowGroup[row]!;
        this.partition(row, currentGroup);
      }
      onResult(row, this.scanRow(row, requestFor(row)));
    }
    this.offsets = null;
  }

  /**
   * Makes the classes of the topic set of `row` current (computed once per topic set). Each class
   * is laid out when a scan first reaches it (most classes never are).
   */
  private partition(row: number, groupId: number): void {
    let group = this.groups[groupId];
    if (group === undefined) {
      group = this.classify(row);
      this.groups[groupId] = group;
    }
    this.group = group;
    this.layoutStamp++;
    if (this.classReady.length < group.classCount) this.classReady = new Int32Array(group.classCount * 2);
    this.untouchedCount = -1; // laid out on demand
    if (this.classTopic.length < group.classCount) {
      this.classTopic = new Int32Array(group.classCount * 2);
      this.classOrder = new Int32Array(group.classCount * 2);
      this.classKeys = new Float64Array(group.classCount * 2);
    }
  }

  /** The classes of the partners sharing a topic with `row`, keyed by their values on its topics. */
  private classify(row: number): TopicGroup {
    const { topicPartners, classIndex, potentialOrder, potentialRank, touchedRanks } = this;
    const first = this.rowStart[row]!;
    const topicCount = this.rowStart[row + 1]! - first;
    const smallKeys = LEVEL_STRIDE ** topicCount <= classIndex.length;
    const classKey = smallKeys ? null : new Map<number, number>();
    // Class key of each partner touched, by its rank in decreasing potential: its levels in topic
    // order, Σ level[q] × STRIDE^(topicCount − 1 − q) (0 on a topic it does not offer). The ranks
    // touched are marked in a bit set, read back in order below.
    const keyOf = this.scratchKey;
    let touchedCount = 0;
    let multiplier = LEVEL_STRIDE ** (topicCount - 1);
    for (let q = 0; q < topicCount; q++) {
      const topic = this.rowTopic[first + q]!;
      const holders = topicPartners[topic]!;
      const levels = this.partnerValue[topic]!;
      for (let n = 0; n < holders.length; n++) {
        const p = holders[n]!;
        const rank = potentialRank[p]!;
        const word = rank >> 5;
        const bit = 1 << (rank & 31);
        if ((touchedRanks[word]! & bit) === 0) {
          touchedRanks[word]! |= bit;
          keyOf[rank] = levels[p]! * multiplier;
          touchedCount++;
        } else keyOf[rank] = keyOf[rank]! + levels[p]! * multiplier;
      }
      multiplier /= LEVEL_STRIDE;
    }
    // Partners in decreasing potential: classes numbered as first met, members in that order.
    const touched = new Int32Array(touchedCount);
    const touchedClass = this.scratchTouched;
    const sizes = this.scratchSizes;
    const keys: number[] = [];
    let classCount = 0;
    for (let word = 0, k = 0; word < touchedRanks.length; word++) {
      let bits = touchedRanks[word]!;
      if (bits === 0) continue;
      touchedRanks[word] = 0;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const rank = (word << 5) + 31 - Math.clz32(low);
        const p = potentialOrder[rank]!;
        const key = keyOf[rank]!;
        let c = classKey === null ? classIndex[key]! : (classKey.get(key) ?? -1);
        if (c < 0) {
          c = classCount++;
          if (classKey === null) classIndex[key] = c;
          else classKey.set(key, c);
          keys.push(key);
          sizes[c] = 0;
        }
        sizes[c]!++;
        touchedClass[k] = c;
        touched[k++] = p;
      }
    }
    const values = new Int32Array(classCount * topicCount);
    for (let c = 0; c < classCount; c++) {
      let key = keys[c]!;
      if (classKey === null) classIndex[key] = -1;
      for (let q = topicCount - 1; q >= 0; q--) {
        const level = key % LEVEL_STRIDE;
        values[c * topicCount + q] = level;
        key = (key - level) / LEVEL_STRIDE;
      }
    }
    const start = new Int32Array(classCount + 1);
    for (let c = 0; c < classCount; c++) start[c + 1] = start[c]! + sizes[c]!;
    // Members class after class, each class in decreasing potential (the scan's break relies on it).
    const fill = sizes;
    for (let c = 0; c < classCount; c++) fill[c] = start[c]!;
    const members = new Int32Array(touchedCount);
    for (let n = 0; n < touchedCount; n++) members[fill[touchedClass[n]!]!++] = touched[n]!;
    return { touched, values, classCount, start, members, rankings: new Map() };
  }

  /**
   * Lays out the partners sharing no topic with the current topic set after the classes, in
   * decreasing potential; returns where they end.
   */
  private untouchedPartners(): number {
    const { group, potentialOrder, potentialRank, touchedRanks } = this;
    const from = group.touched.length;
    if (this.untouchedCount >= 0) return from + this.untouchedCount;
    for (let n = 0; n < group.touched.length; n++) {
      const rank = potentialRank[group.touched[n]!]!;
      touchedRanks[rank >> 5]! |= 1 << (rank & 31);
    }
    const order = this.orderScratch;
    let count = 0;
    for (let rank = 0; rank < potentialOrder.length; rank++) {
      if ((touchedRanks[rank >> 5]! & (1 << (rank & 31))) === 0) order[count++] = potentialOrder[rank]!;
    }
    touchedRanks.fill(0);
    this.copyInfo(order, 0, count, from);
    this.untouchedCount = count;
    return from + count;
  }

  /** Classes by decreasing topic score (then class index): a counting sort when scores are small. */
  private orderClasses(classCount: number, highest: number): Int32Array {
    const { classTopic, classOrder } = this;
    if (highest < this.buckets.length - 1) {
      const buckets = this.buckets;
      buckets.fill(0, 0, highest + 2);
      for (let c = 0; c < classCount; c++) buckets[highest - classTopic[c]! + 1]!++;
      for (let b = 1; b <= highest + 1; b++) buckets[b]! += buckets[b - 1]!;
      for (let c = 0; c < classCount; c++) classOrder[buckets[highest - classTopic[c]!]!++] = c;
      return classOrder;
    }
    const keys = this.classKeys;
    for (let c = 0; c < classCount; c++) keys[c] = (MAX_TOPIC_SCORE - classTopic[c]!) * CLASS_SPACE + c;
    keys.subarray(0, classCount).sort();
    for (let c = 0; c < classCount; c++) classOrder[c] = keys[c]! - Math.floor(keys[c]! / CLASS_SPACE) * CLASS_SPACE;
    return classOrder;
  }

  /**
   * Lays out class c (members[from .. to) of the group): in the current partner order when there
   * are offsets, else as the group keeps it (by potential).
   */
  private layOut(c: number, from: number, to: number): void {
    this.classReady[c] = this.layoutStamp;
    const source = this.group.members;
    if (!this.byRank) {
      this.copyInfo(source, from, to, from);
      return;
    }
    const target = this.orderScratch;
    const rank = this.partnerRank;
    if (to - from <= 32) {
      for (let m = from; m < to; m++) {
        const p = source[m]!;
        const r = rank[p]!;
        let at = m - from;
        while (at > 0 && rank[target[at - 1]!]! > r) {
          target[at] = target[at - 1]!;
          at--;
        }
        target[at] = p;
      }
    } else {
      // A big class: sort its partners' ranks, then read the partners back from the order.
      const ranks = target.subarray(0, to - from);
      for (let m = from; m < to; m++) ranks[m - from] = rank[source[m]!]!;
      ranks.sort();
      const partnerOrder = this.partnerOrder;
      for (let n = 0; n < ranks.length; n++) target[n] = partnerOrder[ranks[n]!]!;
    }
    this.copyInfo(target, 0, to - from, from);
  }

  /** Lays out partners list[from .. to) at positions at, at + 1, …: their info, themselves and their offsets. */
  private copyInfo(list: Int32Array, from: number, to: number, at: number): void {
    const { laid, laidOffset, partnerInfo: info, offsets } = this;
    for (let n = from, position = at; n < to; n++, position++) {
      const p = list[n]!;
      const source = p * INFO_STRIDE;
      const target = position * INFO_STRIDE;
      for (let k = 0; k < INFO_STRIDE - 1; k++) laid[target + k] = info[source + k]!;
      laid[target + PARTNER] = p;
      laidOffset[position] = offsets === null ? 0 : offsets[p]!;
    }
  }

  private scanRow(row: number, request: ScanRequest): ScanResult {
    const { pool, keep, points, classTopic, skipped, maskContext, laid, laidOffset, byRank } = this;
    const { start: classStart, values: classValues, classCount } = this.group;
    const { floor, scoreCap, skip } = request;
    const languages = this.rowLanguages[row]!;
    const bound = this.bounds[row]!;
    const rest = this.rowRest[row]!;
    const rowPotential = this.rowPotential[row]!;
    const first = this.rowStart[row]!;
    const topicCount = this.rowStart[row + 1]! - first;
    keep.reset(Math.max(1, request.limit), row);
    const skipStamp = ++this.skipStamp;
    if (skip !== null) for (let n = 0; n < skip.length; n++) skipped[skip[n]!] = skipStamp;
    // Pairs a hard rule forbids are skipped the same way.
    for (let n = this.blockedStart[row]!, end = this.blockedStart[row + 1]!; n < end; n++) skipped[this.blockedPartner[n]!] = skipStamp;

    // What the context score of this row depends on (see packPartners).
    const teachRow = pool.menteeTeach[row * pool.teachWords]!;
    const slotRow = pool.menteeSlots[row * pool.slotWords]!;
    const teachBackPoints = pool.teachBackPoints;
    const slotPoints = pool.slotPoints;
    const zonePoints = pool.zonePoints;
    const zoneBase = pool.menteeZone[row]! * pool.zoneCount;
    const department = pool.menteeDepartment[row]!;
    const departmentPoints = department >= 0 ? pool.departmentPoints : 0;

    // Topic score of each class for this row; classes visited best first. Both depend only on the
    // topic set and the row's priorities on it: computed once per priority vector and kept.
    let rankingKey = topicCount <= 8 ? 0 : -1;
    for (let q = 0; q < topicCount && rankingKey >= 0; q++) {
      const value = this.rowValue[first + q]!;
      rankingKey = value >= 0 && value < 64 ? rankingKey * 64 + value : -1;
    }
    const rankings = this.group.rankings;
    let ranking = rankingKey >= 0 ? rankings.get(rankingKey) : undefined;
    if (ranking === undefined) {
      let highest = 0;
      for (let c = 0; c < classCount; c++) {
        let topic = 0;
        for (let q = 0; q < topicCount; q++) topic += points[this.rowValue[first + q]! * LEVEL_STRIDE + classValues[c * topicCount + q]!]!;
        classTopic[c] = topic;
        if (topic > highest) highest = topic;
      }
      const computed = this.orderClasses(classCount, highest);
      ranking = { topic: classTopic.slice(0, classCount), order: computed.slice(0, classCount) };
      if (rankingKey >= 0) rankings.set(rankingKey, ranking);
    }
    const order = ranking.order;
    const classTopicOf = ranking.topic;

    let cut = floor;
    for (let n = 0; n <= classCount; n++) {
      const last = n === classCount;
      const topic = last ? 0 : classTopicOf[order[n]!]!;
      const best = topic + bound < scoreCap ? topic + bound : scoreCap;
      if (best <= cut) break; // classes come best first, partners sharing no topic last (offsets are ≥ 0)
      let from: number;
      let to: number;
      if (last) {
        from = this.group.touched.length;
        to = this.untouchedPartners();
      } else {
        from = classStart[order[n]!]!;
        to = classStart[order[n]! + 1]!;
        if (this.classReady[order[n]!] !== this.layoutStamp) this.layOut(order[n]!, from, to);
      }
      // Inside a class, partners come by decreasing potential − offset when laid out by rank,
      // else by potential (as do the partners sharing no topic).
      const ranked = byRank && !last;
      const reach = topic + rest; // plus min(potentials) − offset, for each partner
      for (let m = from; m < to; m++) {
        const at = m * INFO_STRIDE;
        const offset = laidOffset[m]!;
        const potential = laid[at + 5]!;
        const ceiling = reach + (potential < rowPotential ? potential : rowPotential);
        if ((ceiling < scoreCap ? ceiling : scoreCap) - offset <= cut) {
          if (ranked ? reach + potential - offset <= cut : ceiling <= cut) break;
          continue;
        }
        if ((laid[at]! & languages) === 0) continue;
        const p = laid[at + PARTNER]!;
        let score: number;
        if (maskContext) {
          const other = laid[at + 1]!;
          score =
            topic +
            teachBackPoints * bitCount(teachRow & laid[at + 3]!) +
            slotPoints[bitCount(slotRow & laid[at + 4]!)]! +
            zonePoints[zoneBase + laid[at + 2]!]! +
            (other >= 0 && other !== department ? departmentPoints : 0);
        } else {
          score = topic + contextScore(pool, p, row);
        }
        const key = score - offset;
        if (key < cut || key <= floor || skipped[p] === skipStamp || (key === cut && !keep.accepts(key, p))) continue;
        keep.push(key, p, score);
        if (keep.full && keep.worstKey > cut) cut = keep.worstKey;
      }
    }

    const result = this.result;
    result.count = keep.drainBestFirst(result.partner, result.score);
    result.cut = cut;
    return result;
  }
}

/** For each mentee, the mentors a hard rule forbids (reporting chain, earlier pairs, exclusions). */
function blockedPartners(pool: Pool): { start: Int32Array; partner: Int32Array } {
  const start = new Int32Array(pool.menteeCount + 1);
  const pairs: [number, number][] = [];
  for (const key of pool.blocked.keys()) {
    const mentor = Math.floor(key / pool.menteeCount);
    pairs.push([key - mentor * pool.menteeCount, mentor]);
  }
  for (const [mentee] of pairs) start[mentee + 1]!++;
  for (let i = 0; i < pool.menteeCount; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, pool.menteeCount);
  const partner = new Int32Array(pairs.length);
  for (const [mentee, mentor] of pairs) partner[fill[mentee]!++] = mentor;
  return { start, partner };
}

const INFO_STRIDE = 8;
/** Where a laid-out position keeps its partner (the last slot of its info). */
const PARTNER = INFO_STRIDE - 1;

/**
 * Per mentor, side by side (one cache line): [languages, department, zone, teach-back wants
 * (first bit set word), availability slots (first word), context potential].
 */
function packPartners(pool: Pool, potential: Int32Array): Int32Array {
  const info = new Int32Array(pool.mentorCount * INFO_STRIDE);
  for (let j = 0; j < pool.mentorCount; j++) {
    const at = j * INFO_STRIDE;
    info[at] = pool.mentorLanguages[j]!;
    info[at + 1] = pool.mentorDepartment[j]!;
    info[at + 2] = pool.mentorZone[j]!;
    info[at + 3] = pool.mentorWants[j * pool.teachWords]!;
    info[at + 4] = pool.mentorSlots[j * pool.slotWords]!;
    info[at + 5] = potential[j]!;
  }
  return info;
}

interface TopicGroup {
  /** Mentors holding any of the topics. */
  touched: Int32Array;
  /** Class c's levels on the topics: values[c × topicCount ..]. */
  values: Int32Array;
  classCount: number;
  /** Class sizes as offsets: class c has start[c + 1] − start[c] members. */
  start: Int32Array;
  /** Members class after class, each class in decreasing context potential. */
  members: Int32Array;
  /** Per priority vector of a row on these topics: each class's topic score and the class visiting order. */
  rankings: Map<number, { topic: Int32Array; order: Int32Array }>;
}

/**
 * The `limit` best (key, mentor) seen, ties broken by a pseudo-random rank salted with the mentee:
 * mentees with the same profile then keep different mentors among their ties rather than all the
 * lowest ids, which spreads demand.
 */
class KeepBest {
  private readonly keys: Float64Array;
  private readonly partners: Int32Array;
  private readonly scores: Int32Array;
  private readonly ranks: Uint32Array;
  private limit = 1;
  private salt = 0;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.partners = new Int32Array(capacity);
    this.scores = new Int32Array(capacity);
    this.ranks = new Uint32Array(capacity);
  }

  reset(limit: number, row: number): void {
    this.limit = Math.min(limit, this.keys.length);
    this.size = 0;
    this.salt = Math.imul(row + 1, 0x27d4eb2f);
  }

  get full(): boolean {
    return this.size === this.limit;
  }

  get worstKey(): number {
    return this.keys[0]!;
  }

  accepts(key: number, partner: number): boolean {
    if (this.size < this.limit) return true;
    const worst = this.keys[0]!;
    return key > worst || (key === worst && this.rank(partner) < this.ranks[0]!);
  }

  push(key: number, partner: number, score: number): void {
    const rank = this.rank(partner);
    if (this.size < this.limit) {
      let at = this.size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        const parentKey = this.keys[parent]!;
        if (!(key < parentKey || (key === parentKey && rank > this.ranks[parent]!))) break;
        this.move(parent, at);
        at = parent;
      }
      this.place(at, key, partner, score, rank);
      return;
    }
    this.sink(key, partner, score, rank, this.size);
  }

  /** Writes the kept partners best first and empties the heap; returns how many. */
  drainBestFirst(outPartner: Int32Array, outScore: Int32Array): number {
    const count = this.size;
    for (let n = count - 1; n >= 0; n--) {
      outPartner[n] = this.partners[0]!;
      outScore[n] = this.scores[0]!;
      this.sink(this.keys[n]!, this.partners[n]!, this.scores[n]!, this.ranks[n]!, n);
    }
    this.size = 0;
    return count;
  }

  private rank(partner: number): number {
    let x = Math.imul(partner ^ this.salt, 0x9e3779b1);
    x ^= x >>> 15;
    x = Math.imul(x, 0x85ebca77);
    return (x ^ (x >>> 13)) >>> 0;
  }

  /** Puts (key, …) at the root of a heap of `size` entries and sinks it into place. */
  private sink(key: number, partner: number, score: number, rank: number, size: number): void {
    const { keys, ranks } = this;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && (keys[child + 1]! < keys[child]! || (keys[child + 1] === keys[child] && ranks[child + 1]! > ranks[child]!))) child++;
      const childKey = keys[child]!;
      if (!(childKey < key || (childKey === key && ranks[child]! > rank))) break;
      this.move(child, at);
      at = child;
    }
    this.place(at, key, partner, score, rank);
  }

  private move(from: number, to: number): void {
    this.keys[to] = this.keys[from]!;
    this.partners[to] = this.partners[from]!;
    this.scores[to] = this.scores[from]!;
    this.ranks[to] = this.ranks[from]!;
  }

  private place(at: number, key: number, partner: number, score: number, rank: number): void {
    this.keys[at] = key;
    this.partners[at] = partner;
    this.scores[at] = score;
    this.ranks[at] = rank;
  }
}
