// What every use case receives: the dependencies, and who is asking in which program and language.
import type { Clock, Matcher, Store } from './ports.js';
import type { Translator } from './i18n/index.js';
import type { Locale, Person, Platform, Program } from './types.js';

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface CoreSettings {
  /** Emails or platform user ids who are admins from the first start (TANDEM_ADMINS). */
  admins: string[];
  defaultLocale: Locale;
  defaultTimeZone: string;
  /** How long a platform profile stays fresh before it is fetched again. */
  profileTtlMs: number;
  /** Base URL people's browsers reach Tandem at (calendar files, export downloads), no trailing slash. */
  publicUrl: string;
}

export interface CoreDeps {
  store: Store;
  /** Solves pairing rounds off the main thread; absent, the core solves in-thread (tests, small pools). */
  matcher?: Matcher;
  clock: Clock;
  settings: CoreSettings;
  logger: Logger;
}

export interface RequestContext extends CoreDeps {
  person: Person;
  program: Program | null;
  t: Translator;
  isAdmin: boolean;
}

/** How a person types commands on their platform. */
export function commandPrefix(platform: Platform): string {
  return platform === 'slack' ? '/tandem ' : '';
}
