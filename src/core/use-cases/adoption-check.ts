// Impact, not attendance: a week after a held session on a module, the mentee is asked whether they have
// used what they learned. Asked once per module, a week after its latest session.
import type { CoreDeps, RequestContext } from '../context.js';
import { commandPrefix } from '../context.js';
import { translator, trusted } from '../i18n/index.js';
import { message, type Form, type FormValues, type Outcome } from '../messages.js';
import type { PairRecord, SessionRecord } from '../ports.js';
import { cleanText, hasControlCharacters } from '../text.js';
import { nextWorkingMoment } from '../working-hours.js';
import { topicName } from './describe-match.js';
import type { Composer } from './notification-composers.js';
import { showExpired } from './show-expired.js';

export const ADOPTION_FORM_ID = 'feedback.adoption';
export const ADOPTION_ANSWERS = { 'adoption.yes': true, 'adoption.not_yet': null, 'adoption.no': false } as const;
export type AdoptionAction = keyof typeof ADOPTION_ANSWERS;
const ADOPTION_TEXT_MAX = 500;
const WEEK_MS = 7 * 86_400_000;

/** Queues the question for the mentee, a week after the session ended, in their working hours. */
export async function scheduleAdoptionCheck(deps: CoreDeps, pair: PairRecord, session: SessionRecord): Promise<void> {
  if (!session.topic) return;
  const mentee = await deps.store.getPerson(pair.menteePersonId);
  if (!mentee) return;
  const weekLater = session.startsAt.getTime() + session.durationMinutes * 60_000 + WEEK_MS;
  await deps.store.enqueueNotifications([
    {
      recipientId: mentee.id,
      kind: 'adoption.check',
      subject: `session:${session.id}`,
      payload: { sessionId: session.id },
      dueAt: nextWorkingMoment(new Date(Math.max(weekLater, deps.clock.now().getTime())), mentee.timeZone),
      dedupeKey: `adoption.check:${session.id}`,
    },
  ]);
}

/** The held session and pair the question is about, or null when it no longer applies to `personId`. */
async function adoptionSubject(deps: CoreDeps, sessionId: string | undefined, personId: string) {
  const { store } = deps;
  const session = await store.getSession(sessionId ?? '');
  if (!session || session.status !== 'held' || !session.topic) return null;
  const pair = await store.getPair(session.pairId);
  if (!pair || pair.status === 'ended' || pair.menteePersonId !== personId) return null;
  return { session: session as SessionRecord & { topic: string }, pair };
}

const composeAdoptionCheck: Composer = async (deps, notification, recipient) => {
  const { store } = deps;
  const subject = await adoptionSubject(deps, (notification.payload as { sessionId?: string }).sessionId, recipient.id);
  if (!subject) return null;
  const { session, pair } = subject;
  const enrollment = await store.getEnrollment(pair.menteeEnrollmentId);
  if (enrollment?.status !== 'approved') return null;
  // Once per module: a later session on it asks in its turn; a module already answered is not asked again.
  const sessions = await store.listSessions(pair.id);
  if (sessions.some((s) => s.id !== session.id && s.topic === session.topic && s.status === 'held' && s.startsAt > session.startsAt)) return null;
  const answers = await store.listPairFeedback(pair.id);
  if (answers.some((f) => f.kind === 'adoption' && f.personId === recipient.id && f.topic === session.topic)) return null;
  const [partner, topics] = await Promise.all([store.getPerson(pair.mentorPersonId), store.listTopics()]);
  if (!partner) return null;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const text = t('engagement.adoption.text', { name: recipient.name, partner: partner.name, topic: trusted(topicName(topics, session.topic, t)) });
  return message(
    [
      { type: 'header', text: t('engagement.adoption.title') },
      { type: 'text', text },
      {
        type: 'actions',
        buttons: [
          { action: 'adoption.yes', label: t('engagement.adoption.yes'), value: session.id, style: 'primary' },
          { action: 'adoption.not_yet', label: t('engagement.adoption.not_yet'), value: session.id },
          { action: 'adoption.no', label: t('engagement.adoption.no'), value: session.id },
        ],
      },
    ],
    text,
  );
};

