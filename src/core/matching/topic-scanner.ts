/**
 * Finds, for each mentee, its best mentors without scoring every pair. Mentees who need the same
 * set of topics are handled together: mentors are split into classes of equal levels on those
 * topics (equal topic score for any of these mentees), classes are visited best topic score
 * first, and the visit stops as soon as the best context score (teach-back, department, hours,
 * availability) could no longer lift anyone left above the cut.
 *
 * Inside a class, mentors are taken 32 at a time: one bit each in a plane per language, per
 * teach-back topic and per availability slot. A mentee ORs and ANDs the planes of its own
 * languages, topics and slots to learn, for 32 mentors at once, who speaks its language and how
 * many teach-back topics and slots each shares with it, and scores only the mentors whose exact
 * teach-back and availability could lift them above the cut (department and working hours are
 * bounded, then scored exactly).
 *
 * The key ranked is score − offset[mentor]: offsets are mentor prices when looking for pairs
 * that would improve a matching, zero to rank by score alone.
 */
import { LEVEL_STRIDE, bitCount, type Pool } from './pool.js';
import { contextBoundsOf, contextScore } from './score.js';

/** Sort keys of classes: (MAX_TOPIC_SCORE − topic score) × CLASS_SPACE + class, exact below 2^53. */
const CLASS_SPACE = 2 ** 21;
const MAX_TOPIC_SCORE = 2 ** 31;
/** Mentors per word of a bit plane. */
const LANES = 32;
/** Classes this small are scanned partner by partner: planes would cost more than they save. */
const SMALL_CLASS = 8;
/**
 * Offset bands: band b holds offsets in [BAND_EDGES[b − 1], BAND_EDGES[b]). A band is tested at
 * its lowest offset, so a partner is never missed, at worst scored for nothing.
 */
const BAND_EDGES: readonly number[] = [1, 3, 6, 10, 15, 22, 32];
const BANDS = BAND_EDGES.length + 1;
/** The band of each whole offset below the last edge's double (beyond: the last band). */
const BAND_OF = Uint8Array.from({ length: 2 * BAND_EDGES[BAND_EDGES.length - 1]! }, (_, offset) => BAND_EDGES.filter((edge) => offset >= edge).length);
/** Largest staircase table kept per row (potential × teach-back counts); beyond, it is worked out. */
const MAX_STAIRS = 4096;

/** What is ranked, the same for every row of one scanAll call. */
export interface ScanSetup {
  /** Subtracted from each partner's score (null: nothing). Must be ≥ 0 and stay as they are during the scan. */
  offsets: Float64Array | null;
}

export interface ScanRequest {
  /** How many partners to keep at most. */
  limit: number;
  /** Keep only keys strictly above this. */
  floor: number;
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

/** CSR lists: row r's items are item[start[r] .. start[r + 1]). */
interface Lists {
  start: Int32Array;
  item: Int32Array;
}

export class TopicScanner {
  /** Row (mentee) r's topics: rowTopic/rowValue[rowStart[r] .. rowStart[r + 1]), topics ascending. */
  private readonly rowStart: Int32Array;
  private readonly rowTopic: Int32Array;
  private readonly rowValue: Int32Array;
  /** Per topic, each mentor's level (0: not offered). */
  private readonly partnerValue: readonly Uint8Array[];
  /** Points of a shared topic: [rowValue × LEVEL_STRIDE + partnerValue]. */
  private readonly points: Int32Array;
  private readonly partnerCount: number;
  /** Teach-back topics and availability slots fit one bit set word each: scores by popcount. */
  private readonly maskContext: boolean;
  /** contextScore(row, partner) ≤ rowRest[row] + min(rowPotential[row], partnerPotential[partner]). */
  private readonly rowRest: Int32Array;
  private readonly rowPotentials: Int32Array;
  private readonly partnerPotential: Int32Array;
  /** Per row, the most the context can add: rowRest + rowPotential. */
  readonly bounds: Int32Array;
  private readonly potentialOrder: Int32Array;
  /** Row r cannot be paired with blockedPartner[blockedStart[r] .. blockedStart[r + 1]). */
  private readonly blockedStart: Int32Array;
  private readonly blockedPartner: Int32Array;
  /** Per partner, what its context score depends on, side by side (see packPartners). */
  private readonly partnerInfo: Int32Array;

  /**
   * Bit planes, one per language, then per teach-back topic, then per slot: the planes each
   * partner has a bit in, and those each row reads (its languages, teach-back topics, slots).
   */
  private readonly planeCount: number;
  private readonly partnerPlanes: Lists;
  /** Row i's languages are rowPlanes[rowPlaneStart[3i] .. [3i + 1]), then its teach-back topics, then its slots. */
  private readonly rowPlaneStart: Int32Array;
  private readonly rowPlanes: Int32Array;
  /** Most teach-back topics / slots a row can share with any partner. */
  private readonly rowTeachMost: Int32Array;
  private readonly rowSlotMost: Int32Array;

