// `pause until DATE` and `resume`: a break with a return date, in the person's own calendar.
import type { RequestContext } from '../context.js';
import type { CoreDeps } from '../context.js';
import { addDays, exampleDay, formatDay, today } from '../format.js';
import { parseDate } from '../grammar.js';
import { type Form, type FormValues, type Outcome, textReply } from '../messages.js';
import type { Enrollment } from '../types.js';
import { activeEnrollments } from './show-me.js';

export const PAUSE_FORM_ID = 'pause';
const MAX_PAUSE_DAYS = 365;

export async function pauseEnrollments(ctx: RequestContext, until: string): Promise<Outcome> {
  const { t, person, clock } = ctx;
  const now = clock.now();
  const problem = checkPauseDate(ctx, until, now);
  if (problem) return textReply(problem);
  const enrollments = (await activeEnrollments(ctx)).filter((e) => e.status === 'pending' || e.status === 'approved' || e.status === 'paused');
  if (enrollments.length === 0) return textReply(t('pause.nothing'));
  await ctx.store.transaction(async (tx) => {
    await tx.lockPerson(person.id);
    for (const enrollment of enrollments) {
      await tx.updateEnrollment(enrollment.id, { status: 'paused', pausedUntil: until });
      await tx.audit({ actorId: person.id, programId: enrollment.programId, action: 'enrollment.paused', targetType: 'enrollment', targetId: enrollment.id, details: { until } });
    }
  });
  return textReply(t('pause.done', { date: { trusted: formatDay(until, t.locale) } }));
}

export async function resumeEnrollments(ctx: RequestContext): Promise<Outcome> {
  const { t, person } = ctx;
  const paused = (await activeEnrollments(ctx)).filter((e) => e.status === 'paused');
  if (paused.length === 0) return textReply(t('resume.not_paused'));
  await ctx.store.transaction(async (tx) => {
    for (const enrollment of paused) {
      await tx.updateEnrollment(enrollment.id, { status: statusAfterPause(enrollment) });
      await tx.audit({ actorId: person.id, programId: enrollment.programId, action: 'enrollment.resumed', targetType: 'enrollment', targetId: enrollment.id });
    }
  });
  return textReply(t('resume.done', { program: ctx.program?.name ?? t('app.name') }));
}

/** Approved before the pause → approved again; a mentor paused while pending goes back to pending. */
function statusAfterPause(enrollment: Enrollment): 'approved' | 'pending' {
  return enrollment.approvedAt ? 'approved' : 'pending';
}

export function pauseForm(ctx: RequestContext): Outcome {
  const { t } = ctx;
  const example = exampleDate(ctx);
  const form: Form = {
    id: PAUSE_FORM_ID,
    title: t('pause.form.title'),
    submitLabel: t('form.submit'),
    cancelLabel: t('form.cancel'),
    requiredError: t('validation.required'),
    state: '{}',
    fields: [
      { kind: 'text', id: 'until', label: t('pause.form.date'), hint: t('pause.form.hint', { example }), multiline: false, maxLength: 10, required: true, placeholder: example },
    ],
  };
  return { kind: 'form', form };
}

export async function submitPauseForm(ctx: RequestContext, values: FormValues): Promise<Outcome> {
  const { t } = ctx;
  const raw = (Array.isArray(values.until) ? values.until[0] : values.until)?.trim() ?? '';
  const until = parseDate(raw);
  const problem = until
    ? checkPauseDate(ctx, until, ctx.clock.now())
    : raw === ''
      ? t('validation.required')
      : t('pause.invalid_date', { value: raw.slice(0, 40), example: exampleDate(ctx) });
  if (problem || !until) {
    const form = pauseForm(ctx) as Extract<Outcome, { kind: 'form' }>;
    const field = form.form.fields[0]!;
    if (field.kind === 'text') field.initial = raw.slice(0, 10);
    return { kind: 'form_errors', errors: { until: problem ?? t('validation.required') }, form: form.form };
  }
  const outcome = await pauseEnrollments(ctx, until);
  return outcome.kind === 'message' ? { kind: 'form_done', message: outcome.message } : outcome;
}

/** Daily job: pauses whose return day has come (in each person's time zone) end by themselves. */
export async function resumeExpiredPauses(deps: CoreDeps): Promise<number> {
  const { store, clock } = deps;
  const program = await store.findCurrentProgram();
  if (!program) return 0;
  const now = clock.now();
  let resumed = 0;
  for (const enrollment of await store.listEnrollments(program.id, { status: 'paused' })) {
    const person = await store.getPerson(enrollment.personId);
    if (!person || !enrollment.pausedUntil || today(now, person.timeZone) < enrollment.pausedUntil) continue;
    await store.transaction(async (tx) => {
      await tx.updateEnrollment(enrollment.id, { status: statusAfterPause(enrollment) });
      await tx.enqueueNotifications([
        {
          recipientId: person.id,
          kind: 'pause.ended',
          payload: { enrollmentId: enrollment.id },
          dueAt: now,
          dedupeKey: `pause.ended:${enrollment.id}:${enrollment.pausedUntil}`,
        },
      ]);
      await tx.audit({ actorId: null, programId: program.id, action: 'enrollment.resumed', targetType: 'enrollment', targetId: enrollment.id, details: { automatic: true } });
    });
    resumed++;
  }
  return resumed;
}

function checkPauseDate(ctx: RequestContext, until: string, now: Date): string | null {
  const { t, person } = ctx;
  const day = today(now, person.timeZone);
  if (until <= day) return t('pause.past_date');
  const limit = addDays(day, MAX_PAUSE_DAYS);
  if (until > limit) return t('pause.too_far', { date: { trusted: formatDay(limit, t.locale) } });
  return null;
}

function exampleDate(ctx: RequestContext): string {
  return exampleDay(ctx.clock.now(), ctx.person.timeZone, ctx.t.locale);
}

