// Score weights: program settings on top of sensible defaults.
import { TandemError } from '../errors.js';
import type { MatchWeights } from './types.js';

/**
 * A must-have topic taught at expert level (3 × 5 × 2 = 30 points) outweighs every soft
 * preference together (a department, a full shared working day, three shared slots, one teach-back).
 */
export const DEFAULT_WEIGHTS: Readonly<MatchWeights> = Object.freeze({
  topic: 2,
  teachBack: 5,
  otherDepartment: 8,
  timeZoneHour: 1,
  availabilitySlot: 2,
});

/** Keeps every total an exact integer far below 2^53, whatever the pool size. */
const MAX_WEIGHT = 1000;

export function resolveWeights(overrides: Partial<MatchWeights> | undefined): MatchWeights {
  const weights: MatchWeights = { ...DEFAULT_WEIGHTS };
  for (const [key, value] of Object.entries(overrides ?? {}) as [keyof MatchWeights, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_WEIGHTS)) throw new TandemError('invalid_input', `unknown matching weight "${key}"`);
    if (!Number.isFinite(value) || value < 0 || value > MAX_WEIGHT) {
      throw new TandemError('invalid_input', `matching weight "${key}" must be between 0 and ${MAX_WEIGHT}, got ${value}`);
    }
    weights[key] = value;
  }
  return weights;
}
