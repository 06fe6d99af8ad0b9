// `me`: the person's enrollments, status, pair and next session, with what they can do next.
import type { RequestContext } from '../context.js';
import { formatDateTime } from '../format.js';
import { message, type Block, type Button, type Message } from '../messages.js';
import { untrusted } from '../text.js';
import type { Enrollment } from '../types.js';
import { enrollmentFields, statusLabel } from './describe-enrollment.js';

export async function showMe(ctx: RequestContext): Promise<Message> {
  const { t, program, store, person, clock } = ctx;
  const programName = program?.name ?? t('app.name');
  const enrollments = program ? await activeEnrollments(ctx) : [];
  if (!program || enrollments.length === 0) {
    return message([
      { type: 'header', text: t('me.title') },
      { type: 'text', text: program ? t('me.none', { program: programName }) : t('error.no_program') },
      ...(program
        ? [
            {
              type: 'actions' as const,
              buttons: [
                { action: 'join', label: t('button.join_mentee'), value: 'mentee', style: 'primary' as const },
                { action: 'join', label: t('button.join_mentor'), value: 'mentor' },
              ],
            },
          ]
        : []),
    ]);
  }
  const topics = await store.listTopics();
  const blocks: Block[] = [{ type: 'header', text: t('me.title') }];
  for (const enrollment of enrollments) {
    const pair = await store.findCurrentPair(enrollment.id, clock.now());
    const fields = [{ label: t('field.status'), value: statusLabel(t, enrollment) }];
    if (pair) {
      fields.push(
        { label: t('field.partner'), value: `${untrusted(pair.partner.name)} (${t(`role.${pair.partnerRole}`).toLowerCase()})` },
        {
          label: t('field.next_session'),
          value: pair.nextSession ? formatDateTime(pair.nextSession.startsAt, t.locale, person.timeZone) : t('me.no_session'),
        },
      );
    }
    blocks.push(
      { type: 'text', text: t('me.enrollment', { role: t(`role.${enrollment.role}`), program: programName }) },
      { type: 'fields', fields: [...fields, ...enrollmentFields(t, enrollment, topics)] },
    );
    if (!pair && enrollment.status === 'approved') blocks.push({ type: 'context', text: t('me.no_pair') });
    const buttons: Button[] = [{ action: 'profile.edit', label: t('me.edit'), value: enrollment.role }];
    blocks.push({ type: 'actions', buttons });
  }
  const paused = enrollments.some((e) => e.status === 'paused');
  blocks.push({
    type: 'actions',
    buttons: [
      paused ? { action: 'resume', label: t('me.resume'), style: 'primary' } : { action: 'pause.form', label: t('me.pause') },
      { action: 'leave', label: t('me.leave'), style: 'danger' },
    ],
  });
  return message(blocks, t('me.title'));
}

/** Enrollments in the open program that still count: not withdrawn, not declined. */
export async function activeEnrollments(ctx: RequestContext): Promise<Enrollment[]> {
  if (!ctx.program) return [];
  const all = await ctx.store.listEnrollmentsOfPerson(ctx.person.id);
  return all.filter((e) => e.programId === ctx.program!.id && e.status !== 'withdrawn' && e.status !== 'declined');
}
