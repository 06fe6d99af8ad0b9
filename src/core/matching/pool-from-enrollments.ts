// Who takes part in a round: approved mentors and active mentees of one program, with their people's data.
import type { Enrollment, Person } from '../types.js';
import type { MatchMentee, MatchMentor } from './types.js';

export interface MatchPool {
  mentors: MatchMentor[];
  mentees: MatchMentee[];
  /** Every known [personId, managerId], so the reporting chain also runs through non-participants. */
  reportingLines: [string, string][];
}

/**
 * Keeps enrollments whose status is 'approved' (for a mentor: approved by an admin or by a program
 * without approval; pending, declined, paused and withdrawn ones stay out). `people` should hold
 * every person known to the program, not only participants: their manager links complete the chain.
 */
export function matchPoolFromEnrollments(enrollments: readonly Enrollment[], people: readonly Person[]): MatchPool {
  const byId = new Map(people.map((person) => [person.id, person]));
  const mentors: MatchMentor[] = [];
  const mentees: MatchMentee[] = [];
  for (const enrollment of enrollments) {
    const person = byId.get(enrollment.personId);
    if (!person || enrollment.status !== 'approved') continue;
    const shared = {
      id: enrollment.id,
      personId: person.id,
      languages: enrollment.languages,
      department: enrollment.department ?? person.department,
      managerPersonId: person.managerId,
      timeZone: person.timeZone,
      availability: enrollment.availability,
    };
    if (enrollment.role === 'mentor') {
      mentors.push({ ...shared, capacity: enrollment.capacity, topics: enrollment.topics, wantsToLearn: enrollment.teachBack });
    } else {
      mentees.push({ ...shared, topics: enrollment.topics, canTeach: enrollment.teachBack });
    }
  }
  const reportingLines = people.flatMap((person) => (person.managerId ? [[person.id, person.managerId] as [string, string]] : []));
  return { mentors, mentees, reportingLines };
}
