// The figures a summary may show in a channel: raw aggregates with the privacy threshold applied.
import type { SummaryData } from '../ports.js';
import type { EnrollmentRole, EnrollmentStatus } from '../types.js';

/** A figure drawn from fewer people than this is withheld. */
export const PRIVACY_THRESHOLD = 3;

/** Statuses a channel sees (declined applications are an admin's decision about a person: never shown). */
export const SHOWN_STATUSES = ['approved', 'pending', 'paused', 'withdrawn'] as const;
export type ShownStatus = (typeof SHOWN_STATUSES)[number];

/** People counted together: one status, or several merged so that no count of 1 or 2 can be read or deduced. */
export interface Bucket {
  statuses: ShownStatus[];
  /** 'few': 1 or 2 people. */
  count: number | 'few';
}

export interface VolunteerFigures {
  total: number | 'few';
  /** Non-empty buckets, in SHOWN_STATUSES order. */
  buckets: Bucket[];
}

/** What a summary shows and what the next one compares with (stored as jsonb: keep it plain). */
export interface SummaryFigures {
  version: 1;
  /** ISO instant the figures were computed at. */
  at: string;
  mentors: VolunteerFigures;
  mentees: VolunteerFigures;
  pairs: { active: number; closed: number; ended: number; atRisk: number };
  sessions: { held: number; scheduled: number; missed: number };
  /** null: not enough data (fewer than 3 respondents, or nothing to answer yet). */
  responseRate: number | null;
  usefulness: number | null;
  adoptionRate: number | null;
  topics: { basis: 'sessions' | 'demand'; items: { topic: string; count: number }[] };
  /** Held sessions per week, oldest first, every week of the chart present (0 when none). */
  weekly: { week: string; held: number }[];
}

export const TOP_TOPICS = 3;

/** Applies the privacy threshold to the raw aggregates. `weeks`: the Mondays the chart covers, oldest first. */
export function publicFigures(data: SummaryData, at: Date, weeks: string[]): SummaryFigures {
  const { feedback, sessions } = data;
  const enough = (people: number) => people >= PRIVACY_THRESHOLD;
  const heldByWeek = new Map(data.weekly.map((row) => [row.week, row.held]));
  const expectedAnswers = sessions.held * 2;
  const topicsBySessions = data.topicsBySessions
    .filter((row) => enough(row.mentees))
    .slice(0, TOP_TOPICS)
    .map((row) => ({ topic: row.topic, count: row.sessions }));
  const topicsByDemand = data.topicsByDemand
    .filter((row) => enough(row.mentees))
    .slice(0, TOP_TOPICS)
    .map((row) => ({ topic: row.topic, count: row.mentees }));
  return {
    version: 1,
    at: at.toISOString(),
    mentors: volunteers(data, 'mentor'),
    mentees: volunteers(data, 'mentee'),
    pairs: { ...data.pairs },
    sessions: { ...sessions },
    responseRate: enough(feedback.respondents) && expectedAnswers > 0 ? Math.min(1, feedback.answers / expectedAnswers) : null,
    usefulness: enough(feedback.usefulnessRespondents) && feedback.usefulnessCount > 0 ? feedback.usefulnessSum / feedback.usefulnessCount : null,
    adoptionRate: enough(feedback.adoptionRespondents) && feedback.adoptionAnswered > 0 ? feedback.adoptionYes / feedback.adoptionAnswered : null,
    topics: topicsBySessions.length > 0 ? { basis: 'sessions', items: topicsBySessions } : { basis: 'demand', items: topicsByDemand },
    weekly: weeks.map((week) => ({ week, held: heldByWeek.get(week) ?? 0 })),
  };
}

function volunteers(data: SummaryData, role: EnrollmentRole): VolunteerFigures {
  const counts = new Map<EnrollmentStatus, number>();
  for (const row of data.enrollments) {
    if (row.role === role) counts.set(row.status, (counts.get(row.status) ?? 0) + row.count);
  }
  return protectCounts(SHOWN_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 })));
}

/**
 * Counts of people per status, such that no group of 1 or 2 people can be read, nor deduced from the
 * total and the other groups: the small groups are merged together, then with the next smallest
 * groups, until the merged group holds at least 3 people. A total of 1 or 2 is itself withheld.
 */
export function protectCounts(cells: { status: ShownStatus; count: number }[]): VolunteerFigures {
  const total = cells.reduce((sum, cell) => sum + cell.count, 0);
  const nonEmpty = cells.filter((cell) => cell.count > 0);
  const small = (count: number) => count > 0 && count < PRIVACY_THRESHOLD;
  if (small(total)) return { total: 'few', buckets: [{ statuses: nonEmpty.map((cell) => cell.status), count: 'few' }] };

  const merged = new Set(nonEmpty.filter((cell) => small(cell.count)).map((cell) => cell.status));
  if (merged.size > 0) {
    const sum = () => nonEmpty.filter((cell) => merged.has(cell.status)).reduce((total, cell) => total + cell.count, 0);
    // Secondary suppression: a lone small group would be the total minus the others.
    const others = nonEmpty.filter((cell) => !merged.has(cell.status)).sort((a, b) => a.count - b.count);
    while ((sum() < PRIVACY_THRESHOLD || merged.size === 1) && others.length > 0) merged.add(others.shift()!.status);
  }
  const buckets: Bucket[] = [];
  const mergedCount = nonEmpty.filter((cell) => merged.has(cell.status)).reduce((sum, cell) => sum + cell.count, 0);
  let mergedPlaced = false;
  for (const cell of nonEmpty) {
    if (!merged.has(cell.status)) {
      buckets.push({ statuses: [cell.status], count: cell.count });
    } else if (!mergedPlaced) {
      buckets.push({ statuses: nonEmpty.filter((c) => merged.has(c.status)).map((c) => c.status), count: mergedCount });
      mergedPlaced = true;
    }
  }
  return { total, buckets };
}

/** The Monday (YYYY-MM-DD) of each of the last `count` weeks, oldest first, the current week last. */
export function chartWeeks(currentMonday: string, count: number): string[] {
  const [y, m, d] = currentMonday.split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(y, m - 1, d - 7 * (count - 1 - i)));
    return date.toISOString().slice(0, 10);
  });
}
