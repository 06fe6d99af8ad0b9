// Finds or creates the person behind a request; the platform profile is cached, not fetched each time.
import type { Actor } from '../tandem.js';
import type { CoreDeps } from '../context.js';
import { asLocale, type Person, type PlatformProfile } from '../types.js';
import { isTimeZone } from '../time-zones.js';

const RETRY_FAILED_FETCH_MS = 60 * 60 * 1000;

export async function resolvePerson(deps: CoreDeps, actor: Actor): Promise<Person> {
  const { store, clock, settings } = deps;
  const now = clock.now();
  const known = await store.findPerson(actor.identity);
  const fresh = known && now.getTime() - known.profileFetchedAt.getTime() < settings.profileTtlMs;

  if (known && fresh) {
    // The request itself may tell us the person changed language (Teams sends it with every message).
    const hintedLocale = actor.hint?.locale ? asLocale(actor.hint.locale, known.locale) : known.locale;
    if (hintedLocale !== known.locale) {
      await store.updatePerson(known.id, { locale: hintedLocale });
      return { ...known, locale: hintedLocale };
    }
    return known;
  }

  let fetched: PlatformProfile | null = null;
  if (actor.fetchProfile) {
    try {
      fetched = await actor.fetchProfile();
    } catch (error) {
      deps.logger.warn({ err: error, platform: actor.identity.platform }, 'could not fetch the platform profile');
    }
  }
  const profile = merge(actor.hint, fetched);
  const timeZone =
    known?.timeZoneChosen || !profile.timeZone || !isTimeZone(profile.timeZone)
      ? (known?.timeZone ?? settings.defaultTimeZone)
      : profile.timeZone;
  const person = await store.savePerson({
    ...actor.identity,
    name: profile.name || known?.name || actor.identity.userId,
    email: profile.email?.toLowerCase() ?? known?.email ?? null,
    locale: asLocale(profile.locale ?? known?.locale, settings.defaultLocale),
    timeZone,
    // When the fetch failed, try again in an hour rather than on every request.
    profileFetchedAt: fetched ? now : new Date(now.getTime() - settings.profileTtlMs + RETRY_FAILED_FETCH_MS),
  });
  if (!known) deps.logger.info({ personId: person.id, platform: person.platform }, 'new person');
  return person;
}

function merge(hint: Partial<PlatformProfile> | undefined, fetched: PlatformProfile | null): Partial<PlatformProfile> {
  const out: Partial<PlatformProfile> = { ...hint };
  for (const [key, value] of Object.entries(fetched ?? {})) {
    if (value !== null && value !== undefined && value !== '') (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** TANDEM_ADMINS lists emails or platform user ids. */
export function isConfiguredAdmin(person: Person, admins: string[]): boolean {
  return admins.some(
    (entry) => entry === person.userId || (person.email !== null && entry.toLowerCase() === person.email.toLowerCase()),
  );
}
