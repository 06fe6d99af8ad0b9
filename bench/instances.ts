/**
 * Realistic, seeded pairing pools for benchmarks and tests: a French group with foreign
 * subsidiaries, seniors (mentees) high in an org chart, juniors (mentors) low in it, popular
 * topics in short supply, a few earlier pairs and exclusions.
 */
import { AVAILABILITY_SLOTS } from '../src/core/availability.js';
import { BUSINESS_TOPICS } from '../src/core/business-topics.js';
import type { MatchInput, MatchMentee, MatchMentor } from '../src/core/matching/index.js';
import type { Locale } from '../src/core/types.js';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** `count` distinct items drawn by weight. */
  sample<T>(items: readonly (readonly [T, number])[], count: number): T[];
}

/** sfc32, seeded through splitmix32: fast, and identical on every machine. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const splitmix = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let n = 0; n < 12; n++) next();
  const random: Random = {
    next,
    int: (below) => Math.floor(next() * below),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(items) {
      let total = 0;
      for (const [, weight] of items) total += weight;
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    sample(items, count) {
      const left = [...items];
      const chosen = [];
      while (chosen.length < count && left.length > 0) {
        const item = random.weighted(left);
        chosen.push(item);
        left.splice(left.findIndex(([candidate]) => candidate === item), 1);
      }
      return chosen;
    },
  };
  return random;
}

export interface InstanceOptions {
  mentees: number;
  mentors: number;
  seed: number;
  /** Mentor capacities 1 / 2 / 3 by weight (default 35 / 40 / 25: 1.9 seats a mentor). */
  capacityWeights?: readonly [number, number, number];
  /** ISO instant of the round (default 2025-03-17T09:00:00Z). */
  referenceDate?: string;
}

const DEPARTMENTS: readonly (readonly [string, number])[] = [
  ['Finance', 10], ['IT', 12], ['HR', 6], ['Marketing', 8], ['Sales', 14], ['Operations', 16],
  ['Legal', 3], ['R&D', 9], ['Customer service', 10], ['Communication', 4], ['Procurement', 4], ['Risk', 4],
];
/** What seniors ask for: generative AI far ahead. */
const DEMAND: readonly (readonly [string, number])[] = [
  ['genai-assistants', 12], ['data-literacy', 6], ['cybersecurity', 6], ['collaboration-suites', 5], ['linkedin-branding', 6],
  ['no-code-automation', 4], ['personal-data', 3], ['video-meetings', 2], ['social-listening', 3], ['online-learning', 2],
  ['mobile-productivity', 2], ['digital-wellbeing', 2], ['digital-accessibility', 1], ['green-it', 1],
];
/** What juniors offer: collaboration tools and social networks more than AI expertise. */
const SUPPLY: readonly (readonly [string, number])[] = [
  ['genai-assistants', 6], ['data-literacy', 4], ['cybersecurity', 3], ['collaboration-suites', 8], ['linkedin-branding', 8],
  ['no-code-automation', 4], ['personal-data', 3], ['video-meetings', 6], ['social-listening', 5], ['online-learning', 4],
  ['mobile-productivity', 5], ['digital-wellbeing', 3], ['digital-accessibility', 2], ['green-it', 2],
];
const BUSINESS: readonly (readonly [string, number])[] = BUSINESS_TOPICS.map((topic, index) => [topic.slug, 10 - index * 0.6]);
const FRENCH_ZONES: readonly (readonly [string, number])[] = [
  ['Europe/Paris', 88], ['Indian/Reunion', 3], ['America/Martinique', 2], ['Africa/Casablanca', 3], ['America/Montreal', 2], ['Pacific/Noumea', 1],
  ['Europe/Brussels', 1],
];
const FOREIGN_ZONES: readonly (readonly [string, number])[] = [
  ['Europe/London', 25], ['America/New_York', 15], ['Asia/Singapore', 10], ['Europe/Berlin', 12], ['Asia/Kolkata', 10], ['America/Sao_Paulo', 6],
  ['Asia/Tokyo', 5], ['Australia/Sydney', 4], ['America/Chicago', 5], ['Africa/Johannesburg', 4], ['Europe/Madrid', 4],
];
const MENTEE_LANGUAGES: readonly (readonly [Locale[], number])[] = [[['fr'], 58], [['en'], 12], [['fr', 'en'], 30]];
const MENTOR_LANGUAGES: readonly (readonly [Locale[], number])[] = [[['fr'], 35], [['en'], 15], [['fr', 'en'], 50]];

