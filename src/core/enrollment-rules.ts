// Rules about enrollments that several use cases share.
import type { Enrollment } from './types.js';

/** A mentor application no admin has decided yet: pending, or paused before any decision. */
export function awaitsDecision(enrollment: Enrollment): boolean {
  return (
    enrollment.role === 'mentor' &&
    enrollment.approvedAt === null &&
    enrollment.decidedAt === null &&
    (enrollment.status === 'pending' || enrollment.status === 'paused')
  );
}
