/**
 * Finds, for each mentee (or mentor), its best partners on the other side without scoring every
 * pair. Rows that share the same set of topics are handled together: the partners are split into
 * classes of equal levels on those topics (equal topic score for any row of the group), classes
 * are visited best topic score first, and the visit stops as soon as the best context score
 * (teach-back, department, hours, availability) could no longer lift anyone left above the cut.
 *
 * The key ranked is score − offset[partner]: offsets are mentor prices when looking for pairs
 * that would improve a matching, zero when building candidate lists.
 */
import { LEVEL_STRIDE, type Pool } from './pool.js';
import { contextBoundsOf, contextScore } from './score.js';

export type Side = 'mentee' | 'mentor';

/** Sort keys of classes: (MAX_TOPIC_SCORE − topic score) × CLASS_SPACE + class, exact below 2^53. */
const CLASS_SPACE = 2 ** 21;
const MAX_TOPIC_SCORE = 2 ** 31;

/** What is ranked, the same for every row of one scanAll call. */
export interface ScanSetup {
  /** Subtracted from each partner's score (null: nothing). Must be ≥ 0; may change during the scan. */
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
  private readonly byMentee: boolean;
  /** Row r's topics: rowTopic/rowValue[rowStart[r] .. rowStart[r + 1]), topics ascending. */
  private readonly rowStart: Int32Array;
  private readonly rowTopic: Int32Array;
  private readonly rowValue: Int32Array;
  /** Per topic, the partners holding it. */
  private readonly topicPartners: readonly Int32Array[];
  /** Per topic, each partner's value (mentor level or mentee priority; 0: not held). */
  private readonly partnerValue: readonly Uint8Array[];
  /** Points of a shared topic: [rowValue × LEVEL_STRIDE + partnerValue]. */
  private readonly points: Int32Array;
  private readonly rowLanguages: Int32Array;
  private readonly partnerLanguages: Int32Array;
  private readonly partnerCount: number;
  private readonly context: ContextLookup | null;
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
  private readonly classOf: Int32Array;
  private readonly touchedBy: Int32Array;
  private touchStamp = 0;
  private readonly untouched: Int32Array;
  private untouchedCount = -1;
  private group: TopicGroup = { touched: new Int32Array(0), values: new Int32Array(0), classCount: 0, start: new Int32Array(1), members: new Int32Array(0) };
  /** Classes of each topic set met so far. */
  private readonly groups = new Map<string, TopicGroup>();
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
    side: Side,
    maxLimit: number,
  ) {
    this.byMentee = side === 'mentee';
    const context = contextBoundsOf(pool, side);
    this.rowRest = context.rest;
    this.rowPotential = context.potential;
    this.partnerPotential = context.partnerPotential;
    this.bounds = context.rest.map((rest, r) => rest + context.potential[r]!);
    // Partners by decreasing context potential (then index): in a class, the first that cannot
    // reach the cut ends it.
    this.potentialOrder = Int32Array.from({ length: context.partnerPotential.length }, (_, p) => p).sort(
      (a, b) => context.partnerPotential[b]! - context.partnerPotential[a]! || a - b,
    );
    const index = topicIndex(pool, side);
    this.rowStart = index.rowStart;
    this.rowTopic = index.rowTopic;
    this.rowValue = index.rowValue;
    this.topicPartners = index.topicPartners;
    this.partnerValue = index.partnerValue;
    this.points = index.points;
    this.rowLanguages = this.byMentee ? pool.menteeLanguages : pool.mentorLanguages;
    this.partnerLanguages = this.byMentee ? pool.mentorLanguages : pool.menteeLanguages;
    this.partnerCount = this.byMentee ? pool.mentorCount : pool.menteeCount;
    this.context = contextLookup(pool, side);
    this.partnerInfo = packPartners(pool, side, this.context);
    const blockedLists = blockedPartners(pool, side);
    this.blockedStart = blockedLists.start;
    this.blockedPartner = blockedLists.partner;
    this.classOf = new Int32Array(this.partnerCount);
    this.touchedBy = new Int32Array(this.partnerCount);
    this.untouched = new Int32Array(this.partnerCount);
    this.skipped = new Int32Array(this.partnerCount);
    const capacity = Math.max(1, maxLimit);
    this.keep = new KeepBest(capacity);
    this.result = { count: 0, partner: new Int32Array(capacity), score: new Int32Array(capacity), cut: 0 };
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
    const order = Int32Array.from({ length: rows.length }, (_, n) => rows[n]!);
    const signature = new Map<string, number>();
    const keys: string[] = [];
    const group = new Int32Array(order.length);
    for (let n = 0; n < order.length; n++) {
      const row = order[n]!;
      const key = this.rowTopic.subarray(this.rowStart[row]!, this.rowStart[row + 1]!).join(',');
      let id = signature.get(key);
      if (id === undefined) {
        signature.set(key, (id = signature.size));
        keys.push(key);
      }
      group[n] = id;
    }
    const sorted = Int32Array.from(order.keys()).sort((a, b) => group[a]! - group[b]! || order[a]! - order[b]!);
    let currentGroup = -1;
    for (const n of sorted) {
      const row = order[n]!;
      if (group[n] !== currentGroup) {
        currentGroup = group[n]!;
        this.partition(row, keys[currentGroup]!);
      }
      onResult(row, this.scanRow(row, requestFor(row), offsets));
    }
  }

  /** Makes the classes of the topic set of `row` current (computed once per topic set). */
  private partition(row: number, groupKey: string): void {
    let group = this.groups.get(groupKey);
    if (group === undefined) {
      group = this.classify(row);
      this.groups.set(groupKey, group);
    }
    this.group = group;
    this.untouchedCount = -1; // built on demand
    if (this.classTopic.length < group.classCount) {
      this.classTopic = new Int32Array(group.classCount * 2);
      this.classOrder = new Int32Array(group.classCount * 2);
      this.classKeys = new Float64Array(group.classCount * 2);
    }
  }

  /** The classes of the partners sharing a topic with `row`, keyed by their values on its topics. */
  private classify(row: number): TopicGroup {
    const { topicPartners, classIndex } = this;
    const first = this.rowStart[row]!;
    const topicCount = this.rowStart[row + 1]! - first;
    const valueOf = Array.from(this.rowTopic.subarray(first, first + topicCount), (t) => this.partnerValue[t]!);
    const seen = ++this.touchStamp;
    const smallKeys = LEVEL_STRIDE ** topicCount <= classIndex.length;
    const classKey = smallKeys ? null : new Map<number, number>();
    const usedKeys: number[] = [];
    const touched: number[] = [];
    const classOfTouched: number[] = [];
    const values: number[] = [];
    const sizes: number[] = [];
    for (let k = 0; k < topicCount; k++) {
      const holders = topicPartners[this.rowTopic[first + k]!]!;
      for (let n = 0; n < holders.length; n++) {
        const p = holders[n]!;
        if (this.touchedBy[p] === seen) continue;
        this.touchedBy[p] = seen;
        let key = 0;
        for (let q = 0; q < topicCount; q++) key = key * LEVEL_STRIDE + valueOf[q]![p]!;
        let c = classKey === null ? classIndex[key]! : (classKey.get(key) ?? -1);
        if (c < 0) {
          c = sizes.length;
          if (classKey === null) {
            classIndex[key] = c;
            usedKeys.push(key);
          } else classKey.set(key, c);
          sizes.push(0);
          for (let q = 0; q < topicCount; q++) values.push(valueOf[q]![p]!);
        }
        sizes[c]!++;
        touched.push(p);
        classOfTouched.push(c);
      }
    }
    for (const key of usedKeys) classIndex[key] = -1;
    const start = new Int32Array(sizes.length + 1);
    sizes.forEach((size, c) => (start[c + 1] = start[c]! + size));
    // Members class after class, each class in decreasing potential (the scan's break relies on it).
    const classOf = this.classOf;
    touched.forEach((p, n) => (classOf[p] = classOfTouched[n]!));
    const members = new Int32Array(touched.length);
    const fill = start.slice(0, sizes.length);
    for (const p of this.potentialOrder) if (this.touchedBy[p] === seen) members[fill[classOf[p]!]!++] = p;
    return { touched: Int32Array.from(touched), values: Int32Array.from(values), classCount: sizes.length, start, members };
  }

  /** The partners sharing no topic with the current topic set, in decreasing potential. */
  private untouchedPartners(): number {
    if (this.untouchedCount >= 0) return this.untouchedCount;
    const { touchedBy, group } = this;
    const stamp = ++this.touchStamp;
    for (let n = 0; n < group.touched.length; n++) touchedBy[group.touched[n]!] = stamp;
    let count = 0;
    for (const p of this.potentialOrder) if (touchedBy[p] !== stamp) this.untouched[count++] = p;
    this.untouchedCount = count;
    return count;
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

  private scanRow(row: number, request: ScanRequest, offsets: Float64Array | null): ScanResult {
    const { pool, byMentee, keep, points, classTopic, skipped, context } = this;
    const { start: classStart, values: classValues, members, classCount } = this.group;
    const { floor, scoreCap, skip } = request;
    const languages = this.rowLanguages[row]!;
    const bound = this.bounds[row]!;
    const rest = this.rowRest[row]!;
    const rowPotential = this.rowPotential[row]!;
    const partnerPotential = this.partnerPotential;
    const first = this.rowStart[row]!;
    const topicCount = this.rowStart[row + 1]! - first;
    keep.reset(Math.max(1, request.limit), row, byMentee);
    const skipStamp = ++this.skipStamp;
    if (skip !== null) for (let n = 0; n < skip.length; n++) skipped[skip[n]!] = skipStamp;
    // Pairs a hard rule forbids are skipped the same way.
    for (let n = this.blockedStart[row]!, end = this.blockedStart[row + 1]!; n < end; n++) skipped[this.blockedPartner[n]!] = skipStamp;

    // Context look-ups fixed by the row (see packPartners).
    const info = this.partnerInfo;
    const teachPoints = context === null ? null : context.teachPoints;
    const slotPoints = context === null ? null : context.slotPoints;
    const teachBase = context === null ? 0 : context.rowTeachKind[row]! * context.teachRowStride;
    const slotBase = context === null ? 0 : context.rowSlotKind[row]! * context.slotRowStride;
    const zonePoints = pool.zonePoints;
    const zoneBase = (byMentee ? pool.menteeZone : pool.mentorZone)[row]! * pool.zoneCount;
    const department = (byMentee ? pool.menteeDepartment : pool.mentorDepartment)[row]!;
    const departmentPoints = department >= 0 ? pool.departmentPoints : 0;

    // Topic score of each class for this row; classes visited best first.
    let highest = 0;
    for (let c = 0; c < classCount; c++) {
      let topic = 0;
      for (let q = 0; q < topicCount; q++) topic += points[this.rowValue[first + q]! * LEVEL_STRIDE + classValues[c * topicCount + q]!]!;
      classTopic[c] = topic;
      if (topic > highest) highest = topic;
    }
    const order = this.orderClasses(classCount, highest);

    let cut = floor;
    for (let n = 0; n <= classCount; n++) {
      const last = n === classCount;
      const topic = last ? 0 : classTopic[order[n]!]!;
      const best = topic + bound < scoreCap ? topic + bound : scoreCap;
      if (best <= cut) break; // classes come best first, partners sharing no topic last (offsets are ≥ 0)
      const from = last ? 0 : classStart[order[n]!]!;
      const to = last ? this.untouchedPartners() : classStart[order[n]! + 1]!;
      const list = last ? this.untouched : members;
      const reach = topic + rest; // plus min(potentials) − offset, for each partner
      for (let m = from; m < to; m++) {
        const p = list[m]!;
        const offset = offsets === null ? 0 : offsets[p]!;
        const potential = partnerPotential[p]!;
        const ceiling = reach + (potential < rowPotential ? potential : rowPotential);
        if ((ceiling < scoreCap ? ceiling : scoreCap) - offset <= cut) {
          if (ceiling <= cut) break; // later partners in the class have no more potential
          continue;
        }
        const at = p * INFO_STRIDE;
        if (skipped[p] === skipStamp || (info[at]! & languages) === 0) continue;
        let score: number;
        if (teachPoints !== null && slotPoints !== null) {
          const other = info[at + 1]!;
          score =
            topic +
            teachPoints[info[at + 3]! + teachBase]! +
            slotPoints[info[at + 4]! + slotBase]! +
            zonePoints[zoneBase + info[at + 2]!]! +
            (other >= 0 && other !== department ? departmentPoints : 0);
        } else {
          score = topic + contextScore(pool, byMentee ? p : row, byMentee ? row : p);
        }
        const key = score - offset;
        if (key < cut || key <= floor || (key === cut && !keep.accepts(key, p))) continue;
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

/** For each row, the partners a hard rule forbids (reporting chain, earlier pairs, exclusions). */
function blockedPartners(pool: Pool, side: Side): { start: Int32Array; partner: Int32Array } {
  const byMentee = side === 'mentee';
  const rows = byMentee ? pool.menteeCount : pool.mentorCount;
  const start = new Int32Array(rows + 1);
  const pairs: [number, number][] = [];
  for (const key of pool.blocked.keys()) {
    const mentor = Math.floor(key / pool.menteeCount);
    const mentee = key - mentor * pool.menteeCount;
    pairs.push(byMentee ? [mentee, mentor] : [mentor, mentee]);
  }
  for (const [row] of pairs) start[row + 1]!++;
  for (let r = 0; r < rows; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, rows);
  const partner = new Int32Array(pairs.length);
  for (const [row, other] of pairs) partner[fill[row]!++] = other;
  return { start, partner };
}

const INFO_STRIDE = 8;

/** [languages, department, zone, teach-back table offset, availability table offset] per partner. */
function packPartners(pool: Pool, side: Side, context: ContextLookup | null): Int32Array {
  const byMentee = side === 'mentee';
  const count = byMentee ? pool.mentorCount : pool.menteeCount;
  const languages = byMentee ? pool.mentorLanguages : pool.menteeLanguages;
  const department = byMentee ? pool.mentorDepartment : pool.menteeDepartment;
  const zone = byMentee ? pool.mentorZone : pool.menteeZone;
  const info = new Int32Array(count * INFO_STRIDE);
  for (let p = 0; p < count; p++) {
    const at = p * INFO_STRIDE;
    info[at] = languages[p]!;
    info[at + 1] = department[p]!;
    info[at + 2] = zone[p]!;
    if (context !== null) {
      info[at + 3] = context.partnerTeachKind[p]! * context.teachStride;
      info[at + 4] = context.partnerSlotKind[p]! * context.slotStride;
    }
  }
  return info;
}

interface ContextLookup {
  teachPoints: Int32Array;
  partnerTeachKind: Int32Array;
  teachStride: number;
  rowTeachKind: Int32Array;
  teachRowStride: number;
  slotPoints: Int32Array;
  partnerSlotKind: Int32Array;
  slotStride: number;
  rowSlotKind: Int32Array;
  slotRowStride: number;
}

/** The pool's teach-back and availability tables, seen from one side (null: no tables). */
function contextLookup(pool: Pool, side: Side): ContextLookup | null {
  const { teachTable, slotTable } = pool;
  if (teachTable.points === null || slotTable.points === null) return null;
  // points[menteeKind × mentorKinds + mentorKind]
  return side === 'mentee'
    ? {
        teachPoints: teachTable.points,
        partnerTeachKind: teachTable.mentorKind,
        teachStride: 1,
        rowTeachKind: teachTable.menteeKind,
        teachRowStride: teachTable.mentorKinds,
        slotPoints: slotTable.points,
        partnerSlotKind: slotTable.mentorKind,
        slotStride: 1,
        rowSlotKind: slotTable.menteeKind,
        slotRowStride: slotTable.mentorKinds,
      }
    : {
        teachPoints: teachTable.points,
        partnerTeachKind: teachTable.menteeKind,
        teachStride: teachTable.mentorKinds,
        rowTeachKind: teachTable.mentorKind,
        teachRowStride: 1,
        slotPoints: slotTable.points,
        partnerSlotKind: slotTable.menteeKind,
        slotStride: slotTable.mentorKinds,
        rowSlotKind: slotTable.mentorKind,
        slotRowStride: 1,
      };
}

interface TopicGroup {
  /** Partners holding any of the topics. */
  touched: Int32Array;
  /** Class c's values on the topics: values[c × topicCount ..]. */
  values: Int32Array;
  classCount: number;
  /** Class sizes as offsets: class c has start[c + 1] − start[c] members. */
  start: Int32Array;
  /** Members class after class, each class in decreasing context potential. */
  members: Int32Array;
}

interface TopicIndex {
  rowStart: Int32Array;
  rowTopic: Int32Array;
  rowValue: Int32Array;
  topicPartners: Int32Array[];
  partnerValue: Uint8Array[];
  points: Int32Array;
}

function topicIndex(pool: Pool, side: Side): TopicIndex {
  const { topics, topicLevels, topicMentors, needStart, needTopic, needPriority, topicPoints, menteeCount, mentorCount } = pool;
  if (side === 'mentee') {
    return {
      rowStart: needStart,
      rowTopic: needTopic,
      rowValue: needPriority,
      topicPartners: topicMentors.slice(),
      partnerValue: topicLevels.slice(),
      points: topicPoints,
    };
  }
  const rowStart = new Int32Array(mentorCount + 1);
  const offers: [number, number][] = [];
  for (let j = 0; j < mentorCount; j++) {
    for (let t = 0; t < topics.length; t++) if (topicLevels[t]![j]! > 0) offers.push([t, topicLevels[t]![j]!]);
    rowStart[j + 1] = offers.length;
  }
  const priority = topics.map(() => new Uint8Array(menteeCount));
  for (let i = 0; i < menteeCount; i++) {
    for (let k = needStart[i]!; k < needStart[i + 1]!; k++) priority[needTopic[k]!]![i] = needPriority[k]!;
  }
  const topicPartners = priority.map((values) => {
    const needing: number[] = [];
    values.forEach((value, i) => value > 0 && needing.push(i));
    return Int32Array.from(needing);
  });
  const points = new Int32Array(LEVEL_STRIDE * LEVEL_STRIDE);
  for (let p = 0; p * LEVEL_STRIDE < topicPoints.length; p++) {
    for (let level = 0; level < LEVEL_STRIDE; level++) points[level * LEVEL_STRIDE + p] = topicPoints[p * LEVEL_STRIDE + level]!;
  }
  return {
    rowStart,
    rowTopic: Int32Array.from(offers, (offer) => offer[0]),
    rowValue: Int32Array.from(offers, (offer) => offer[1]),
    topicPartners,
    partnerValue: priority,
    points,
  };
}

/**
 * The `limit` best (key, partner) seen, ties broken by a pseudo-random rank salted with the row:
 * rows with the same profile then keep different partners among their ties rather than all the
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

  reset(limit: number, row: number, byMentee: boolean): void {
    this.limit = Math.min(limit, this.keys.length);
    this.size = 0;
    this.salt = Math.imul(row + 1, 0x27d4eb2f) ^ (byMentee ? 0 : 0x5bd1e995);
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
