// Translation: t(locale, key, params). Parameters are untrusted unless wrapped with trusted().
import type { Locale } from '../types.js';
import { untrusted } from '../text.js';
import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** A parameter value Tandem itself produced (already-marked text, numbers, formatted dates). */
export interface Trusted {
  trusted: string;
}

export function trusted(value: string): Trusted {
  return { trusted: value };
}

export type Param = string | number | Trusted;

export function t(locale: Locale, key: MessageKey, params: Record<string, Param> = {}): string {
  const template = catalogues[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB').format(value);
    if (typeof value === 'string') return untrusted(value);
    return value.trusted;
  });
}

/** A translator bound to one locale and the command prefix of the person's platform. */
export interface Translator {
  locale: Locale;
  (key: MessageKey, params?: Record<string, Param>): string;
}

/** `defaults` are parameters every message of this translator may use (e.g. a date example). */
export function translator(locale: Locale, prefix: string, defaults: Record<string, Param> = {}): Translator {
  const fn = ((key: MessageKey, params: Record<string, Param> = {}) =>
    t(locale, key, { prefix: trusted(prefix), ...defaults, ...params })) as Translator;
  Object.defineProperty(fn, 'locale', { value: locale });
  return fn;
}
