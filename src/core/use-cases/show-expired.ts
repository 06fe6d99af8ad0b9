// A click or a form that refers to something gone (old message, tampered state).
import type { RequestContext } from '../context.js';
import { textReply, type Outcome } from '../messages.js';

export function showExpired(ctx: Pick<RequestContext, 't'>): Outcome {
  return textReply(ctx.t('error.expired'));
}
