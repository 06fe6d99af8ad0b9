// Each feature composes its own notification kinds; compose-notification.ts looks them up here first.
import type { CoreDeps } from '../context.js';
import type { Message } from '../messages.js';
import type { Notification } from '../ports.js';
import type { Person } from '../types.js';
import { PLAN_COMPOSERS } from './agree-plan.js';
import { PAIR_OVERSIGHT_COMPOSERS } from './pair-oversight.js';
import { SESSION_NOTICE_COMPOSERS } from './manage-session.js';
import { SESSION_REMINDER_COMPOSERS } from './session-reminders.js';
import { SUMMARY_COMPOSERS } from './weekly-summary.js';
import { ENGAGEMENT_COMPOSERS } from './engagement-actions.js';
import { PROGRAM_COMPOSERS } from './manage-program.js';
import { ROLE_COMPOSERS } from './manage-roles.js';

/** Builds the message for one outbox row at send time; null when it no longer applies (cancelled). */
export type Composer = (deps: CoreDeps, notification: Notification, recipient: Person) => Promise<Message | null>;

export const FEATURE_COMPOSERS: Record<string, Composer> = {
  ...SESSION_REMINDER_COMPOSERS,
  ...SESSION_NOTICE_COMPOSERS,
  ...PLAN_COMPOSERS,
  ...SUMMARY_COMPOSERS,
  ...PAIR_OVERSIGHT_COMPOSERS,
  ...ENGAGEMENT_COMPOSERS,
  ...PROGRAM_COMPOSERS,
  ...ROLE_COMPOSERS,
};
