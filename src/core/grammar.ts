// The command grammar shared by Slack (`/tandem <text>`) and Teams (a message to the bot), English and French.
import type { EnrollmentRole, ProgramRole } from './types.js';
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
  | { verb: 'plan' }
  | { verb: 'schedule'; words: string[] }
  | { verb: 'sessions' }
  | { verb: 'feedback' }
  | { verb: 'admin.pending' }
  | { verb: 'admin.pair' }
  | { verb: 'admin.at_risk' }
  | { verb: 'admin.failed' }
  | { verb: 'admin.export' }
  | { verb: 'admin.end'; target: Target | null }
  | { verb: 'admin.rematch'; target: Target | null; now: boolean }
  | { verb: 'admin.decide'; decision: 'approve' | 'decline'; target: Target }
  | { verb: 'admin.program'; step: ProgramStep }
  | { verb: 'admin.program.create'; name: string }
  | { verb: 'admin.settings' }
  | { verb: 'admin.roles' }
  | { verb: 'admin.role'; change: 'add' | 'remove'; role: ProgramRole; target: Target }
  | { verb: 'summary' }
  | { verb: 'summary.weekly'; schedule: WeeklySchedule | 'off' | 'show' }
  | { verb: 'my-data' }
  | { verb: 'forget-me' }
  | { verb: 'admin.forget'; target: Target };

/** When the weekly summary goes out: `day` 1 = Monday … 7 = Sunday, `hour` 0–23 in the program's time zone. */
export interface WeeklySchedule {
  day: number;
  hour: number;
}

export type ParseError =
  | { error: 'empty' }
  | { error: 'too_long'; length: number }
  | { error: 'control_characters' }
  | { error: 'unknown_command'; command: string }
  | { error: 'join_role' }
  | { error: 'pause_date' }
  | { error: 'admin_usage' }
  | { error: 'admin_target'; verb: string }
  | { error: 'oversight_usage'; topic: 'program' | 'program_name' | 'role' }
  | { error: 'summary_usage' }
  | { error: 'forget_target' };

export const MAX_COMMAND_LENGTH = 500;

const VERBS: Record<string, Command['verb'] | 'join' | 'pause' | 'admin' | 'summary'> = {
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
  plan: 'plan',
  schedule: 'schedule',
  planifier: 'schedule',
  programmer: 'schedule',
  sessions: 'sessions',
  session: 'sessions',
  seances: 'sessions',
  seance: 'sessions',
  feedback: 'feedback',
  retour: 'feedback',
  avis: 'feedback',
  admin: 'admin',
  summary: 'summary',
  synthese: 'summary',
  bilan: 'summary',
  'my-data': 'my-data',
  mydata: 'my-data',
  'mes-donnees': 'my-data',
  mesdonnees: 'my-data',
  'forget-me': 'forget-me',
  forgetme: 'forget-me',
  'oublie-moi': 'forget-me',
  'oubliez-moi': 'forget-me',
  'oublier-moi': 'forget-me',
  "m'oublier": 'forget-me',
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
  // `resume` comes back from a pause; `résumé` (any accented spelling) is the French for a summary.
  const verb = first === 'resume' && words[0]!.toLowerCase() !== first ? 'summary' : VERBS[first];
  const rest = words.slice(1);

  switch (verb) {
    case 'help':
      return { verb: 'help' };
    case 'profile':
    case 'me':
    case 'leave':
    case 'plan':
    case 'sessions':
    case 'feedback':
    case 'resume':
      return rest.length === 0 ? ({ verb } as Command) : { error: 'unknown_command', command: text };
    case 'schedule':
      return { verb: 'schedule', words: rest };
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
    case 'summary':
      return parseSummary(rest);
    case 'my-data':
    case 'forget-me':
      return rest.length === 0 ? ({ verb } as Command) : { error: 'unknown_command', command: text };
    default: {
      // Two-word spellings of the data-rights verbs: `my data`, `mes données`, `forget me`, `oubliez moi`.
      const phrase = rest.length === 1 ? VERBS[`${first}-${fold(rest[0]!)}`] : undefined;
      if (phrase === 'my-data' || phrase === 'forget-me') return { verb: phrase } as Command;
      return { error: 'unknown_command', command: words[0]! };
    }
  }
}

