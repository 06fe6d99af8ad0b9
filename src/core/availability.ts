// Half-day availability slots, Monday to Friday.
import type { Locale } from './types.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const DAY_NAMES: Record<Locale, string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'],
};
const HALVES: Record<Locale, Record<'am' | 'pm', string>> = {
  en: { am: 'morning', pm: 'afternoon' },
  fr: { am: 'matin', pm: 'après-midi' },
};

export const AVAILABILITY_SLOTS: readonly string[] = DAYS.flatMap((day) => [`${day}-am`, `${day}-pm`]);

export function slotLabel(slot: string, locale: Locale): string {
  const [day, half] = slot.split('-') as [string, 'am' | 'pm'];
  const index = DAYS.indexOf(day as (typeof DAYS)[number]);
  return `${DAY_NAMES[locale][index] ?? day} ${HALVES[locale][half] ?? half}`;
}
