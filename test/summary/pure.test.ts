// Pure parts of the summary: the grammar, small-count protection, bars and the trend.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/grammar.js';
import { barLines } from '../../src/core/summary/chart.js';
import { chartWeeks, protectCounts, type SummaryFigures } from '../../src/core/summary/figures.js';
import { trendOf } from '../../src/core/summary/trend.js';

describe('summary commands', () => {
  it.each([
    ['summary', { verb: 'summary' }],
    ['Summary', { verb: 'summary' }],
    ['synthèse', { verb: 'summary' }],
    ['SYNTHESE', { verb: 'summary' }],
    ['bilan', { verb: 'summary' }],
    ['résumé', { verb: 'summary' }],
    ['Résumé', { verb: 'summary' }],
    ['resumé', { verb: 'summary' }],
    ['summary weekly', { verb: 'summary.weekly', schedule: 'show' }],
    ['summary weekly monday 9', { verb: 'summary.weekly', schedule: { day: 1, hour: 9 } }],
    ['summary weekly on friday at 5pm', { verb: 'summary.weekly', schedule: { day: 5, hour: 17 } }],
    ['summary weekly sun 12am', { verb: 'summary.weekly', schedule: { day: 7, hour: 0 } }],
    ['synthèse hebdo lundi 9', { verb: 'summary.weekly', schedule: { day: 1, hour: 9 } }],
    ['bilan hebdo jeudi à 14h', { verb: 'summary.weekly', schedule: { day: 4, hour: 14 } }],
    ['résumé hebdomadaire le mardi 08h00', { verb: 'summary.weekly', schedule: { day: 2, hour: 8 } }],
    ['summary weekly off', { verb: 'summary.weekly', schedule: 'off' }],
    ['bilan hebdo arrêt', { verb: 'summary.weekly', schedule: 'off' }],
  ])('reads %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('keeps `resume` (no accents) for coming back from a pause', () => {
    expect(parseCommand('resume')).toEqual({ verb: 'resume' });
    expect(parseCommand('RESUME')).toEqual({ verb: 'resume' });
  });

  it.each(['summary please', 'summary weekly someday 9', 'summary weekly monday 25', 'summary weekly monday 9:30', 'bilan hebdo lundi', 'summary weekly monday 13pm'])(
    'explains the usage for %j',
    (text) => {
      expect(parseCommand(text)).toEqual({ error: 'summary_usage' });
    },
  );
});

describe('protectCounts', () => {
  const cells = (approved: number, pending: number, paused: number, withdrawn: number) => [
    { status: 'approved' as const, count: approved },
    { status: 'pending' as const, count: pending },
    { status: 'paused' as const, count: paused },
    { status: 'withdrawn' as const, count: withdrawn },
  ];

  it('shows counts of 3 or more, and leaves empty statuses out', () => {
    expect(protectCounts(cells(12, 3, 0, 4))).toEqual({
      total: 19,
      buckets: [
        { statuses: ['approved'], count: 12 },
        { statuses: ['pending'], count: 3 },
        { statuses: ['withdrawn'], count: 4 },
      ],
    });
  });

  it('merges a lone group of 1 or 2 with the next smallest, so it cannot be deduced from the total', () => {
    expect(protectCounts(cells(12, 5, 1, 4))).toEqual({
      total: 22,
      buckets: [
        { statuses: ['approved'], count: 12 },
        { statuses: ['pending'], count: 5 },
        { statuses: ['paused', 'withdrawn'], count: 5 },
      ],
    });
  });

  it('merges several small groups together, and with more when they still make fewer than 3', () => {
    expect(protectCounts(cells(10, 0, 2, 1))).toEqual({ total: 13, buckets: [{ statuses: ['approved'], count: 10 }, { statuses: ['paused', 'withdrawn'], count: 3 }] });
    expect(protectCounts(cells(10, 1, 1, 0))).toEqual({ total: 12, buckets: [{ statuses: ['approved', 'pending', 'paused'], count: 12 }] });
  });

  it('withholds a total of 1 or 2 people altogether', () => {
    expect(protectCounts(cells(2, 0, 0, 0))).toEqual({ total: 'few', buckets: [{ statuses: ['approved'], count: 'few' }] });
    expect(protectCounts(cells(0, 0, 0, 0))).toEqual({ total: 0, buckets: [] });
  });
});

describe('barLines', () => {
  it('scales bars to the largest value in half cells, aligns columns, and never hides a small non-zero value', () => {
    const lines = barLines(
      [
        { label: '2 Nov', value: 10 },
        { label: '9 Nov', value: 5 },
        { label: '16 Nov', value: 0 },
        { label: '23 Nov', value: 1 },
      ],
      10,
    );
    expect(lines).toEqual(['2 Nov   ██████████  10', '9 Nov   █████       5', '16 Nov              0', '23 Nov  █           1']);
    expect(barLines([{ label: 'x', value: 3 }, { label: 'y', value: 1 }], 4)).toEqual(['x  ████  3', 'y  █▌    1']);
  });

  it('draws no bar at all when every value is zero', () => {
    expect(barLines([{ label: 'a', value: 0 }], 5)).toEqual(['a         0']);
  });
});

describe('chartWeeks', () => {
  it('lists the Mondays of the last weeks, across a month boundary', () => {
    expect(chartWeeks('2026-11-23', 3)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(chartWeeks('2026-03-02', 2)).toEqual(['2026-02-23', '2026-03-02']);
  });
});

describe('trendOf', () => {
  const base: SummaryFigures = {
    version: 1,
    at: '2026-11-18T09:00:00.000Z',
    mentors: { total: 10, buckets: [{ statuses: ['approved'], count: 10 }] },
    mentees: { total: 12, buckets: [{ statuses: ['approved'], count: 12 }] },
    pairs: { active: 8, closed: 0, ended: 0, atRisk: 2 },
    sessions: { held: 20, scheduled: 5, missed: 1 },
    responseRate: 0.5,
    usefulness: 4.04,
    adoptionRate: null,
    topics: { basis: 'sessions', items: [] },
    weekly: [],
  };

  it('lists what changed, compares only figures both summaries showed, and ignores noise below the shown precision', () => {
    const now: SummaryFigures = {
      ...base,
      at: '2026-11-25T09:00:00.000Z',
      mentors: { total: 'few', buckets: [] },
      mentees: { total: 15, buckets: [{ statuses: ['approved'], count: 15 }] },
      sessions: { held: 26, scheduled: 5, missed: 1 },
      pairs: { ...base.pairs, atRisk: 1 },
      responseRate: 0.62,
      usefulness: 4.01,
      adoptionRate: 0.7,
    };
    expect(trendOf(base, now)).toEqual([
      { metric: 'mentees', unit: 'count', value: 15, delta: 3 },
      { metric: 'sessions_held', unit: 'count', value: 26, delta: 6 },
      { metric: 'at_risk', unit: 'count', value: 1, delta: -1 },
      { metric: 'response_rate', unit: 'rate', value: 0.62, delta: 0.12 },
    ]);
    expect(trendOf(base, { ...base })).toEqual([]);
  });
});