function parseAdmin(words: string[]): Command | ParseError {
  const sub = words[0] ? fold(words[0]) : '';
  const oversight = parseOversightAdmin(sub, words);
  if (oversight) return oversight;
  const pairOversight = parsePairOversight(sub, words);
  if (pairOversight) return pairOversight;
  if (sub === 'pending' || sub === 'en-attente' || sub === 'attente') {
    return words.length === 1 ? { verb: 'admin.pending' } : { error: 'admin_usage' };
  }
  if (sub === 'pair' || sub === 'pairs' || sub === 'round' || sub === 'binomes' || sub === 'binome' || sub === 'appairer') {
    return words.length === 1 ? { verb: 'admin.pair' } : { error: 'admin_usage' };
  }
  if (sub === 'forget' || sub === 'oublier' || sub === 'erase' || sub === 'effacer') {
    const target = words.length === 2 ? parseTarget(words[1]!) : null;
    return target ? { verb: 'admin.forget', target } : { error: 'forget_target' };
  }
  const decision = ADMIN_DECISIONS[sub];
  if (!decision) return { error: 'admin_usage' };
  const target = words.length === 2 ? parseTarget(words[1]!) : null;
  return target ? { verb: 'admin.decide', decision, target } : { error: 'admin_target', verb: words[0]! };
}