  /** Each partner's place in potentialOrder, and a bit set over those places (empty between uses). */
  private readonly potentialRank: Int32Array;
  private readonly touchedRanks: Int32Array;
  /** The topic set of the rows being scanned, and its classes. */
  private group: TopicGroup = {
    topicCount: 0,
    values: new Int32Array(0),
    classCount: 0,
    start: new Int32Array(1),
    members: new Int32Array(0),
    rankings: new Map(),
    firstWord: new Int32Array(0),
    endWord: new Int32Array(0),
    untouchedFirstWord: -1,
    untouchedEndWord: -1,
  };
  /** Each row's topic set (an index), and the classes of each topic set met so far. */
  private readonly rowGroup: Int32Array;
  private readonly groupCount: number;
  private readonly groups: (TopicGroup | undefined)[] = [];
  /** Classes of every topic set built so far (groups' and the sets they were refined from). */
  private readonly classCache = new Map<string, TopicGroup>();
  /** Per topic, its holders by decreasing potential. */
  private readonly holdersByPotential: readonly Int32Array[];
  /** memberMark[p] === memberStamp: partner p is among the members of the classes being refined. */
  private readonly memberMark: Int32Array;
  private memberStamp = 0;

  /**
   * Classes of more than SMALL_CLASS partners laid out in words of LANES partners, once, as scans
   * first reach them, and kept for the scanner's life (as are the partners sharing no topic with
   * a topic set). Word w holds its partners lanePartner[w × LANES ..] (by decreasing potential,
   * as in their class), their highest potential, and their plane bits planes[w × planeCount ..],
   * filled when a scan first reads the word.
   */
  private planes = new Int32Array(0);
  private lanePartner = new Int32Array(0);
  private wordLanes = new Int32Array(0);
  /** Highest potential in a word: its first partner's, the highest of the rest of its class too. */
  private wordPotential = new Int32Array(0);
  private wordFilled = new Uint8Array(0);
  /**
   * Per word and offset band (see BAND_EDGES): the lanes whose offset falls in the band and the
   * lowest of their offsets, as of the scan bandStamp[w].
   */
  private bandLanes = new Int32Array(0);
  private bandLowest = new Float64Array(0);
  private bandStamp = new Int32Array(0);
  private bandCount = new Int32Array(0);
  private readonly bandScratch = new Int32Array(BANDS);
  private readonly lowestScratch = new Float64Array(BANDS);
  private wordCount = 0;
  private scanStamp = 0;
  private offsets: Float64Array | null = null;
  private readonly orderScratch: Int32Array;

  // Per-row work space.
  private classTopic = new Int32Array(64);
  private classOrder = new Int32Array(64);
  private classKeys = new Float64Array(64);
  private readonly buckets = new Int32Array(4097);
  /** Per word: the partners sharing at least k teach-back topics / slots with the row, k = 0, 1, … */
  private readonly teachAtLeast: Int32Array;
  private readonly slotsAtLeast: Int32Array;
  private readonly skipped: Int32Array;
  private skipStamp = 0;
  private readonly teachBackPoints: number;
  private readonly slotPoints: Int32Array;
  private readonly zonePoints: Int32Array;

  // The row being scanned (see setRow).
  private row = 0;
  private floor = 0;
  private currentSkip = 0;
  private rowLanguages = 0;
  private rowTeach = 0;
  private rowSlots = 0;
  private zoneBase = 0;
  private department = -1;
  private departmentPoints = 0;
  private rowPotential = 0;
  private teachMost = 0;
  private slotMost = 0;
  /** The row's planes are rowPlanes[languageFrom .. teachFrom) (languages), .. slotFrom (teach-back topics), .. slotTo (slots). */
  private languageFrom = 0;
  private teachFrom = 0;
  private slotFrom = 0;
  private slotTo = 0;
  /** stairs[n × (teachMost + 1) + t], when stairsReady: see setRow. */
  private readonly stairs = new Int32Array(MAX_STAIRS);
  private stairsReady = false;
  private readonly keep: KeepBest;
  private readonly result: ScanResult;

