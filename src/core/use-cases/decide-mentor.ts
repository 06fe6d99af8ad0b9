// An admin approves or declines a pending mentor (button or `admin approve @person`); the mentor is told.
import type { RequestContext } from '../context.js';
import type { Target } from '../grammar.js';
import { type Outcome, textReply } from '../messages.js';
import { awaitsDecision } from '../enrollment-rules.js';
import type { MessageKey } from '../i18n/index.js';
import { untrusted } from '../text.js';
import type { Enrollment } from '../types.js';
import { showExpired } from './show-expired.js';
import { displayName } from '../display-name.js';

export type Decision = 'approve' | 'decline';

export async function decideMentor(
  ctx: RequestContext,
  enrollmentId: string,
  decision: Decision,
  options: { fromButton: boolean },
): Promise<Outcome> {
  const { t, person, clock } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const now = clock.now();
  const result = await ctx.store.transaction(async (tx) => {
    // The row lock makes two admins (or a double click) deciding at once decide once.
    const enrollment = await tx.getEnrollment(enrollmentId, { forUpdate: true });
    if (!enrollment || enrollment.role !== 'mentor') return null;
    const mentor = await tx.getPerson(enrollment.personId);
    if (!mentor) return null;
    if (!awaitsDecision(enrollment)) return { mentor, enrollment, changed: false };
    // A mentor who paused before the decision stays paused; approval takes effect when they resume.
    const status = decision === 'decline' ? 'declined' : enrollment.status === 'paused' ? 'paused' : 'approved';
    const updated = await tx.updateEnrollment(enrollment.id, {
      status,
      pausedUntil: status === 'paused' ? enrollment.pausedUntil : null,
      approvedAt: decision === 'approve' ? now : null,
      decidedBy: person.id,
      decidedAt: now,
    });
    await tx.enqueueNotifications([
      {
        recipientId: mentor.id,
        kind: 'mentor.decided',
        payload: { enrollmentId: enrollment.id, decision },
        dueAt: now,
        dedupeKey: `mentor.decided:${enrollment.id}:${now.getTime()}`,
      },
    ]);
    await tx.audit({
      actorId: person.id,
      programId: enrollment.programId,
      action: decision === 'approve' ? 'mentor.approved' : 'mentor.declined',
      targetType: 'enrollment',
      targetId: enrollment.id,
      details: { mentorId: mentor.id },
    });
    return { mentor, enrollment: updated, changed: true };
  });
  if (!result) return showExpired(ctx);
  const name = displayName(result.mentor, t);
  const reply = result.changed
    ? t(decision === 'approve' ? 'admin.approved' : 'admin.declined', { name })
    : t(alreadyKey(result.enrollment), { name });
  return { ...textReply(reply), replaceSource: options.fromButton };
}

function alreadyKey(enrollment: Enrollment): MessageKey {
  if (enrollment.status === 'withdrawn') return 'admin.already_withdrawn';
  if (enrollment.status === 'declined') return 'admin.already_declined';
  return 'admin.already_approved';
}

/** `admin approve|decline @person`: finds the person's mentor application in the open program. */
export async function decideMentorByTarget(ctx: RequestContext, target: Target, decision: Decision): Promise<Outcome> {
  const { t, program, store } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  if (!program) return textReply(t('error.no_program'));
  const candidates =
    target.kind === 'email'
      ? await store.findPeopleByEmail(target.email)
      : [await store.findPerson({ platform: ctx.person.platform, tenantId: ctx.person.tenantId, userId: target.userId })].filter(
          (p) => p !== null,
        );
  if (candidates.length === 0) {
    return textReply(target.kind === 'email' ? t('admin.unknown_person', { target: target.email }) : t('admin.unknown_mention'));
  }
  for (const candidate of candidates) {
    const enrollment = await store.findEnrollment(program.id, candidate.id, 'mentor');
    if (enrollment) return decideMentor(ctx, enrollment.id, decision, { fromButton: false });
  }
  return textReply(t('admin.no_application', { target: { trusted: untrusted(candidates[0]!.name) }, program: program.name }));
}

