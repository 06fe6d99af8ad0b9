import { describe, expect, it } from 'vitest';
import { createPairEvaluator, DEFAULT_WEIGHTS, type MatchInput } from './index.js';
import type { MatchMentee, MatchMentor } from './types.js';

const mentor: MatchMentor = {
  id: 'm',
  personId: 'pm',
  languages: ['fr', 'en'],
  capacity: 2,
  topics: [
    { topic: 'cybersecurity', level: 5 },
    { topic: 'genai-assistants', level: 3 },
    { topic: 'green-it', level: 2 },
  ],
  wantsToLearn: ['strategy', 'career'],
  department: 'IT',
  managerPersonId: null,
  timeZone: 'Europe/Paris',
  availability: ['mon-am', 'tue-pm', 'thu-am'],
};
const mentee: MatchMentee = {
  id: 'e',
  personId: 'pe',
  languages: ['en'],
  topics: [
    { topic: 'cybersecurity', level: 3 },
    { topic: 'genai-assistants', level: 1 },
    { topic: 'data-literacy', level: 2 },
  ],
  canTeach: ['strategy', 'finance'],
  department: 'Sales',
  managerPersonId: null,
  timeZone: 'America/New_York',
  availability: ['mon-am', 'thu-am', 'fri-pm'],
};

function evaluate(overrides: Partial<MatchInput> = {}) {
  const input: MatchInput = { mentors: [mentor], mentees: [mentee], referenceDate: '2025-01-15T12:00:00Z', ...overrides };
  return createPairEvaluator(input).evaluate('m', 'e');
}

describe('pair score', () => {
  it('adds needs × levels, teach-back, other department, shared hours and slots, best reasons first', () => {
    // Paris UTC+1, New York UTC−5 in January: 6 hours apart, 3 shared working hours.
    expect(evaluate()).toEqual({
      allowed: true,
      score: 30 + 6 + 8 + 5 + 3 + 4,
      languages: ['en'],
      reasons: [
        { code: 'shared_topic', topic: 'cybersecurity', mentorLevel: 5, priority: 3, points: 30 },
        { code: 'other_department', points: 8 },
        { code: 'shared_topic', topic: 'genai-assistants', mentorLevel: 3, priority: 1, points: 6 },
        { code: 'teach_back', topic: 'strategy', points: 5 },
        { code: 'availability_overlap', slots: 2, points: 4 },
        { code: 'timezone_overlap', hours: 3, points: 3 },
      ],
    });
  });

  it('follows daylight saving time at the reference date', () => {
    // In late March Paris has moved to UTC+2 but New York (since March 9) is already UTC−4: still 6 hours.
    // Between those dates (e.g. March 20) New York is UTC−4 and Paris UTC+1: 5 hours apart, 4 shared.
    const reasons = (date: string) => {
      const result = evaluate({ referenceDate: date });
      return result.allowed ? result.reasons.find((reason) => reason.code === 'timezone_overlap') : undefined;
    };
    expect(reasons('2025-03-20T12:00:00Z')).toEqual({ code: 'timezone_overlap', hours: 4, points: 4 });
    expect(reasons('2025-07-01T12:00:00Z')).toEqual({ code: 'timezone_overlap', hours: 3, points: 3 });
  });

  it('counts half-hour offsets and unknown zones as such', () => {
    const kolkata = evaluate({ mentees: [{ ...mentee, timeZone: 'Asia/Kolkata' }] });
    expect(kolkata.allowed && kolkata.reasons.find((reason) => reason.code === 'timezone_overlap')).toEqual({
      code: 'timezone_overlap',
      hours: 4.5,
      points: 5,
    });
    const nowhere = evaluate({ mentees: [{ ...mentee, timeZone: 'Mars/Olympus' }] });
    expect(nowhere.allowed && nowhere.reasons.some((reason) => reason.code === 'timezone_overlap')).toBe(false);
  });

  it('treats departments case-insensitively and unknown departments as no bonus', () => {
    const same = evaluate({ mentees: [{ ...mentee, department: ' it ' }] });
    expect(same.allowed && same.reasons.some((reason) => reason.code === 'other_department')).toBe(false);
    const unknown = evaluate({ mentees: [{ ...mentee, department: null }] });
    expect(unknown.allowed && unknown.reasons.some((reason) => reason.code === 'other_department')).toBe(false);
  });

  it('uses program weights, rounding each component so reasons add up to the score', () => {
    const result = evaluate({ weights: { topic: 1.5, timeZoneHour: 0.5, otherDepartment: 0 } });
    // 22.5 → 23 and 4.5 → 5 for the topics, teach-back 5, 1.5 h → 2, two slots 4.
    expect(result.allowed && result).toMatchObject({ score: 23 + 5 + 5 + 2 + 4 });
    if (!result.allowed) throw new Error('allowed');
    expect(result.reasons.reduce((sum, reason) => sum + reason.points, 0)).toBe(result.score);
    expect(DEFAULT_WEIGHTS).toEqual({ topic: 2, teachBack: 5, otherDepartment: 8, timeZoneHour: 1, availabilitySlot: 2 });
  });

  it('says why a pair is not allowed', () => {
    expect(evaluate({ mentees: [{ ...mentee, languages: ['fr'] }], previousPairs: [['pe', 'pm']] })).toEqual({
      allowed: false,
      languages: ['fr'],
      blockedBy: ['previous_partner'],
    });
    expect(evaluate({ mentees: [{ ...mentee, languages: [] }] })).toEqual({ allowed: false, languages: [], blockedBy: ['no_shared_language'] });
  });
});