export function generateInstance(options: InstanceOptions): MatchInput {
  const random = createRandom(options.seed);
  const [one, two, three] = options.capacityWeights ?? [35, 40, 25];
  const capacities: readonly (readonly [number, number])[] = [[1, one], [2, two], [3, three]];

  // Org chart of seniors: department heads, directors under them, managers under directors.
  const seniors: { personId: string; department: string; managerId: string | null }[] = [];
  const heads = new Map<string, string>();
  for (const [department] of DEPARTMENTS) {
    const personId = `head-${department}`;
    heads.set(department, personId);
    seniors.push({ personId, department, managerId: null });
  }
  const seniorCount = Math.ceil(options.mentees * 1.6) + DEPARTMENTS.length;
  const directors = new Map<string, string[]>(DEPARTMENTS.map(([department]) => [department, []]));
  const managers = new Map<string, string[]>(DEPARTMENTS.map(([department]) => [department, []]));
  for (let n = 0; seniors.length < seniorCount; n++) {
    const department = random.weighted(DEPARTMENTS);
    const directorsHere = directors.get(department)!;
    if (directorsHere.length === 0 || random.next() < 0.12) {
      const personId = `dir-${n}`;
      directorsHere.push(personId);
      seniors.push({ personId, department, managerId: heads.get(department)! });
    } else {
      const personId = `mgr-${n}`;
      managers.get(department)!.push(personId);
      seniors.push({ personId, department, managerId: random.pick(directorsHere) });
    }
  }
  const reportingLines: [string, string][] = [];
  const seniorsShuffled = shuffle(random, seniors);
  const menteeSeniors = seniorsShuffled.slice(0, options.mentees);
  const participantSeniors = new Set(menteeSeniors.map((senior) => senior.personId));
  for (const senior of seniors) {
    if (!participantSeniors.has(senior.personId) && senior.managerId) reportingLines.push([senior.personId, senior.managerId]);
  }

  const mentees: MatchMentee[] = menteeSeniors.map((senior, n) => {
    const languages = random.weighted(MENTEE_LANGUAGES);
    return {
      id: `mentee-${String(n).padStart(6, '0')}`,
      personId: senior.personId,
      languages,
      topics: random.sample(DEMAND, random.weighted([[1, 20], [2, 40], [3, 30], [4, 10]])).map((topic) => ({
        topic,
        level: random.weighted([[1, 30], [2, 40], [3, 30]]),
      })),
      canTeach: random.sample(BUSINESS, 1 + random.int(4)),
      department: senior.department,
      managerPersonId: senior.managerId,
      timeZone: zoneFor(random, languages),
      availability: availability(random),
    };
  });

  const mentors: MatchMentor[] = [];
  for (let n = 0; n < options.mentors; n++) {
    const languages = random.weighted(MENTOR_LANGUAGES);
    const department = random.weighted(DEPARTMENTS);
    const bosses = managers.get(department)!;
    const fallback = directors.get(department)!;
    const managerPersonId = bosses.length > 0 ? random.pick(bosses) : fallback.length > 0 ? random.pick(fallback) : heads.get(department)!;
    mentors.push({
      id: `mentor-${String(n).padStart(6, '0')}`,
      personId: `junior-${n}`,
      languages,
      capacity: random.weighted(capacities),
      topics: random.sample(SUPPLY, 2 + random.int(4)).map((topic) => ({
        topic,
        level: random.weighted([[1, 5], [2, 10], [3, 30], [4, 35], [5, 20]]),
      })),
      wantsToLearn: random.sample(BUSINESS, 1 + random.int(3)),
      department: random.next() < 0.97 ? department : null,
      managerPersonId,
      timeZone: zoneFor(random, languages),
      availability: availability(random),
    });
  }

  const previousPairs: [string, string][] = [];
  const exclusions: [string, string][] = [];
  if (mentors.length > 0) {
    for (const mentee of mentees) {
      if (random.next() < 0.06) previousPairs.push([random.pick(mentors).personId, mentee.personId]);
      if (random.next() < 0.004) exclusions.push([mentee.personId, random.pick(mentors).personId]);
    }
  }
  return {
    mentors,
    mentees,
    previousPairs,
    exclusions,
    reportingLines,
    referenceDate: options.referenceDate ?? '2025-03-17T09:00:00Z',
  };
}

/** The benchmark instances, smallest first; those up to 2,000 people are also solved densely. */
export const BENCH_INSTANCES: readonly (InstanceOptions & { name: string })[] = [
  { name: '60×40', mentees: 60, mentors: 40, seed: 1 },
  { name: '180×120', mentees: 180, mentors: 120, seed: 2 },
  { name: '600×400', mentees: 600, mentors: 400, seed: 3 },
  { name: '1250×750', mentees: 1250, mentors: 750, seed: 4 },
  { name: '1300×700 tight', mentees: 1300, mentors: 700, seed: 5, capacityWeights: [40, 35, 25] },
  { name: '1400×600 scarce', mentees: 1400, mentors: 600, seed: 6, capacityWeights: [45, 35, 20] },
  { name: '10000×6000', mentees: 10_000, mentors: 6_000, seed: 7 },
  { name: '20000×12000', mentees: 20_000, mentors: 12_000, seed: 8 },
];

function zoneFor(random: Random, languages: readonly Locale[]): string {
  return languages.includes('fr') ? random.weighted(FRENCH_ZONES) : random.weighted(FOREIGN_ZONES);
}

/** Half-days free for a session: busy people offer two to five. */
function availability(random: Random): string[] {
  const slots = new Set<string>();
  const wanted = 2 + random.int(4);
  while (slots.size < wanted) slots.add(random.pick(AVAILABILITY_SLOTS));
  return AVAILABILITY_SLOTS.filter((slot) => slots.has(slot));
}

function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let n = copy.length - 1; n > 0; n--) {
    const k = random.int(n + 1);
    [copy[n], copy[k]] = [copy[k]!, copy[n]!];
  }
  return copy;
}
