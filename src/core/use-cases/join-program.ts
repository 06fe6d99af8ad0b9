// `join mentor|mentee` and `profile`: open the sign-up form, prefilled when the person is already enrolled.
import type { RequestContext } from '../context.js';
import type { FormValues, Outcome } from '../messages.js';
import { textReply, message } from '../messages.js';
import type { EnrollmentRole } from '../types.js';
import { buildEnrollmentForm } from './enrollment-form.js';
import { showHelp } from './show-help.js';
import { signUpRefusal } from './manage-program.js';

export async function startJoin(ctx: RequestContext, role: EnrollmentRole, values?: FormValues): Promise<Outcome> {
  const { program, t } = ctx;
  if (!program) return textReply(t('error.no_program'));
  const existing = await ctx.store.findEnrollment(program.id, ctx.person.id, role);
  const refusal = signUpRefusal(t, program, existing);
  if (refusal) return textReply(refusal);
  if (existing?.status === 'declined') {
    return {
      kind: 'message',
      message: message([{ type: 'text', text: t('join.declined_before', { program: program.name }) }]),
    };
  }
  const topics = await ctx.store.listTopics();
  const form = buildEnrollmentForm({
    t,
    role,
    programId: program.id,
    person: ctx.person,
    topics,
    existing: existing && existing.status !== 'withdrawn' ? existing : null,
    values,
    languages: program.settings.languages,
  });
  return { kind: 'form', form };
}

/** `profile`: edit the current enrollment; with none, offer to join. */
export async function startProfileEdit(ctx: RequestContext): Promise<Outcome> {
  const enrollments = ctx.program
    ? (await ctx.store.listEnrollmentsOfPerson(ctx.person.id)).filter(
        (e) => e.programId === ctx.program!.id && e.status !== 'withdrawn' && e.status !== 'declined',
      )
    : [];
  const current = enrollments[0];
  if (!current) {
    return {
      kind: 'message',
      message: showHelp(ctx, ctx.t('me.none', { program: ctx.program?.name ?? ctx.t('app.name') })),
    };
  }
  return startJoin(ctx, current.role);
}
