// Hand-made mentors and mentees for example-based tests: sensible defaults, override what matters.
import type { MatchInput, MatchMentee, MatchMentor } from '../../src/core/matching/index.js';

export const REFERENCE_DATE = '2025-03-17T09:00:00Z';

export function mentor(id: string, overrides: Partial<MatchMentor> = {}): MatchMentor {
  return {
    id,
    personId: `person-${id}`,
    languages: ['fr'],
    capacity: 1,
    topics: [{ topic: 'genai-assistants', level: 4 }],
    wantsToLearn: [],
    department: 'IT',
    managerPersonId: null,
    timeZone: 'Europe/Paris',
    availability: [],
    ...overrides,
  };
}

export function mentee(id: string, overrides: Partial<MatchMentee> = {}): MatchMentee {
  return {
    id,
    personId: `person-${id}`,
    languages: ['fr'],
    topics: [{ topic: 'genai-assistants', level: 2 }],
    canTeach: [],
    department: 'IT',
    managerPersonId: null,
    timeZone: 'Europe/Paris',
    availability: [],
    ...overrides,
  };
}

export function pool(mentors: MatchMentor[], mentees: MatchMentee[], extra: Partial<MatchInput> = {}): MatchInput {
  return { mentors, mentees, referenceDate: REFERENCE_DATE, ...extra };
}
