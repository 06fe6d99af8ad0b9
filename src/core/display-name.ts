// How a person is named in messages: an erased person (`forget-me`) is a "former participant" in the reader's language.
import type { Translator } from './i18n/index.js';
import type { Person } from './types.js';

export function displayName(person: Pick<Person, 'name' | 'erasedAt'> | null | undefined, t: Translator): string {
  if (!person || person.erasedAt) return t('privacy.former_participant');
  return person.name;
}