  constructor(
    private readonly pool: Pool,
    maxLimit: number,
  ) {
    const context = contextBoundsOf(pool);
    this.rowRest = context.rest;
    this.rowPotentials = context.potential;
    this.partnerPotential = context.mentorPotential;
    this.bounds = context.rest.map((rest, r) => rest + context.potential[r]!);
    // Partners by decreasing context potential (then index): class members keep that order.
    this.potentialOrder = orderByDecreasing(context.mentorPotential);
    this.rowStart = pool.needStart;
    this.rowTopic = pool.needTopic;
    this.rowValue = pool.needPriority;
    this.partnerValue = pool.topicLevels;
    this.points = pool.topicPoints;
    this.partnerCount = pool.mentorCount;
    this.maskContext = pool.teachWords === 1 && pool.slotWords === 1;
    this.partnerInfo = packPartners(pool, context.mentorPotential);
    const blockedLists = blockedPartners(pool);
    this.blockedStart = blockedLists.start;
    this.blockedPartner = blockedLists.partner;

    const languageCount = pool.languages.length;
    const teachCount = pool.teachTopics.length;
    this.planeCount = languageCount + teachCount + pool.slots.length;
    // Per partner, and per row, three lists end to end: its languages, teach-back topics and slots.
    const partnerLists = planeLists(pool.mentorCount, [
      [pool.mentorLanguages, 1, 0],
      [pool.mentorWants, pool.teachWords, languageCount],
      [pool.mentorSlots, pool.slotWords, languageCount + teachCount],
    ]);
    this.partnerPlanes = { start: Int32Array.from({ length: pool.mentorCount + 1 }, (_, j) => partnerLists.start[3 * j]!), item: partnerLists.item };
    const rowLists = planeLists(pool.menteeCount, [
      [pool.menteeLanguages, 1, 0],
      [pool.menteeTeach, pool.teachWords, languageCount],
      [pool.menteeSlots, pool.slotWords, languageCount + teachCount],
    ]);
    const rowStarts = rowLists.start;
    this.rowPlaneStart = rowStarts;
    this.rowPlanes = rowLists.item;
    let partnerTeachMost = 0;
    let partnerSlotMost = 0;
    for (let j = 0; j < pool.mentorCount; j++) {
      partnerTeachMost = Math.max(partnerTeachMost, partnerLists.start[3 * j + 2]! - partnerLists.start[3 * j + 1]!);
      partnerSlotMost = Math.max(partnerSlotMost, partnerLists.start[3 * j + 3]! - partnerLists.start[3 * j + 2]!);
    }
    this.rowTeachMost = Int32Array.from({ length: pool.menteeCount }, (_, i) => Math.min(partnerTeachMost, rowStarts[3 * i + 2]! - rowStarts[3 * i + 1]!));
    this.rowSlotMost = Int32Array.from({ length: pool.menteeCount }, (_, i) => Math.min(partnerSlotMost, rowStarts[3 * i + 3]! - rowStarts[3 * i + 2]!));
    // Room for the unrolled counts (up to 3 and 7) and for slotMost + 1 (always empty).
    this.teachAtLeast = new Int32Array(Math.max(4, partnerTeachMost + 1));
    this.slotsAtLeast = new Int32Array(Math.max(8, partnerSlotMost + 2));
    this.teachAtLeast[0] = -1; // everyone shares at least 0
    this.slotsAtLeast[0] = -1;
    this.teachBackPoints = pool.teachBackPoints;
    this.slotPoints = pool.slotPoints;
    this.zonePoints = pool.zonePoints;

    this.growWords(64);

    this.orderScratch = new Int32Array(this.partnerCount);
    this.potentialRank = new Int32Array(this.partnerCount);
    for (let n = 0; n < this.potentialOrder.length; n++) this.potentialRank[this.potentialOrder[n]!] = n;
    this.holdersByPotential = pool.topicMentors.map((holders) => {
      const ranks = Int32Array.from(holders, (p) => this.potentialRank[p]!).sort();
      return ranks.map((rank) => this.potentialOrder[rank]!);
    });
    this.memberMark = new Int32Array(this.partnerCount);
    this.touchedRanks = new Int32Array((this.partnerCount + 31) >> 5);
    this.skipped = new Int32Array(this.partnerCount);
    const capacity = Math.max(1, maxLimit);
    this.keep = new KeepBest(capacity);
    this.result = { count: 0, partner: new Int32Array(capacity), score: new Int32Array(capacity), cut: 0 };
    // Topic sets as bit masks when the topics fit one word (the usual catalogue), else as text.
    const topicSets = new Map<number | string, number>();
    const asMask = pool.topicLevels.length <= 31;
    this.rowGroup = new Int32Array(pool.menteeCount);
    for (let row = 0; row < pool.menteeCount; row++) {
      let key: number | string = 0;
      if (asMask) for (let k = this.rowStart[row]!; k < this.rowStart[row + 1]!; k++) key |= 1 << this.rowTopic[k]!;
      else key = this.rowTopic.subarray(this.rowStart[row]!, this.rowStart[row + 1]!).join(',');
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
    // Rows by topic set (a stable counting sort), each set's rows ascending.
    const { rowGroup } = this;
    const ascending = Int32Array.from({ length: rows.length }, (_, n) => rows[n]!).sort();
    const groupStart = new Int32Array(this.groupCount + 1);
    for (let n = 0; n < ascending.length; n++) groupStart[rowGroup[ascending[n]!]! + 1]!++;
    for (let g = 0; g < this.groupCount; g++) groupStart[g + 1]! += groupStart[g]!;
    const order = new Int32Array(ascending.length);
    for (let n = 0; n < ascending.length; n++) order[groupStart[rowGroup[ascending[n]!]!]!++] = ascending[n]!;
    this.offsets = setup.offsets;
    this.scanStamp++; // offset bands of every word are out of date
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

  /** Makes the classes of the topic set of `row` current (computed once per topic set). */
  private partition(row: number, groupId: number): void {
    let group = this.groups[groupId];
    if (group === undefined) {
      group = this.classesOf(this.rowTopic.subarray(this.rowStart[row]!, this.rowStart[row + 1]!));
      this.groups[groupId] = group;
    }
    this.group = group;
    if (this.classTopic.length < group.classCount) {
      this.classTopic = new Int32Array(group.classCount * 2);
      this.classOrder = new Int32Array(group.classCount * 2);
      this.classKeys = new Float64Array(group.classCount * 2);
    }
  }

  /**
   * The classes of the partners holding any of `topics` (ascending), by their levels on them:
   * those of the set without its last topic, each split by the level on that topic, then the
   * partners holding only that topic. Kept: sets met while building others are reused.
   */
  private classesOf(topics: Int32Array): TopicGroup {
    const key = topics.join(',');
    let group = this.classCache.get(key);
    if (group === undefined) {
      const last = topics[topics.length - 1]!;
      if (topics.length === 0) group = this.refine(null, -1);
      else group = this.refine(topics.length === 1 ? null : this.classesOf(topics.subarray(0, topics.length - 1)), last);
      this.classCache.set(key, group);
    }
    return group;
  }

  /**
   * Splits every class of `parent` by the level on `topic` (members keep their order, decreasing
   * potential), then adds the holders of `topic` the parent does not hold, by level.
   */
  private refine(parent: TopicGroup | null, topic: number): TopicGroup {
    // topic −1: no topic at all, no class.
    const levels = this.partnerValue[topic] ?? new Uint8Array(0);
    const holders = this.holdersByPotential[topic] ?? new Int32Array(0);
    const parentMembers = parent?.members ?? new Int32Array(0);
    const parentClasses = parent?.classCount ?? 0;
    const parentWidth = parent?.topicCount ?? 0;
    const stamp = ++this.memberStamp;
    for (let n = 0; n < parentMembers.length; n++) this.memberMark[parentMembers[n]!] = stamp;
    let newcomers = 0;
    for (let n = 0; n < holders.length; n++) if (this.memberMark[holders[n]!] !== stamp) newcomers++;

    const members = new Int32Array(parentMembers.length + newcomers);
    const starts: number[] = [0];
    const valueRows: number[] = [];
    const counts = new Int32Array(LEVEL_STRIDE);
    const fill = new Int32Array(LEVEL_STRIDE);
    let written = 0;
    // Writes the members of from .. to of `source` (all at level levelOf) class by level, after the given values.
    const split = (source: Int32Array, from: number, to: number, valuesFrom: Int32Array | null, valuesAt: number) => {
      counts.fill(0);
      for (let n = from; n < to; n++) counts[levels[source[n]!]!]!++;
      for (let level = 0; level < LEVEL_STRIDE; level++) {
        fill[level] = written;
        if (counts[level] === 0) continue;
        written += counts[level]!;
        starts.push(written);
        for (let q = 0; q < parentWidth; q++) valueRows.push(valuesFrom === null ? 0 : valuesFrom[valuesAt + q]!);
        valueRows.push(level);
      }
      for (let n = from; n < to; n++) members[fill[levels[source[n]!]!]!++] = source[n]!;
    };
    for (let c = 0; c < parentClasses; c++) split(parentMembers, parent!.start[c]!, parent!.start[c + 1]!, parent!.values, c * parentWidth);
    if (newcomers > 0) {
      const alone = new Int32Array(newcomers);
      for (let n = 0, k = 0; n < holders.length; n++) if (this.memberMark[holders[n]!] !== stamp) alone[k++] = holders[n]!;
      split(alone, 0, newcomers, null, 0);
    }
    const classCount = starts.length - 1;
    return {
      topicCount: topic < 0 ? 0 : parentWidth + 1,
      values: Int32Array.from(valueRows),
      classCount,
      start: Int32Array.from(starts),
      members,
      rankings: new Map(),
      firstWord: new Int32Array(classCount).fill(-1),
      endWord: new Int32Array(classCount),
      untouchedFirstWord: -1,
      untouchedEndWord: -1,
    };
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

  /** Lays out class c of the current group (if not yet); returns its first word. */
  private classWords(c: number): number {
    const group = this.group;
    if (group.firstWord[c]! < 0) {
      const { members, start } = group;
      this.orderScratch.set(members.subarray(start[c]!, start[c + 1]!));
      group.firstWord[c] = this.layOut(start[c + 1]! - start[c]!);
      group.endWord[c] = this.wordCount;
    }
    return group.firstWord[c]!;
  }

  /** Lays out the partners sharing no topic with the current topic set (if not yet); returns the first word. */
  private untouchedWords(): number {
    const group = this.group;
    if (group.untouchedFirstWord < 0) {
      const { potentialOrder, potentialRank, touchedRanks } = this;
      for (let n = 0; n < group.members.length; n++) {
        const rank = potentialRank[group.members[n]!]!;
        touchedRanks[rank >> 5]! |= 1 << (rank & 31);
      }
      const order = this.orderScratch;
      let count = 0;
      for (let rank = 0; rank < potentialOrder.length; rank++) {
        if ((touchedRanks[rank >> 5]! & (1 << (rank & 31))) === 0) order[count++] = potentialOrder[rank]!;
      }
      touchedRanks.fill(0);
      group.untouchedFirstWord = this.layOut(count);
      group.untouchedEndWord = this.wordCount;
    }
    return group.untouchedFirstWord;
  }

  /** Lays out orderScratch[0 .. count) (by decreasing potential) in new words; returns the first. */
  private layOut(count: number): number {
    const words = Math.ceil(count / LANES);
    if (this.wordCount + words > this.wordLanes.length) this.growWords(this.wordCount + words);
    const { lanePartner, partnerPotential, wordLanes, wordPotential } = this;
    const order = this.orderScratch;
    const first = this.wordCount;
    this.wordCount += words;
    for (let n = 0; n < count; n++) {
      const p = order[n]!;
      const lane = n & (LANES - 1);
      const word = first + (n >> 5);
      lanePartner[word * LANES + lane] = p;
      if (lane === 0) {
        wordLanes[word] = 1;
        wordPotential[word] = partnerPotential[p]!; // the highest: by decreasing potential
      } else wordLanes[word]! |= 1 << lane;
    }
    this.wordFilled.fill(0, first, first + words);
    this.bandStamp.fill(0, first, first + words);
    return first;
  }

  /** Room for at least `words` words, keeping those laid out. */
  private growWords(words: number): void {
    const capacity = Math.max(words, this.wordLanes.length * 2);
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(old: T, make: (length: number) => T, stride: number): T => {
      const grown = make(capacity * stride);
      grown.set(old.subarray(0, this.wordCount * stride) as never);
      return grown;
    };
    this.planes = grow(this.planes, (n) => new Int32Array(n), this.planeCount);
    this.lanePartner = grow(this.lanePartner, (n) => new Int32Array(n), LANES);
    this.wordLanes = grow(this.wordLanes, (n) => new Int32Array(n), 1);
    this.wordPotential = grow(this.wordPotential, (n) => new Int32Array(n), 1);
    this.wordFilled = grow(this.wordFilled, (n) => new Uint8Array(n), 1);
    this.bandLanes = grow(this.bandLanes, (n) => new Int32Array(n), BANDS);
    this.bandLowest = grow(this.bandLowest, (n) => new Float64Array(n), BANDS);
    this.bandStamp = grow(this.bandStamp, (n) => new Int32Array(n), 1);
    this.bandCount = grow(this.bandCount, (n) => new Int32Array(n), 1);
  }

  /** Fills the planes of a laid-out word (once); returns where they start. */
  private wordPlanes(word: number): number {
    const { planes, planeCount } = this;
    const base = word * planeCount;
    if (this.wordFilled[word] === 1) return base;
    this.wordFilled[word] = 1;
    const { start: planeStart, item: planeOf } = this.partnerPlanes;
    const lanePartner = this.lanePartner;
    for (let lane = 0, lanes = this.wordLanes[word]!; lanes !== 0; lane++, lanes >>>= 1) {
      const p = lanePartner[word * LANES + lane]!;
      const bit = 1 << lane;
      for (let e = planeStart[p]!, end = planeStart[p + 1]!; e < end; e++) planes[base + planeOf[e]!]! |= bit;
    }
    return base;
  }

  /**
   * Sorts the lanes of a word into offset bands for the current scan (once per scan). The bands
   * holding lanes are listed from bandLanes/bandLowest[word × BANDS], bandCount[word] of them,
   * lowest offsets first; returns where they start.
   */
  private wordBands(word: number): number {
    const base = word * BANDS;
    if (this.bandStamp[word] === this.scanStamp) return base;
    this.bandStamp[word] = this.scanStamp;
    const { bandLanes, bandLowest, lanePartner, bandScratch, lowestScratch } = this;
    const offsets = this.offsets!;
    bandScratch.fill(0);
    lowestScratch.fill(Infinity);
    for (let lane = 0, lanes = this.wordLanes[word]!; lanes !== 0; lane++, lanes >>>= 1) {
      const offset = offsets[lanePartner[word * LANES + lane]!]!;
      const band = offset < BAND_OF.length ? BAND_OF[Math.floor(offset)]! : BANDS - 1;
      bandScratch[band]! |= 1 << lane;
      if (offset < lowestScratch[band]!) lowestScratch[band] = offset;
    }
    let count = 0;
    for (let band = 0; band < BANDS; band++) {
      if (bandScratch[band] === 0) continue;
      bandLanes[base + count] = bandScratch[band]!;
      bandLowest[base + count++] = lowestScratch[band]!;
    }
    this.bandCount[word] = count;
    return base;
  }

  private scanRow(row: number, request: ScanRequest): ScanResult {
    const { pool, keep, points, classTopic, skipped, offsets } = this;
    const { start: classStart, values: classValues, classCount, members } = this.group;
    const { floor, skip } = request;
    const bound = this.bounds[row]!;
    const rest = this.rowRest[row]!;
    const rowPotential = this.rowPotentials[row]!;
    const first = this.rowStart[row]!;
    const topicCount = this.rowStart[row + 1]! - first;
    keep.reset(Math.max(1, request.limit), row);
    const skipStamp = ++this.skipStamp;
    this.currentSkip = skipStamp;
    if (skip !== null) for (let n = 0; n < skip.length; n++) skipped[skip[n]!] = skipStamp;
    // Pairs a hard rule forbids are skipped the same way.
    for (let n = this.blockedStart[row]!, end = this.blockedStart[row + 1]!; n < end; n++) skipped[this.blockedPartner[n]!] = skipStamp;
    this.setRow(row, floor);

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
      ranking = new Int32Array(2 * classCount);
      for (let n = 0; n < classCount; n++) {
        ranking[2 * n] = computed[n]!;
        ranking[2 * n + 1] = classTopic[computed[n]!]!;
      }
      if (rankingKey >= 0) rankings.set(rankingKey, ranking);
    }

    let cut = floor;
    for (let n = 0; n <= classCount; n++) {
      const last = n === classCount;
      const topic = last ? 0 : ranking[2 * n + 1]!;
      if (topic + bound <= cut) break; // classes come best first, partners sharing no topic last (offsets are ≥ 0)
      const reach = topic + rest; // plus the context beyond department and hours, minus the offset
      if (last) {
        cut = this.scanWords(this.untouchedWords(), this.group.untouchedEndWord, topic, reach, cut);
        continue;
      }
      const c = ranking[2 * n]!;
      const from = classStart[c]!;
      const to = classStart[c + 1]!;
      if (to - from > SMALL_CLASS) {
        cut = this.scanWords(this.classWords(c), this.group.endWord[c]!, topic, reach, cut);
        continue;
      }
      // A small class: its partners one by one, by decreasing potential.
      for (let m = from; m < to; m++) {
        const p = members[m]!;
        const potential = this.partnerPotential[p]!;
        const ceiling = reach + (potential < rowPotential ? potential : rowPotential);
        if (ceiling <= cut) break;
        if (offsets !== null && ceiling - offsets[p]! <= cut) continue;
        if ((pool.mentorLanguages[p]! & this.rowLanguages) === 0 || skipped[p] === skipStamp) continue;
        cut = this.offer(p, topic, cut);
      }
    }

    const result = this.result;
    result.count = keep.drainBestFirst(result.partner, result.score);
    result.cut = cut;
    return result;
  }

  /**
   * Scans the words first .. end of a class whose partners score `topic` on topics for this row;
   * returns the cut after it.
   */
  private scanWords(first: number, end: number, topic: number, reach: number, cut: number): number {
    const { planes, lanePartner, wordLanes, wordPotential, bandLanes, bandLowest, teachAtLeast, slotsAtLeast, offsets } = this;
    const { rowPotential, teachMost, slotMost, teachBackPoints, slotPoints, skipped } = this;
    const { languageFrom, teachFrom, slotFrom, slotTo } = this;
    const rowPlanes = this.rowPlanes;
    const stairs = this.stairsReady ? this.stairs : null;
    const stairWidth = teachMost + 1;
    const unrolled = teachMost <= 3 && slotMost <= 6;
    const skipStamp = this.currentSkip;
    for (let word = first; word < end; word++) {
      // Potentials fall from word to word (and offsets, ≥ 0, only lower keys): the first word out of reach ends the class.
      const potential = wordPotential[word]! < rowPotential ? wordPotential[word]! : rowPotential;
      if (reach + potential <= cut) break;
      const bands = offsets === null ? -1 : this.wordBands(word);
      const lowest = bands >= 0 ? bandLowest[bands]! : 0;
      if (reach + potential - lowest <= cut) continue;
      const base = this.wordPlanes(word);
      let speaks = 0;
      for (let e = languageFrom; e < teachFrom; e++) speaks |= planes[base + rowPlanes[e]!]!;
      if (speaks === 0) continue;
      // How many teach-back topics and slots each partner shares with the row, as "at least k"
      // masks (in registers for the usual few; the arrays otherwise).
      if (unrolled) {
        let t1 = 0;
        let t2 = 0;
        let t3 = 0;
        for (let e = teachFrom; e < slotFrom; e++) {
          const x = planes[base + rowPlanes[e]!]!;
          t3 |= t2 & x;
          t2 |= t1 & x;
          t1 |= x;
        }
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let s4 = 0;
        let s5 = 0;
        let s6 = 0;
        let s7 = 0;
        for (let e = slotFrom; e < slotTo; e++) {
          const x = planes[base + rowPlanes[e]!]!;
          s7 |= s6 & x;
          s6 |= s5 & x;
          s5 |= s4 & x;
          s4 |= s3 & x;
          s3 |= s2 & x;
          s2 |= s1 & x;
          s1 |= x;
        }
        teachAtLeast[1] = t1;
        teachAtLeast[2] = t2;
        teachAtLeast[3] = t3;
        slotsAtLeast[1] = s1;
        slotsAtLeast[2] = s2;
        slotsAtLeast[3] = s3;
        slotsAtLeast[4] = s4;
        slotsAtLeast[5] = s5;
        slotsAtLeast[6] = s6;
        slotsAtLeast[7] = s7;
      } else {
        for (let k = 1; k <= teachMost; k++) teachAtLeast[k] = 0;
        for (let e = teachFrom; e < slotFrom; e++) {
          const bits = planes[base + rowPlanes[e]!]!;
          if (bits !== 0) for (let k = teachMost; k > 0; k--) teachAtLeast[k]! |= teachAtLeast[k - 1]! & bits;
        }
        for (let k = 1; k <= slotMost + 1; k++) slotsAtLeast[k] = 0;
        for (let e = slotFrom; e < slotTo; e++) {
          const bits = planes[base + rowPlanes[e]!]!;
          if (bits !== 0) for (let k = slotMost; k > 0; k--) slotsAtLeast[k]! |= slotsAtLeast[k - 1]! & bits;
        }
      }
      // Partners whose teach-back and slots could lift them above the cut, band by band (offsets rising).
      let candidates = 0;
      for (let band = 0, bandEnd = bands >= 0 ? this.bandCount[word]! : 1; band < bandEnd; band++) {
        const lanes = bands >= 0 ? bandLanes[bands + band]! : wordLanes[word]!;
        const need = cut - reach + (bands >= 0 ? bandLowest[bands + band]! : 0); // the context must bring more than this
        if (need >= rowPotential) break;
        if (need < 0) {
          candidates |= lanes;
          continue;
        }
        let reaching = 0;
        if (stairs !== null) {
          const row = Math.floor(need) * stairWidth;
          for (let t = 0; t <= teachMost && teachAtLeast[t] !== 0; t++) reaching |= teachAtLeast[t]! & slotsAtLeast[stairs[row + t]!]!;
        } else {
          for (let t = 0, s = slotMost; t <= teachMost; t++) {
            // The fewest slots that, with t teach-back topics, beat the need (fewer as t grows).
            const teachPoints = teachBackPoints * t;
            if (teachPoints + slotPoints[s]! <= need) continue;
            while (s > 0 && teachPoints + slotPoints[s - 1]! > need) s--;
            reaching |= teachAtLeast[t]! & slotsAtLeast[s]!;
          }
        }
        candidates |= lanes & reaching;
      }
      candidates &= speaks;
      while (candidates !== 0) {
        const low = candidates & -candidates;
        candidates ^= low;
        const p = lanePartner[word * LANES + 31 - Math.clz32(low)]!;
        if (skipped[p] !== skipStamp) cut = this.offer(p, topic, cut);
      }
    }
    return cut;
  }

  /** Scores partner p (compatible, not skipped) for the current row and keeps it if it ranks; returns the cut. */
  private offer(p: number, topic: number, cut: number): number {
    const { keep, offsets } = this;
    let score: number;
    if (this.maskContext) {
      const info = this.partnerInfo;
      const at = p * INFO_STRIDE;
      const other = info[at + 1]!;
      score =
        topic +
        this.teachBackPoints * bitCount(this.rowTeach & info[at + 3]!) +
        this.slotPoints[bitCount(this.rowSlots & info[at + 4]!)]! +
        this.zonePoints[this.zoneBase + info[at + 2]!]! +
        (other >= 0 && other !== this.department ? this.departmentPoints : 0);
    } else {
      score = topic + contextScore(this.pool, p, this.row);
    }
    const key = offsets === null ? score : score - offsets[p]!;
    if (key < cut || key <= this.floor || (key === cut && !keep.accepts(key, p))) return cut;
    keep.push(key, p, score);
    return keep.full && keep.worstKey > cut ? keep.worstKey : cut;
  }

  /** Makes `row` the current row of scanWords and offer. */
  private setRow(row: number, floor: number): void {
    const { pool } = this;
    this.row = row;
    this.floor = floor;
    this.rowLanguages = pool.menteeLanguages[row]!;
    this.rowTeach = pool.menteeTeach[row * pool.teachWords]!;
    this.rowSlots = pool.menteeSlots[row * pool.slotWords]!;
    this.zoneBase = pool.menteeZone[row]! * pool.zoneCount;
    this.department = pool.menteeDepartment[row]!;
    this.departmentPoints = this.department >= 0 ? pool.departmentPoints : 0;
    this.rowPotential = this.rowPotentials[row]!;
    this.teachMost = this.rowTeachMost[row]!;
    this.slotMost = this.rowSlotMost[row]!;
    this.languageFrom = this.rowPlaneStart[3 * row]!;
    this.teachFrom = this.rowPlaneStart[3 * row + 1]!;
    this.slotFrom = this.rowPlaneStart[3 * row + 2]!;
    this.slotTo = this.rowPlaneStart[3 * row + 3]!;
    // For each whole need n below the potential and each t: the fewest slots whose points, with t
    // teach-back topics, beat n (slotMost + 1: none; slotsAtLeast of it is empty).
    const width = this.teachMost + 1;
    this.stairsReady = this.rowPotential * width <= MAX_STAIRS;
    if (!this.stairsReady) return;
    const { stairs, slotPoints, teachBackPoints, slotMost } = this;
    for (let t = 0; t < width; t++) {
      const teachPoints = teachBackPoints * t;
      for (let need = 0, s = 0; need < this.rowPotential; need++) {
        while (s <= slotMost && teachPoints + slotPoints[s]! <= need) s++;
        stairs[need * width + t] = s;
      }
    }
  }
}

/**
 * For each row, the set bits of each bit set in turn, shifted by its offset: row r's items of set
 * k are item[start[K·r + k] .. start[K·r + k + 1]) for K sets of `words` words per row each.
 */
function planeLists(count: number, sets: readonly (readonly [bits: Uint32Array | Int32Array, words: number, offset: number])[]): Lists {
  const start = new Int32Array(sets.length * count + 1);
  let total = 0;
  for (let r = 0; r < count; r++) for (const [bits, words] of sets) for (let w = 0; w < words; w++) total += bitCount(bits[r * words + w]! | 0);
  const item = new Int32Array(total);
  let at = 0;
  for (let r = 0, list = 0; r < count; r++) {
    for (const [bits, words, offset] of sets) {
      for (let w = 0; w < words; w++) {
        let word = bits[r * words + w]! | 0;
        while (word !== 0) {
          const low = word & -word;
          word ^= low;
          item[at++] = offset + w * 32 + 31 - Math.clz32(low);
        }
      }
      start[++list] = at;
    }
  }
  return { start, item };
}

/** Indexes 0 .. values.length − 1 by decreasing value (≥ 0), then increasing index (a sort of exact numeric keys). */
function orderByDecreasing(values: Int32Array): Int32Array {
  let highest = 0;
  for (let n = 0; n < values.length; n++) highest = Math.max(highest, values[n]!);
  const space = 2 ** Math.ceil(Math.log2(values.length + 1));
  const keys = Float64Array.from(values, (value, n) => (highest - value) * space + n).sort();
  return Int32Array.from(keys, (key) => key % space);
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
  topicCount: number;
  /** Class c's levels on the topics: values[c × topicCount ..]. */
  values: Int32Array;
  classCount: number;
  /** Class sizes as offsets: class c has start[c + 1] − start[c] members. */
  start: Int32Array;
  /** The mentors holding any of the topics, class after class, each class in decreasing context potential. */
  members: Int32Array;
  /**
   * Per priority vector of a row on these topics: the classes in visiting order (best topic
   * score first), each followed by its topic score.
   */
  rankings: Map<number, Int32Array>;
  /** Words of each class laid out (firstWord −1: not yet), and of the partners sharing no topic. */
  firstWord: Int32Array;
  endWord: Int32Array;
  untouchedFirstWord: number;
  untouchedEndWord: number;
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
