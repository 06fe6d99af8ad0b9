// Pools at the edges: nobody, one mentor for many, odd numbers, everybody ruled out, bad input.
import { describe, expect, it } from 'vitest';
import { TandemError } from '../../src/core/errors.js';
import { solveMatching } from '../../src/core/matching/index.js';
import { mentee, mentor, pool } from './pools.js';

const pairsOf = (result: ReturnType<typeof solveMatching>) => result.pairs.map((pair) => `${pair.mentorId}>${pair.menteeId}`);

describe('solveMatching at the edges', () => {
  it('returns nothing for an empty pool', () => {
    expect(solveMatching(pool([], []))).toMatchObject({ pairs: [], unmatched: [], totalScore: 0, stats: { matched: 0 } });
  });

  it('tells mentees there is no mentor at all, and mentors there is no mentee', () => {
    expect(solveMatching(pool([], [mentee('a')])).unmatched).toEqual([{ role: 'mentee', menteeId: 'a', reason: { code: 'no_mentors' } }]);
    expect(solveMatching(pool([mentor('m')], [])).unmatched).toEqual([{ role: 'mentor', mentorId: 'm', reason: { code: 'no_mentees' } }]);
  });

  it('gives one mentor its best mentees up to capacity; the others learn all compatible mentors are full', () => {
    // Priorities 2, 3, 1, 2, 3, 1, 2: e2 and e5 first, then one of the ties e1, e4, e7.
    const mentees = [1, 2, 3, 4, 5, 6, 7].map((n) => mentee(`e${n}`, { topics: [{ topic: 'genai-assistants', level: 1 + (n % 3) }] }));
    const result = solveMatching(pool([mentor('m', { capacity: 3 })], mentees));
    const chosen = result.pairs.map((pair) => pair.menteeId);
    expect(chosen).toEqual(expect.arrayContaining(['e2', 'e5']));
    expect(chosen).toHaveLength(3);
    expect(['e1', 'e4', 'e7']).toContain(chosen.find((id) => id !== 'e2' && id !== 'e5'));
    expect(result.unmatched).toHaveLength(4);
    expect(result.unmatched.find((entry) => entry.role === 'mentee' && entry.menteeId === 'e3')).toEqual({
      role: 'mentee',
      menteeId: 'e3',
      reason: { code: 'all_compatible_full', compatibleMentors: 1 },
    });
  });

  it('handles odd numbers: five mentees, two mentors with two seats each', () => {
    const result = solveMatching(pool([mentor('m1', { capacity: 2 }), mentor('m2', { capacity: 2 })], ['a', 'b', 'c', 'd', 'e'].map((id) => mentee(id))));
    expect(result.stats.matched).toBe(4);
    expect(result.unmatched.map((entry) => entry.role)).toEqual(['mentee']);
  });

  it('matches as many mentees as possible before maximising the score', () => {
    // m1 is everyone's favourite; a greedy choice gives it to a, and b is left alone.
    const mentors = [mentor('m1', { topics: [{ topic: 'genai-assistants', level: 5 }, { topic: 'cybersecurity', level: 5 }] }), mentor('m2', { languages: ['en'] })];
    const mentees = [
      mentee('a', { languages: ['fr', 'en'], topics: [{ topic: 'genai-assistants', level: 3 }, { topic: 'cybersecurity', level: 3 }] }),
      mentee('b', { topics: [{ topic: 'genai-assistants', level: 1 }] }),
    ];
    expect(pairsOf(solveMatching(pool(mentors, mentees)))).toEqual(['m2>a', 'm1>b']);
  });

  it('reports the rules that rule everybody out', () => {
    const result = solveMatching(
      pool(
        [mentor('boss', { personId: 'p-boss' }), mentor('old', { personId: 'p-old' }), mentor('banned', { personId: 'p-banned' }), mentor('en', { languages: ['en'] })],
        [mentee('a', { personId: 'p-a', managerPersonId: 'p-boss' })],
        { previousPairs: [['p-old', 'p-a']], exclusions: [['p-a', 'p-banned']] },
      ),
    );
    expect(result.pairs).toEqual([]);
    expect(result.unmatched[0]).toEqual({
      role: 'mentee',
      menteeId: 'a',
      reason: { code: 'no_compatible_mentor', blockedBy: ['reporting_chain', 'previous_partner', 'exclusion'] },
    });
    // Mentors in id order: banned, boss, en, old.
    expect(result.unmatched.slice(1).map((entry) => entry.role === 'mentor' && entry.reason)).toEqual([
      { code: 'no_compatible_mentee', blockedBy: ['exclusion'] },
      { code: 'no_compatible_mentee', blockedBy: ['reporting_chain'] },
      { code: 'no_shared_language' },
      { code: 'no_compatible_mentee', blockedBy: ['previous_partner'] },
    ]);
  });

  it('follows the reporting chain through managers who are not in the pool', () => {
    // junior → manager (not enrolled) → director (a mentee): the mentee is the mentor's manager's manager.
    const input = pool([mentor('junior', { personId: 'p-junior', managerPersonId: 'p-manager' })], [mentee('director', { personId: 'p-director' })], {
      reportingLines: [['p-manager', 'p-director']],
    });
    expect(solveMatching(input).pairs).toEqual([]);
    expect(solveMatching({ ...input, reportingLines: [] }).pairs).toHaveLength(1);
  });

  it('never pairs someone with themselves, nor with a former partner in either role', () => {
    const result = solveMatching(
      pool([mentor('m1', { personId: 'p1' }), mentor('m2', { personId: 'p2' })], [mentee('e1', { personId: 'p1' }), mentee('e2', { personId: 'p3' })], {
        previousPairs: [['p3', 'p2']],
      }),
    );
    expect(pairsOf(result)).toEqual(['m2>e1', 'm1>e2']);
  });

  it('tells a mentee whose languages no mentor speaks', () => {
    const result = solveMatching(pool([mentor('m')], [mentee('a', { languages: ['en'] })]));
    expect(result.unmatched[0]).toEqual({ role: 'mentee', menteeId: 'a', reason: { code: 'no_shared_language' } });
  });

  it.each([
    ['a capacity of 4', pool([mentor('m', { capacity: 4 })], [])],
    ['a capacity of 0', pool([mentor('m', { capacity: 0 })], [])],
    ['a level of 6', pool([mentor('m', { topics: [{ topic: 'x', level: 6 }] })], [])],
    ['a priority of 4', pool([], [mentee('a', { topics: [{ topic: 'x', level: 4 }] })])],
    ['duplicate mentee ids', pool([], [mentee('a'), mentee('a')])],
    ['a negative weight', pool([], [], { weights: { topic: -1 } })],
    ['an unknown weight', pool([], [], { weights: { luck: 3 } as never })],
    ['a bad reference date', pool([], [], { referenceDate: 'soon' })],
  ])('rejects %s as invalid input', (_label, input) => {
    expect(() => solveMatching(input)).toThrow(TandemError);
    try {
      solveMatching(input);
    } catch (error) {
      expect((error as TandemError).code).toBe('invalid_input');
    }
  });
});
