// A click or a form that refers to something gone (old message, tampered state).
import type { RequestContext } from '../context.js';
import { message, type Outcome } from '../messages.js';

export function showExpired(ctx: Pick<RequestContext, 't'>): Outcome {
  return { kind: 'message', message: message([{ type: 'text', text: ctx.t('error.expired') }]) };
}
