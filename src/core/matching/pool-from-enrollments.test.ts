import { describe, expect, it } from 'vitest';
import type { Enrollment, EnrollmentRole, EnrollmentStatus, Person } from '../types.js';
import { matchPoolFromEnrollments } from './pool-from-enrollments.js';

const at = new Date('2025-03-01T00:00:00Z');

function person(id: string, managerId: string | null = null): Person {
  return {
    id,
    platform: 'slack',
    tenantId: 'T1',
    userId: `U-${id}`,
    name: id,
    email: null,
    locale: 'fr',
    timeZone: 'Europe/Paris',
    department: 'Finance',
    managerId,
    timeZoneChosen: false,
    profileFetchedAt: at,
  };
}

function enrollment(id: string, personId: string, role: EnrollmentRole, status: EnrollmentStatus): Enrollment {
  return {
    id,
    programId: 'prog',
    personId,
    role,
    status,
    pausedUntil: null,
    charterAcceptedAt: at,
    approvedAt: status === 'approved' ? at : null,
    decidedAt: null,
    createdAt: at,
    updatedAt: at,
    topics: [{ topic: 'genai-assistants', level: role === 'mentor' ? 4 : 2 }],
    teachBack: ['strategy'],
    languages: ['fr'],
    capacity: 2,
    availability: ['mon-am'],
    bio: '',
    department: role === 'mentor' ? 'IT' : null,
    managerEmail: null,
  };
}

describe('matchPoolFromEnrollments', () => {
  it('keeps approved mentors and active mentees, with their people’s data and every reporting line', () => {
    const people = [person('ana', 'boss'), person('bob'), person('cy'), person('boss', 'ceo')];
    const pool = matchPoolFromEnrollments(
      [
        enrollment('e1', 'ana', 'mentor', 'approved'),
        enrollment('e2', 'bob', 'mentor', 'pending'),
        enrollment('e3', 'cy', 'mentee', 'approved'),
        enrollment('e4', 'bob', 'mentee', 'paused'),
        enrollment('e5', 'ghost', 'mentee', 'approved'),
      ],
      people,
    );
    expect(pool.mentors).toEqual([
      expect.objectContaining({ id: 'e1', personId: 'ana', capacity: 2, wantsToLearn: ['strategy'], department: 'IT', managerPersonId: 'boss' }),
    ]);
    expect(pool.mentees).toEqual([expect.objectContaining({ id: 'e3', personId: 'cy', canTeach: ['strategy'], department: 'Finance', timeZone: 'Europe/Paris' })]);
    expect(pool.reportingLines).toEqual([
      ['ana', 'boss'],
      ['boss', 'ceo'],
    ]);
  });
});
