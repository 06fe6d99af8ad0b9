// How the figures moved since the previous summary; only figures both summaries showed are compared.
import type { SummaryFigures, VolunteerFigures } from './figures.js';

export type TrendMetric =
  | 'mentors'
  | 'mentees'
  | 'approved_mentors'
  | 'active_pairs'
  | 'sessions_held'
  | 'at_risk'
  | 'response_rate'
  | 'usefulness'
  | 'adoption';

export interface Change {
  metric: TrendMetric;
  unit: 'count' | 'rate' | 'score';
  value: number;
  delta: number;
}

const METRICS: { metric: TrendMetric; unit: Change['unit']; read(figures: SummaryFigures): number | null }[] = [
  { metric: 'mentors', unit: 'count', read: (f) => exact(f.mentors.total) },
  { metric: 'mentees', unit: 'count', read: (f) => exact(f.mentees.total) },
  { metric: 'approved_mentors', unit: 'count', read: (f) => approved(f.mentors) },
  { metric: 'active_pairs', unit: 'count', read: (f) => f.pairs.active },
  { metric: 'sessions_held', unit: 'count', read: (f) => f.sessions.held },
  { metric: 'at_risk', unit: 'count', read: (f) => f.pairs.atRisk },
  { metric: 'response_rate', unit: 'rate', read: (f) => f.responseRate },
  { metric: 'usefulness', unit: 'score', read: (f) => f.usefulness },
  { metric: 'adoption', unit: 'rate', read: (f) => f.adoptionRate },
];

/** The figures that changed, in a fixed order. Rates compare whole percentage points, scores tenths. */
export function trendOf(previous: SummaryFigures, current: SummaryFigures): Change[] {
  if (previous.version !== current.version) return [];
  const changes: Change[] = [];
  for (const { metric, unit, read } of METRICS) {
    const before = readSafely(read, previous);
    const now = read(current);
    if (before === null || now === null) continue;
    const delta = unit === 'rate' ? Math.round(now * 100) / 100 - Math.round(before * 100) / 100 : unit === 'score' ? round1(now) - round1(before) : now - before;
    if (Math.abs(delta) < 1e-9) continue;
    changes.push({ metric, unit, value: now, delta: unit === 'count' ? delta : Math.round(delta * 100) / 100 });
  }
  return changes;
}

/** Figures stored by an older version may lack a field: such a metric is just not compared. */
function readSafely(read: (figures: SummaryFigures) => number | null, figures: SummaryFigures): number | null {
  try {
    const value = read(figures);
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

function exact(value: number | 'few'): number | null {
  return value === 'few' ? null : value;
}

/** Approved mentors, when they are a bucket of their own (not merged for privacy). */
function approved(figures: VolunteerFigures): number | null {
  if (figures.total === 0) return 0;
  if (figures.total === 'few') return null;
  const bucket = figures.buckets.find((b) => b.statuses.length === 1 && b.statuses[0] === 'approved');
  if (bucket) return exact(bucket.count);
  return figures.buckets.some((b) => b.statuses.includes('approved')) ? null : 0;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Stored figures read back: the shape this version writes, or null (then there is no trend). */
export function asSummaryFigures(value: unknown): SummaryFigures | null {
  if (typeof value !== 'object' || value === null) return null;
  const figures = value as Partial<SummaryFigures>;
  return figures.version === 1 && typeof figures.at === 'string' ? (figures as SummaryFigures) : null;
}
