// Dates and lists for people: in their language and their time zone.
import { DateTime } from 'luxon';
import type { Locale } from './types.js';

/** A calendar day (YYYY-MM-DD) written out: "Tuesday 15 December 2026" / "mardi 15 décembre 2026". */
export function formatDay(day: string, locale: Locale): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).setLocale(locale === 'fr' ? 'fr-FR' : 'en-GB').toFormat('cccc d LLLL yyyy');
}

/** An instant in the person's time zone: "Tuesday 15 December 2026, 14:30 (Europe/Paris)". */
export function formatDateTime(at: Date, locale: Locale, timeZone: string): string {
  const local = DateTime.fromJSDate(at).setZone(timeZone).setLocale(locale === 'fr' ? 'fr-FR' : 'en-GB');
  return `${local.toFormat(locale === 'fr' ? "cccc d LLLL yyyy 'à' HH:mm" : 'cccc d LLLL yyyy, HH:mm')} (${timeZone})`;
}

/** Today's date in a time zone, as YYYY-MM-DD. */
export function today(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now).setZone(timeZone).toISODate()!;
}

export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

export function formatList(items: string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** A date three weeks ahead, as people type it: 2026-12-16 in English, 16/12/2026 in French. */
export function exampleDay(now: Date, timeZone: string, locale: Locale): string {
  const day = addDays(today(now, timeZone), 21);
  if (locale !== 'fr') return day;
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

const LANGUAGE_NAMES: Record<Locale, Record<Locale, string>> = { en: { en: 'English', fr: 'French' }, fr: { en: 'anglais', fr: 'français' } };

/** A language's name in `locale`: lower case inside French sentences, capitalised as a choice label. */
export function languageName(language: Locale, locale: Locale, asLabel = false): string {
  const name = LANGUAGE_NAMES[locale][language];
  return asLabel ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}
