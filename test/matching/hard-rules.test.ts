// No proposed pair ever breaks a hard rule, and every unmatched person gets the right reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveMatching, type MatchInput, type MatchResult } from '../../src/core/matching/index.js';
import { pools } from './arbitraries.js';
import { brokenRules, forbiddenBecause } from './hard-rules.js';

function sharesLanguage(a: { languages: readonly string[] }, b: { languages: readonly string[] }): boolean {
  return a.languages.some((language) => b.languages.includes(language));
}

/** Problems with the unmatched list, checked against the independent rules. */
function wrongReasons(input: MatchInput, result: MatchResult): string[] {
  const problems: string[] = [];
  const load = new Map<string, number>();
  for (const pair of result.pairs) load.set(pair.mentorId, (load.get(pair.mentorId) ?? 0) + 1);
  const matchedMentees = new Set(result.pairs.map((pair) => pair.menteeId));
  const listed = new Set(result.unmatched.map((entry) => (entry.role === 'mentee' ? entry.menteeId : entry.mentorId)));
  for (const mentee of input.mentees) {
    if (matchedMentees.has(mentee.id) === listed.has(mentee.id)) problems.push(`${mentee.id}: matched and listed, or neither`);
  }
  for (const mentor of input.mentors) {
    if ((load.get(mentor.id) ?? 0) === 0 && !listed.has(mentor.id)) problems.push(`${mentor.id}: alone but not listed`);
  }
  for (const entry of result.unmatched) {
    if (entry.role === 'mentee') {
      const mentee = input.mentees.find((m) => m.id === entry.menteeId)!;
      const speakers = input.mentors.filter((mentor) => sharesLanguage(mentor, mentee));
      const allowed = speakers.filter((mentor) => forbiddenBecause(input, mentor.id, mentee.id) === null);
      const expected =
        input.mentors.length === 0 ? 'no_mentors' : speakers.length === 0 ? 'no_shared_language' : allowed.length === 0 ? 'no_compatible_mentor' : 'all_compatible_full';
      if (entry.reason.code !== expected) problems.push(`${mentee.id}: ${entry.reason.code}, expected ${expected}`);
      if (entry.reason.code === 'all_compatible_full') {
        if (entry.reason.compatibleMentors !== allowed.length) problems.push(`${mentee.id}: wrong compatible count`);
        for (const mentor of allowed) if ((load.get(mentor.id) ?? 0) < mentor.capacity) problems.push(`${mentee.id}: ${mentor.id} had a seat`);
      }
    } else {
      const mentor = input.mentors.find((m) => m.id === entry.mentorId)!;
      const speakers = input.mentees.filter((mentee) => sharesLanguage(mentor, mentee));
      const allowed = speakers.filter((mentee) => forbiddenBecause(input, mentor.id, mentee.id) === null);
      const expected =
        input.mentees.length === 0 ? 'no_mentees' : speakers.length === 0 ? 'no_shared_language' : allowed.length === 0 ? 'no_compatible_mentee' : 'mentees_paired_elsewhere';
      if (entry.reason.code !== expected) problems.push(`${mentor.id}: ${entry.reason.code}, expected ${expected}`);
      if (entry.reason.code === 'mentees_paired_elsewhere') {
        for (const mentee of allowed) if (!matchedMentees.has(mentee.id)) problems.push(`${mentor.id}: ${mentee.id} was free`);
      }
    }
  }
  return problems;
}

describe('solveMatching hard rules', () => {
  it('never breaks a hard rule, explains every score and every unmatched person', () => {
    fc.assert(
      fc.property(pools({ maxMentors: 30, maxMentees: 40 }), (input) => {
        const result = solveMatching(input);
        expect(brokenRules(input, result)).toEqual([]);
        expect(wrongReasons(input, result)).toEqual([]);
        for (const pair of result.pairs) {
          expect(pair.reasons.reduce((sum, reason) => sum + reason.points, 0)).toBe(pair.score);
          expect(pair.languages.length).toBeGreaterThan(0);
        }
        expect(result.totalScore).toBe(result.pairs.reduce((sum, pair) => sum + pair.score, 0));
        expect(result.stats.matched).toBe(result.pairs.length);
      }),
      { numRuns: 300 },
    );
  });
});
