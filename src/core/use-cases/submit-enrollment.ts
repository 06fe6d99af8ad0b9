// Saves a submitted sign-up / profile form; a new mentor awaiting approval is announced to the admins.
import type { RequestContext } from '../context.js';
import { message, type FormValues, type Outcome } from '../messages.js';
import type { Enrollment, EnrollmentRole, EnrollmentStatus } from '../types.js';
import { enrollmentFields } from './describe-enrollment.js';
import { buildEnrollmentForm, validateEnrollmentForm, type EnrollmentFormState } from './enrollment-form.js';
import { showExpired } from './show-expired.js';
import { signUpRefusal } from './manage-program.js';

export async function submitEnrollment(ctx: RequestContext, rawState: string, values: FormValues): Promise<Outcome> {
  const { store, clock, person, t } = ctx;
  const state = parseState(rawState);
  const program = state ? await store.getProgram(state.programId) : null;
  if (!state || !program) return showExpired(ctx);
  if (program.status !== 'open') {
    // Sign-up closed: only people already enrolled may still save their answers.
    const refusal = signUpRefusal(t, program, await store.findEnrollment(program.id, person.id, state.role));
    if (refusal) return { kind: 'form_done', message: message([{ type: 'text', text: refusal }]) };
  }
  const topics = await store.listTopics();
  const checked = validateEnrollmentForm(t, state.role, topics, values);
  if (!checked.ok) {
    const existing = await store.findEnrollment(program.id, person.id, state.role);
    const form = buildEnrollmentForm({ t, role: state.role, programId: program.id, person, topics, existing, values, languages: program.settings.languages });
    return { kind: 'form_errors', errors: checked.errors, form };
  }
  const { details, timeZone } = checked.value;
  const now = clock.now();

  const result = await store.transaction(async (tx) => {
    // A double submission must not create two applications (nor two review cards for the admins).
    await tx.lockPerson(person.id);
    const existing = await tx.findEnrollment(program.id, person.id, state.role);
    if (existing?.status === 'declined') return { declined: true as const };
    const isNew = !existing || existing.status === 'withdrawn';
    const status: EnrollmentStatus = isNew
      ? state.role === 'mentor' && program.settings.approvalRequired
        ? 'pending'
        : 'approved'
      : existing.status;
    const enrollment = await tx.saveEnrollment({
      ...details,
      programId: program.id,
      personId: person.id,
      role: state.role,
      status,
      charterAcceptedAt: now,
      approvedAt: isNew ? (status === 'approved' ? now : null) : existing.approvedAt,
    });
    if (existing?.status === 'paused') {
      // Saving the profile must not end a pause.
      await tx.updateEnrollment(enrollment.id, { status: 'paused', pausedUntil: existing.pausedUntil });
    }
    const manager = details.managerEmail ? (await tx.findPeopleByEmail(details.managerEmail))[0] : undefined;
    await tx.updatePerson(person.id, {
      department: details.department,
      managerId: manager && manager.id !== person.id ? manager.id : null,
      ...(timeZone !== person.timeZone ? { timeZone, timeZoneChosen: true } : {}),
    });
    if (isNew && status === 'pending') {
      const admins = await tx.listRoleHolders(program.id, 'admin');
      if (admins.length === 0) ctx.logger.warn({ programId: program.id }, 'a mentor awaits approval but the program has no admin yet');
      await tx.enqueueNotifications(
        admins.map((admin) => ({
          recipientId: admin.id,
          kind: 'mentor.pending',
          payload: { enrollmentId: enrollment.id },
          dueAt: now,
          dedupeKey: `mentor.pending:${enrollment.id}:${admin.id}:${now.getTime()}`,
        })),
      );
    }
    await tx.audit({
      actorId: person.id,
      programId: program.id,
      action: isNew ? 'enrollment.created' : 'enrollment.updated',
      targetType: 'enrollment',
      targetId: enrollment.id,
      details: { role: state.role, status },
    });
    return { enrollment: { ...enrollment, status: existing?.status === 'paused' ? 'paused' : status } as Enrollment, isNew };
  });

  if ('declined' in result) {
    return { kind: 'form_done', message: message([{ type: 'text', text: t('join.declined_before', { program: program.name }) }]) };
  }
  const { enrollment, isNew } = result;
  const lead = !isNew
    ? t('join.updated')
    : enrollment.status === 'pending'
      ? t('join.received.pending', { name: person.name })
      : t(enrollment.role === 'mentor' ? 'join.received.mentor' : 'join.received.mentee', { name: person.name, program: program.name });
  return {
    kind: 'form_done',
    message: message(
      [
        { type: 'text', text: lead },
        { type: 'fields', fields: enrollmentFields(t, enrollment, topics) },
        { type: 'actions', buttons: [{ action: 'profile.edit', label: t('me.edit'), value: enrollment.role }] },
      ],
      lead,
    ),
  };
}

function parseState(raw: string): EnrollmentFormState | null {
  try {
    const value = JSON.parse(raw) as Partial<EnrollmentFormState>;
    const roles: EnrollmentRole[] = ['mentor', 'mentee'];
    if (typeof value.programId === 'string' && roles.includes(value.role as EnrollmentRole)) {
      return { role: value.role as EnrollmentRole, programId: value.programId };
    }
  } catch {
    // Not ours: treated as expired below.
  }
  return null;
}