export const ADOPTION_COMPOSERS: Record<string, Composer> = { 'adoption.check': composeAdoptionCheck };

/** A click on yes / not yet / no: stored at once; a small optional form invites a few words. */
export async function answerAdoption(ctx: RequestContext, action: AdoptionAction, sessionId: string | undefined): Promise<Outcome> {
  const subject = await adoptionSubject(ctx, sessionId, ctx.person.id);
  if (!subject) return showExpired(ctx);
  const { session, pair } = subject;
  const adopted = ADOPTION_ANSWERS[action];
  await ctx.store.upsertFeedback({ pairId: pair.id, sessionId: session.id, personId: ctx.person.id, kind: 'adoption', topic: session.topic, adopted });
  return { kind: 'form', form: await adoptionForm(ctx, session, pair, action) };
}

async function adoptionForm(ctx: RequestContext, session: SessionRecord & { topic: string }, pair: PairRecord, action: AdoptionAction, values?: FormValues): Promise<Form> {
  const { t, store } = ctx;
  const [topics, partner, previous] = await Promise.all([
    store.listTopics(),
    store.getPerson(pair.mentorPersonId),
    store.getFeedback({ pairId: pair.id, sessionId: session.id, personId: ctx.person.id, kind: 'adoption' }),
  ]);
  const answer = action.slice('adoption.'.length) as 'yes' | 'not_yet' | 'no';
  const typed = values?.text;
  return {
    id: ADOPTION_FORM_ID,
    title: t('engagement.adoption.form.title'),
    submitLabel: t('engagement.feedback.submit'),
    cancelLabel: t('form.cancel'),
    state: JSON.stringify({ sessionId: session.id, action }),
    intro: t(`engagement.adoption.saved.${answer}`, { topic: trusted(topicName(topics, session.topic, t)), partner: partner?.name ?? '—' }),
    fields: [
      {
        kind: 'text',
        id: 'text',
        label: t(`engagement.adoption.form.${answer}`),
        multiline: true,
        maxLength: ADOPTION_TEXT_MAX,
        required: false,
        initial: (Array.isArray(typed) ? typed[0] : typed) ?? previous?.learned ?? undefined,
      },
    ],
  };
}

export async function submitAdoptionForm(ctx: RequestContext, rawState: string, values: FormValues): Promise<Outcome> {
  const { t } = ctx;
  let state: { sessionId?: unknown; action?: unknown } = {};
  try {
    state = JSON.parse(rawState) as typeof state;
  } catch {
    return showExpired(ctx);
  }
  const action = String(state.action ?? '');
  if (!Object.hasOwn(ADOPTION_ANSWERS, action)) return showExpired(ctx);
  const subject = await adoptionSubject(ctx, String(state.sessionId ?? ''), ctx.person.id);
  if (!subject) return showExpired(ctx);
  const raw = Array.isArray(values.text) ? (values.text[0] ?? '') : (values.text ?? '');
  const cleaned = cleanText(raw);
  const error = hasControlCharacters(raw.replace(/[\r\n\t]/g, ''))
    ? t('validation.control_characters')
    : cleaned.length > ADOPTION_TEXT_MAX
      ? t('validation.too_long', { max: ADOPTION_TEXT_MAX, length: cleaned.length })
      : null;
  if (error) return { kind: 'form_errors', errors: { text: error }, form: await adoptionForm(ctx, subject.session, subject.pair, action as AdoptionAction, values) };
  await ctx.store.upsertFeedback({
    pairId: subject.pair.id,
    sessionId: subject.session.id,
    personId: ctx.person.id,
    kind: 'adoption',
    topic: subject.session.topic,
    adopted: ADOPTION_ANSWERS[action as AdoptionAction],
    learned: cleaned || null,
  });
  return { kind: 'form_done', message: message([{ type: 'text', text: t('engagement.adoption.text_saved') }]) };
}
