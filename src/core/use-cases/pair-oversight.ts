// Admins steering pairs: at-risk list, remind both partners, end a pair (with confirmation), rematch.
import type { Translator } from '../i18n/index.js';
import type { Button } from '../messages.js';

/**
 * Button action ids for a pair, shared with the nudge ladder's "pair at risk" message: the value of
 * each is the pair id. `pair.rematch` also accepts an enrollment id.
 */
export const PAIR_ACTIONS = {
  /** Re-nudge both partners now (within their working hours). */
  remind: 'pair.remind',
  /** Ask the admin to confirm, then end the pair. */
  end: 'pair.end',
  endConfirm: 'pair.end.confirm',
  endKeep: 'pair.end.keep',
  /** Offer the choice: back in the pool for the next round, or a new partner now. */
  rematch: 'pair.rematch',
  rematchNext: 'rematch.next',
  rematchNow: 'rematch.now',
  rematchConfirm: 'rematch.confirm',
  /** Next page of the at-risk list (value: page number). */
  atRiskPage: 'pairs.at_risk.page',
} as const;

/** Remind / End / Rematch, the three things an admin can do about a quiet pair. */
export function pairActionButtons(t: Translator, pairId: string): Button[] {
  return [
    { action: PAIR_ACTIONS.remind, label: t('oversight.pairs.remind'), value: pairId, style: 'primary' },
    { action: PAIR_ACTIONS.rematch, label: t('oversight.pairs.rematch'), value: pairId },
    { action: PAIR_ACTIONS.end, label: t('oversight.pairs.end'), value: pairId, style: 'danger' },
  ];
}
