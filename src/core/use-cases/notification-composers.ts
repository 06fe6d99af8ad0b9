// Each feature composes its own notification kinds; compose-notification.ts looks them up here first.
import type { CoreDeps } from '../context.js';
import type { Message } from '../messages.js';
import type { Notification } from '../ports.js';
import type { Person } from '../types.js';

/** Builds the message for one outbox row at send time; null when it no longer applies (cancelled). */
export type Composer = (deps: CoreDeps, notification: Notification, recipient: Person) => Promise<Message | null>;

export const FEATURE_COMPOSERS: Record<string, Composer> = {};
