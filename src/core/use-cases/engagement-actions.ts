// Routes the engagement buttons and forms (after-session check, feedback, adoption, closing) to their use
// cases, and gathers the engagement notification composers.
import type { RequestContext } from '../context.js';
import type { FormValues, Outcome } from '../messages.js';
import { ADOPTION_ANSWERS, ADOPTION_COMPOSERS, ADOPTION_FORM_ID, answerAdoption, submitAdoptionForm, type AdoptionAction } from './adoption-check.js';
import { answerClosing, CLOSING_ACTIONS, CLOSING_COMPOSERS, type ClosingAction } from './close-pair.js';
import type { Composer } from './notification-composers.js';
import { showExpired } from './show-expired.js';
import { NUDGE_COMPOSERS } from './nudge-pairs.js';
import { answerHappened, answerMissed, openFeedbackForm, SESSION_CHECK_ACTIONS, SESSION_CHECK_COMPOSERS, SESSION_FEEDBACK_FORM_ID, submitFeedbackForm } from './session-feedback.js';

export const ENGAGEMENT_ACTIONS: ReadonlySet<string> = new Set([
  ...Object.values(SESSION_CHECK_ACTIONS),
  ...Object.keys(ADOPTION_ANSWERS),
  ...Object.keys(CLOSING_ACTIONS),
]);
export const ENGAGEMENT_FORMS: ReadonlySet<string> = new Set([SESSION_FEEDBACK_FORM_ID, ADOPTION_FORM_ID]);

export function runEngagementAction(ctx: RequestContext, action: string, value: string | undefined): Promise<Outcome> {
  if (action === SESSION_CHECK_ACTIONS.happened) return answerHappened(ctx, value);
  if (action === SESSION_CHECK_ACTIONS.missed) return answerMissed(ctx, value);
  if (action === SESSION_CHECK_ACTIONS.feedback) return openFeedbackForm(ctx, value);
  if (Object.hasOwn(ADOPTION_ANSWERS, action)) return answerAdoption(ctx, action as AdoptionAction, value);
  return answerClosing(ctx, action as ClosingAction, value);
}

export function runEngagementForm(ctx: RequestContext, formId: string, state: string, values: FormValues): Promise<Outcome> {
  return formId === ADOPTION_FORM_ID ? submitAdoptionForm(ctx, state, values) : submitFeedbackForm(ctx, state, values);
}

/** A form that could not be opened in time (Slack trigger expired), opened again from its state. */
export async function reopenEngagementForm(ctx: RequestContext, formId: string, rawState: string): Promise<Outcome> {
  let state: { sessionId?: unknown; action?: unknown } = {};
  try {
    state = JSON.parse(rawState) as typeof state;
  } catch {
    return showExpired(ctx);
  }
  const sessionId = typeof state.sessionId === 'string' ? state.sessionId : undefined;
  if (formId === SESSION_FEEDBACK_FORM_ID) return openFeedbackForm(ctx, sessionId);
  const action = String(state.action ?? '');
  return Object.hasOwn(ADOPTION_ANSWERS, action) ? answerAdoption(ctx, action as AdoptionAction, sessionId) : showExpired(ctx);
}

export const ENGAGEMENT_COMPOSERS: Record<string, Composer> = {
  ...NUDGE_COMPOSERS,
  ...SESSION_CHECK_COMPOSERS,
  ...ADOPTION_COMPOSERS,
  ...CLOSING_COMPOSERS,
};