/** Pair oversight and exports: `admin at-risk`, `admin failed`, `admin end @p`, `admin rematch @p [now]`, `admin export`. */
function parsePairOversight(sub: string, words: string[]): Command | null {
  const rest = words.slice(1).map(fold);
  if (sub === 'at-risk' || sub === 'atrisk' || sub === 'risk' || sub === 'a-risque' || sub === 'risque' || sub === 'risques') {
    return rest.length === 0 ? { verb: 'admin.at_risk' } : null;
  }
  if ((sub === 'at' || sub === 'a') && rest.length === 1 && (rest[0] === 'risk' || rest[0] === 'risque')) return { verb: 'admin.at_risk' };
  if (sub === 'failed' || sub === 'failures' || sub === 'echecs' || sub === 'echec') return rest.length === 0 ? { verb: 'admin.failed' } : null;
  if (sub === 'export' || sub === 'exporter' || sub === 'exports') return rest.length === 0 ? { verb: 'admin.export' } : null;
  if (sub === 'end' || sub === 'terminer' || sub === 'arreter') {
    return { verb: 'admin.end', target: words.length === 2 ? parseTarget(words[1]!) : null };
  }
  if (sub === 'rematch' || sub === 'reapparier' || sub === 'reappairer' || sub === 'reassign' || sub === 'reaffecter') {
    const now = words.length === 3 && ['now', 'maintenant', 'immediatement', 'tout-de-suite'].includes(rest[1]!);
    return { verb: 'admin.rematch', target: words.length === 2 || now ? parseTarget(words[1]!) : null, now };
  }
  return null;
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

// Summary (`summary`, `summary weekly monday 9`, `synthèse hebdo lundi 9h`, `summary weekly off`) ----------

const WEEKLY_WORDS = new Set(['weekly', 'week', 'digest', 'hebdo', 'hebdomadaire', 'semaine']);
const OFF_WORDS = new Set(['off', 'stop', 'none', 'arret', 'desactiver', 'desactive', 'non']);
const SCHEDULE_FILLERS = new Set(['on', 'at', 'every', 'le', 'a', 'chaque', 'tous', 'les']);
const DAYS: Record<string, number> = {
  monday: 1, mon: 1, lundi: 1, lun: 1,
  tuesday: 2, tue: 2, tues: 2, mardi: 2, mar: 2,
  wednesday: 3, wed: 3, mercredi: 3, mer: 3,
  thursday: 4, thu: 4, thurs: 4, jeudi: 4, jeu: 4,
  friday: 5, fri: 5, vendredi: 5, ven: 5,
  saturday: 6, sat: 6, samedi: 6, sam: 6,
  sunday: 7, sun: 7, dimanche: 7, dim: 7,
};

function parseSummary(words: string[]): Command | ParseError {
  if (words.length === 0) return { verb: 'summary' };
  if (!WEEKLY_WORDS.has(fold(words[0]!))) return { error: 'summary_usage' };
  const rest = words.slice(1).filter((word) => !SCHEDULE_FILLERS.has(fold(word)));
  if (rest.length === 0) return { verb: 'summary.weekly', schedule: 'show' };
  if (rest.length === 1 && OFF_WORDS.has(fold(rest[0]!))) return { verb: 'summary.weekly', schedule: 'off' };
  const schedule = rest.length === 2 ? parseWeeklySchedule(rest[0]!, rest[1]!) : null;
  return schedule ? { verb: 'summary.weekly', schedule } : { error: 'summary_usage' };
}

/** `monday 9`, `lundi 9h`, `mon 14:00`, `friday 5pm`: whole hours only. */
function parseWeeklySchedule(dayWord: string, hourWord: string): WeeklySchedule | null {
  const day = DAYS[fold(dayWord).replace(/\.$/, '')];
  const match = /^(\d{1,2})(?:h|h00|:00|\s*(am|pm))?$/.exec(fold(hourWord));
  if (day === undefined || !match) return null;
  let hour = Number(match[1]);
  const half = match[2];
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  return hour <= 23 ? { day, hour } : null;
}

// Programs, settings and roles (`admin program open`, `admin réglages`, `admin role ajouter manager @x`) --------

/** `admin program <step>`: show the current program, or move it along draft → open ⇄ closed → archived. */
export type ProgramStep = 'show' | 'open' | 'close' | 'archive';

const PROGRAM_WORDS = new Set(['program', 'programme', 'programs', 'programmes']);
const PROGRAM_STEPS: Record<string, ProgramStep> = {
  open: 'open',
  reopen: 'open',
  ouvrir: 'open',
  rouvrir: 'open',
  close: 'close',
  fermer: 'close',
  cloturer: 'close',
  archive: 'archive',
  archiver: 'archive',
  show: 'show',
  status: 'show',
  voir: 'show',
  statut: 'show',
};
const CREATE_WORDS = new Set(['create', 'new', 'creer', 'nouveau']);
const SETTINGS_WORDS = new Set(['settings', 'setting', 'reglages', 'reglage', 'parametres', 'parametre', 'config']);
const ROLES_WORDS = new Set(['roles']);
const ROLE_WORDS = new Set(['role']);
const ROLE_CHANGES: Record<string, 'add' | 'remove'> = {
  add: 'add',
  grant: 'add',
  ajouter: 'add',
  donner: 'add',
  remove: 'remove',
  revoke: 'remove',
  retirer: 'remove',
  enlever: 'remove',
  supprimer: 'remove',
};
const PROGRAM_ROLES: Record<string, ProgramRole> = {
  admin: 'admin',
  admins: 'admin',
  administrateur: 'admin',
  administratrice: 'admin',
  manager: 'manager',
  managers: 'manager',
};
/** Longest program name `admin program create` accepts. */
export const MAX_PROGRAM_NAME = 80;

function parseOversightAdmin(sub: string, words: string[]): Command | ParseError | null {
  if (PROGRAM_WORDS.has(sub)) {
    const second = words[1] ? fold(words[1]) : 'show';
    if (CREATE_WORDS.has(second)) {
      const name = words.slice(2).join(' ').trim();
      return name && name.length <= MAX_PROGRAM_NAME ? { verb: 'admin.program.create', name } : { error: 'oversight_usage', topic: 'program_name' };
    }
    const step = PROGRAM_STEPS[second];
    return step && words.length <= 2 ? { verb: 'admin.program', step } : { error: 'oversight_usage', topic: 'program' };
  }
  if (SETTINGS_WORDS.has(sub)) return words.length === 1 ? { verb: 'admin.settings' } : { error: 'admin_usage' };
  if (ROLES_WORDS.has(sub) && words.length === 1) return { verb: 'admin.roles' };
  if (ROLE_WORDS.has(sub) || ROLES_WORDS.has(sub)) {
    const change = ROLE_CHANGES[fold(words[1] ?? '')];
    const role = PROGRAM_ROLES[fold(words[2] ?? '')];
    const target = words.length === 4 ? parseTarget(words[3]!) : null;
    if (words.length === 1) return { verb: 'admin.roles' };
    return change && role && target ? { verb: 'admin.role', change, role, target } : { error: 'oversight_usage', topic: 'role' };
  }
  return null;
}

/**
 * Every verb `parseCommand` can produce. The authorization matrix (test/oversight/authorization.test.ts)
 * needs a row for each; a verb added to `Command` but not listed here fails the typecheck below.
 */
export const COMMAND_VERBS = [
  'help',
  'join',
  'profile',
  'me',
  'leave',
  'pause',
  'resume',
  'plan',
  'schedule',
  'sessions',
  'feedback',
  'admin.pending',
  'admin.pair',
  'admin.decide',
  'summary',
  'summary.weekly',
  'admin.program',
  'admin.program.create',
  'admin.settings',
  'admin.roles',
  'admin.role',
  'my-data',
  'forget-me',
  'admin.forget',
  'admin.at_risk',
  'admin.failed',
  'admin.export',
  'admin.end',
  'admin.rematch',
] as const satisfies readonly Command['verb'][];
/** Compiles only while COMMAND_VERBS lists every verb of `Command`. */
export type UnlistedCommandVerbs = AssertNever<Exclude<Command['verb'], (typeof COMMAND_VERBS)[number]>>;
type AssertNever<T extends never> = T;
