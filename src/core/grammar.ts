// The command grammar shared by Slack (`/tandem <text>`) and Teams (a message to the bot), English and French.
import type { EnrollmentRole } from './types.js';
import { hasControlCharacters } from './text.js';

/** Someone named in a command: a platform mention (`<@U123>` / `<@U123|name>`) or an email. */
export type Target = { kind: 'user'; userId: string } | { kind: 'email'; email: string };

export type Command =
  | { verb: 'help' }
  | { verb: 'join'; role: EnrollmentRole }
  | { verb: 'profile' }
  | { verb: 'me' }
  | { verb: 'leave' }
  | { verb: 'pause'; until: string }
  | { verb: 'resume' }
  | { verb: 'admin.pending' }
  | { verb: 'admin.pair' }
  | { verb: 'admin.decide'; decision: 'approve' | 'decline'; target: Target };

export type ParseError =
  | { error: 'empty' }
  | { error: 'too_long'; length: number }
  | { error: 'control_characters' }
  | { error: 'unknown_command'; command: string }
  | { error: 'join_role' }
  | { error: 'pause_date' }
  | { error: 'admin_usage' }
  | { error: 'admin_target'; verb: string };

export const MAX_COMMAND_LENGTH = 500;

const VERBS: Record<string, Command['verb'] | 'join' | 'pause' | 'admin'> = {
  help: 'help',
  aide: 'help',
  '?': 'help',
  join: 'join',
  rejoindre: 'join',
  inscription: 'join',
  profile: 'profile',
  profil: 'profile',
  me: 'me',
  moi: 'me',
  status: 'me',
  statut: 'me',
  leave: 'leave',
  quitter: 'leave',
  pause: 'pause',
  resume: 'resume',
  reprendre: 'resume',
  admin: 'admin',
};

const ROLES: Record<string, EnrollmentRole> = {
  mentor: 'mentor',
  mentors: 'mentor',
  mentee: 'mentee',
  mentees: 'mentee',
  mentore: 'mentee',
  mentoree: 'mentee',
  mentores: 'mentee',
  'mentore(e)': 'mentee',
};

const ADMIN_DECISIONS: Record<string, 'approve' | 'decline'> = {
  approve: 'approve',
  approuver: 'approve',
  valider: 'approve',
  decline: 'decline',
  refuser: 'decline',
  reject: 'decline',
};

const PAUSE_FILLERS = new Set(['until', 'till', 'jusqu', 'jusquau', 'jusqua', 'au', 'le']);

/** Lowercase without accents, so `mentoré`, `Mentore` and `MENTORÉ` read the same. */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function parseCommand(input: string): Command | ParseError {
  if (input.length > MAX_COMMAND_LENGTH) return { error: 'too_long', length: input.length };
  if (hasControlCharacters(input.replace(/[\n\t\r]/g, ' '))) return { error: 'control_characters' };
  const text = input.normalize('NFC').replace(/[’‘]/g, "'").trim();
  if (text === '') return { error: 'empty' };

  const words = text.split(/\s+/);
  const first = fold(words[0]!);
  const verb = VERBS[first];
  const rest = words.slice(1);

  switch (verb) {
    case 'help':
      return { verb: 'help' };
    case 'profile':
    case 'me':
    case 'leave':
    case 'resume':
      return rest.length === 0 ? ({ verb } as Command) : { error: 'unknown_command', command: text };
    case 'join': {
      const role = rest.length === 1 ? ROLES[fold(rest[0]!)] : undefined;
      return role ? { verb: 'join', role } : { error: 'join_role' };
    }
    case 'pause': {
      const date = parsePauseDate(rest);
      return date ? { verb: 'pause', until: date } : { error: 'pause_date' };
    }
    case 'admin':
      return parseAdmin(rest);
    default:
      return { error: 'unknown_command', command: words[0]! };
  }
}

function parseAdmin(words: string[]): Command | ParseError {
  const sub = words[0] ? fold(words[0]) : '';
  if (sub === 'pending' || sub === 'en-attente' || sub === 'attente') {
    return words.length === 1 ? { verb: 'admin.pending' } : { error: 'admin_usage' };
  }
  if (sub === 'pair' || sub === 'pairs' || sub === 'round' || sub === 'binomes' || sub === 'binome' || sub === 'appairer') {
    return words.length === 1 ? { verb: 'admin.pair' } : { error: 'admin_usage' };
  }
  const decision = ADMIN_DECISIONS[sub];
  if (!decision) return { error: 'admin_usage' };
  const target = words.length === 2 ? parseTarget(words[1]!) : null;
  return target ? { verb: 'admin.decide', decision, target } : { error: 'admin_target', verb: words[0]! };
}

export function parseTarget(word: string): Target | null {
  const mention = /^<@([A-Za-z0-9:_\-.]+)(?:\|[^>]*)?>$/.exec(word);
  if (mention) return { kind: 'user', userId: mention[1]! };
  const email = /^(?:<mailto:)?([^\s@<>|]+@[^\s@<>|]+\.[^\s@<>|]+)(?:\|[^>]*)?>?$/.exec(word);
  if (email) return { kind: 'email', email: email[1]!.toLowerCase() };
  return null;
}

/**
 * The date in `pause until 2026-12-15`, `pause jusqu'au 15/12/2026`, `pause 2026-12-15`.
 * Returns YYYY-MM-DD, or null when absent or not a real calendar date.
 */
export function parsePauseDate(words: string[]): string | null {
  const meaningful = words
    .flatMap((w) => w.split("'"))
    .filter((w) => w !== '' && !PAUSE_FILLERS.has(fold(w)));
  if (meaningful.length !== 1) return null;
  return parseDate(meaningful[0]!);
}

/** YYYY-MM-DD or DD/MM/YYYY (French order) → YYYY-MM-DD when it is a real day. */
export function parseDate(value: string): string | null {
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const french = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(value);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (french) [d, m, y] = [Number(french[1]), Number(french[2]), Number(french[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
