// `admin settings`: the current program's settings, and the form that edits them field by field.
import type { RequestContext } from '../context.js';
import { formatList, languageName } from '../format.js';
import { fold } from '../grammar.js';
import { trusted, type Translator } from '../i18n/index.js';
import { message, textReply, type Block, type Form, type FormField, type FormValues, type Message, type Outcome } from '../messages.js';
import { LOCALES, type Locale, type Program, type ProgramSettings, type SessionPlan, type Topic } from '../types.js';
import { showExpired } from './show-expired.js';

export const SETTINGS_FORM_ID = 'program.settings';
export const SETTINGS_ACTIONS = { show: 'settings.show', edit: 'settings.edit' } as const;

const LIMITS = {
  durationMinutes: { min: 15, max: 240 },
  sessionCount: { min: 1, max: 24 },
  nudgeDays: { min: 1, max: 90 },
  reminders: { count: 5, minMinutes: 5, maxMinutes: 14 * 24 * 60 },
} as const;
const CADENCES: SessionPlan['cadence'][] = ['weekly', 'biweekly', 'monthly'];
/** What the settings form edits: the rest (time zone, weekly digest) is set elsewhere. */
type EditableSettings = Pick<ProgramSettings, 'approvalRequired' | 'defaultPlan' | 'reminderOffsetsMinutes' | 'nudgeDays' | 'languages'>;
const EDITABLE: (keyof EditableSettings)[] = ['approvalRequired', 'defaultPlan', 'reminderOffsetsMinutes', 'nudgeDays', 'languages'];

export async function showSettings(ctx: RequestContext, programId?: string): Promise<Outcome> {
  const { t } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const program = ctx.program;
  if (!program) return textReply(t('oversight.program.none'));
  if (programId !== undefined && programId !== program.id) return showExpired(ctx);
  return { kind: 'message', message: settingsCard(t, program, await ctx.store.listTopics()) };
}

function settingsCard(t: Translator, program: Program, topics: Topic[], lead?: string[]): Message {
  const s = program.settings;
  const title = t('oversight.settings.title', { program: program.name });
  const digest = s.digest;
  const blocks: Block[] = [
    ...(lead ?? []).map((text) => ({ type: 'text' as const, text })),
    { type: 'header', text: title },
    {
      type: 'fields',
      fields: [
        { label: t('oversight.settings.approval'), value: t(s.approvalRequired ? 'oversight.settings.approval.required' : 'oversight.settings.approval.not_required') },
        {
          label: t('oversight.settings.plan'),
          value: t('oversight.settings.plan_value', {
            sessions: s.defaultPlan.sessionCount,
            minutes: s.defaultPlan.durationMinutes,
            cadence: trusted(t(`oversight.settings.cadence.${s.defaultPlan.cadence}`)),
          }),
        },
        {
          label: t('oversight.settings.modules'),
          value: s.defaultPlan.modules.length ? s.defaultPlan.modules.map((slug) => topicLabel(t, topics, slug)).join(' → ') : t('oversight.settings.modules_none'),
        },
        {
          label: t('oversight.settings.reminders'),
          value: s.reminderOffsetsMinutes.length
            ? t('oversight.settings.reminders_value', { offsets: formatList(s.reminderOffsetsMinutes.map((m) => spokenOffset(m, t.locale)), t.locale) })
            : t('oversight.settings.reminders_none'),
        },
        { label: t('oversight.settings.nudges'), value: t('oversight.settings.nudges_value', { ...s.nudgeDays }) },
        { label: t('oversight.settings.languages'), value: s.languages.map((l) => languageName(l, t.locale, true)).join(', ') },
        {
          label: t('oversight.settings.digest'),
          value: digest
            ? t('oversight.settings.digest_value', { day: trusted(weekdayName(digest.day, t.locale)), hour: trusted(String(digest.hour).padStart(2, '0')), timeZone: s.timeZone })
            : t('oversight.settings.digest_off'),
        },
        { label: t('oversight.settings.time_zone'), value: s.timeZone },
      ],
    },
  ];
  if (program.status !== 'archived') {
    blocks.push({ type: 'actions', buttons: [{ action: SETTINGS_ACTIONS.edit, label: t('oversight.settings.edit'), value: program.id, style: 'primary' }] });
  } else {
    blocks.push({ type: 'context', text: t('oversight.settings.archived', { program: program.name }) });
  }
  return message(blocks, title);
}

/** The Edit button: the form, prefilled with the current settings (or with what was submitted, to fix errors). */
export async function settingsForm(ctx: RequestContext, programId?: string, values?: FormValues): Promise<Outcome> {
  const { t } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const program = ctx.program;
  if (!program || (programId !== undefined && programId !== program.id)) return showExpired(ctx);
  return { kind: 'form', form: buildForm(t, program, await ctx.store.listTopics(), values) };
}

function buildForm(t: Translator, program: Program, topics: Topic[], values?: FormValues): Form {
  const s = program.settings;
  const given = (id: string) => {
    const value = values?.[id];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const number = (id: string, current: number) => {
    const raw = given(id);
    const parsed = raw === undefined ? current : Number(raw);
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  const languages = values ? listOf(values.languages) : s.languages;
  const topicChoices = topics.map((topic) => topic.name[t.locale]).join(', ');
  const nudge = LIMITS.nudgeDays;
  return {
    id: SETTINGS_FORM_ID,
    title: t('oversight.settings.form_title'),
    submitLabel: t('form.submit'),
    cancelLabel: t('form.cancel'),
    requiredError: t('validation.required'),
    state: JSON.stringify({ programId: program.id }),
    intro: t('oversight.settings.form_intro', { program: program.name }),
    fields: [
      {
        kind: 'select',
        id: 'approval',
        label: t('oversight.settings.approval'),
        options: [
          { value: 'required', label: t('oversight.settings.approval.required') },
          { value: 'not_required', label: t('oversight.settings.approval.not_required') },
        ],
        multiple: false,
        required: true,
        initial: [given('approval') ?? (s.approvalRequired ? 'required' : 'not_required')],
      },
      {
        kind: 'select',
        id: 'cadence',
        label: t('oversight.settings.cadence'),
        options: CADENCES.map((c) => ({ value: c, label: t(`oversight.settings.cadence.${c}`) })),
        multiple: false,
        required: true,
        initial: [given('cadence') ?? s.defaultPlan.cadence],
      },
      numberField('duration', t('oversight.settings.duration'), LIMITS.durationMinutes, number('duration', s.defaultPlan.durationMinutes)),
      numberField('sessions', t('oversight.settings.session_count'), LIMITS.sessionCount, number('sessions', s.defaultPlan.sessionCount)),
      {
        kind: 'text',
        id: 'modules',
        label: t('oversight.settings.modules'),
        hint: t('oversight.settings.modules_hint', { topics: trusted(topicChoices) }),
        multiline: false,
        maxLength: 500,
        required: false,
        initial: given('modules') ?? s.defaultPlan.modules.map((slug) => topics.find((x) => x.slug === slug)?.name[t.locale] ?? slug).join(', '),
      },
      {
        kind: 'text',
        id: 'reminders',
        label: t('oversight.settings.reminders'),
        hint: t('oversight.settings.reminders_hint'),
        placeholder: '24h, 1h',
        multiline: false,
        maxLength: 60,
        required: false,
        initial: given('reminders') ?? s.reminderOffsetsMinutes.map((m) => typedOffset(m, t.locale)).join(', '),
      },
      numberField('nudgeMentee', t('oversight.settings.nudge_mentee'), nudge, number('nudgeMentee', s.nudgeDays.mentee)),
      numberField('nudgeBoth', t('oversight.settings.nudge_both'), nudge, number('nudgeBoth', s.nudgeDays.both)),
      numberField('nudgeAdmins', t('oversight.settings.nudge_admins'), nudge, number('nudgeAdmins', s.nudgeDays.admins)),
      {
        kind: 'select',
        id: 'languages',
        label: t('oversight.settings.languages'),
        options: LOCALES.map((l) => ({ value: l, label: languageName(l, t.locale, true) })),
        multiple: true,
        required: true,
        initial: languages.filter((l) => (LOCALES as readonly string[]).includes(l)),
      },
    ],
  };
}

function numberField(id: string, label: string, limits: { min: number; max: number }, initial: number | undefined): FormField {
  return { kind: 'number', id, label, min: limits.min, max: limits.max, required: true, ...(initial === undefined ? {} : { initial }) };
}

export async function submitSettings(ctx: RequestContext, rawState: string, values: FormValues): Promise<Outcome> {
  const { t, store, person } = ctx;
  if (!ctx.isAdmin) return { kind: 'form_done', message: message([{ type: 'text', text: t('error.forbidden') }]) };
  const programId = parseState(rawState);
  const current = ctx.program;
  if (!programId || !current || current.id !== programId) return showExpired(ctx);
  const topics = await store.listTopics();
  const checked = validateSettings(t, topics, values);
  if (!checked.ok) return { kind: 'form_errors', errors: checked.errors, form: buildForm(t, current, topics, values) };

  const outcome = await store.transaction(async (tx) => {
    await tx.lockProgram(programId);
    const program = await tx.getProgram(programId);
    if (!program || program.status === 'archived') return null;
    const before = program.settings;
    const changed = EDITABLE.filter((key) => comparableSetting(key, before[key]) !== comparableSetting(key, checked.value[key]));
    if (changed.length === 0) return { program, changed };
    const patch = Object.fromEntries(changed.map((key) => [key, checked.value[key]])) as Partial<ProgramSettings>;
    const updated = await tx.updateProgramSettings(program.id, patch);
    await tx.audit({
      actorId: person.id,
      programId: program.id,
      action: 'program.settings_changed',
      targetType: 'program',
      targetId: program.id,
      details: {
        changed,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: patch,
      },
    });
    return { program: updated, changed };
  });
  if (!outcome) return { kind: 'form_done', message: message([{ type: 'text', text: t('oversight.settings.archived', { program: current.name }) }]) };
  const lead = outcome.changed.length
    ? [t('oversight.settings.saved', { changes: trusted(formatList(outcome.changed.map((key) => changeLabel(t, key)), t.locale)) })]
    : [t('oversight.settings.unchanged')];
  if (outcome.changed.includes('approvalRequired') && !outcome.program.settings.approvalRequired) {
    const waiting = (await store.listEnrollments(programId, { role: 'mentor', status: 'pending' })).length;
    if (waiting > 0) lead.push(t('oversight.settings.pending_left', { count: waiting }));
  }
  return { kind: 'form_done', message: settingsCard(t, outcome.program, topics, lead) };
}

/** Languages are a set: ['fr', 'en'] and ['en', 'fr'] are the same setting. */
function comparableSetting(key: keyof EditableSettings, value: unknown): string {
  return JSON.stringify(key === 'languages' ? [...(value as string[])].sort() : value);
}

function changeLabel(t: Translator, key: keyof EditableSettings): string {
  switch (key) {
    case 'approvalRequired':
      return t('oversight.settings.approval');
    case 'defaultPlan':
      return t('oversight.settings.plan');
    case 'reminderOffsetsMinutes':
      return t('oversight.settings.reminders');
    case 'nudgeDays':
      return t('oversight.settings.nudges');
    case 'languages':
      return t('oversight.settings.languages');
  }
}

type Checked = { ok: true; value: EditableSettings } | { ok: false; errors: Record<string, string> };

/** Field-level checks, each error in the admin's language next to the field it concerns. */
export function validateSettings(t: Translator, topics: Topic[], values: FormValues): Checked {
  const errors: Record<string, string> = {};
  const one = (id: string) => (Array.isArray(values[id]) ? values[id][0] : values[id])?.trim() ?? '';
  const whole = (id: string, limits: { min: number; max: number }): number => {
    const raw = one(id);
    const value = Number(raw);
    if (raw === '') errors[id] = t('validation.required');
    else if (!/^\d+$/.test(raw) || value < limits.min || value > limits.max) errors[id] = t('oversight.settings.error.number', limits);
    return value;
  };

  const approval = one('approval');
  if (approval !== 'required' && approval !== 'not_required') errors.approval = approval === '' ? t('validation.required') : t('validation.choice');
  const cadence = one('cadence') as SessionPlan['cadence'];
  if (!CADENCES.includes(cadence)) errors.cadence = one('cadence') === '' ? t('validation.required') : t('validation.choice');
  const durationMinutes = whole('duration', LIMITS.durationMinutes);
  const sessionCount = whole('sessions', LIMITS.sessionCount);
  const modules = parseModules(t, topics, one('modules'), errors);
  const reminders = parseReminders(t, one('reminders'), errors);
  const mentee = whole('nudgeMentee', LIMITS.nudgeDays);
  const both = whole('nudgeBoth', LIMITS.nudgeDays);
  const admins = whole('nudgeAdmins', LIMITS.nudgeDays);
  if (!errors.nudgeMentee && !errors.nudgeBoth && both <= mentee) errors.nudgeBoth = t('oversight.settings.error.nudge_both', { days: mentee });
  if (!errors.nudgeBoth && !errors.nudgeAdmins && admins <= both) errors.nudgeAdmins = t('oversight.settings.error.nudge_admins', { days: both });
  const languages = listOf(values.languages);
  if (languages.length === 0) errors.languages = t('oversight.settings.error.languages');
  else if (languages.some((l) => !(LOCALES as readonly string[]).includes(l))) errors.languages = t('validation.choice');

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      approvalRequired: approval === 'required',
      defaultPlan: { modules, cadence, durationMinutes, sessionCount },
      reminderOffsetsMinutes: reminders,
      nudgeDays: { mentee, both, admins },
      languages: LOCALES.filter((l) => languages.includes(l)) as Locale[],
    },
  };
}

/**
 * "Cybersécurité, genai-assistants" → topic slugs in that order. A topic is named by its slug, its
 * name in either language (names may hold commas: "Collaboration tools (Teams, Slack…)"), or a part
 * of its name that only it contains ("cybersécurité").
 */
function parseModules(t: Translator, topics: Topic[], raw: string, errors: Record<string, string>): string[] {
  const pieces = raw.split(/[,;\n]/).map((s) => s.trim());
  const unknown: string[] = [];
  const slugs: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    if (pieces[i] === '') continue;
    let found: { topic: Topic; end: number } | null = null;
    for (let end = pieces.length - 1; end >= i && !found; end--) {
      const topic = findTopic(topics, pieces.slice(i, end + 1).join(', '), end === i);
      if (topic) found = { topic, end };
    }
    if (!found) {
      unknown.push(pieces[i]!);
      continue;
    }
    const typed = pieces.slice(i, found.end + 1).join(', ');
    i = found.end;
    if (slugs.includes(found.topic.slug)) errors.modules ??= t('oversight.settings.error.modules_repeated', { name: typed.slice(0, 60) });
    else slugs.push(found.topic.slug);
  }
  if (unknown.length) errors.modules = t('oversight.settings.error.modules_unknown', { names: unknown.map((u) => `“${u.slice(0, 40)}”`).join(', ') });
  return slugs;
}

function findTopic(topics: Topic[], typed: string, allowPartial: boolean): Topic | null {
  const key = comparable(typed);
  if (key === '') return null;
  const exact = topics.find((x) => comparable(x.slug) === key || comparable(x.name.en) === key || comparable(x.name.fr) === key);
  if (exact || !allowPartial || key.length < 4) return exact ?? null;
  const partial = topics.filter((x) => comparable(x.name.en).includes(key) || comparable(x.name.fr).includes(key));
  return partial.length === 1 ? partial[0]! : null;
}

function comparable(text: string): string {
  return fold(text).replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

const UNIT_MINUTES: [RegExp, number][] = [
  [/^(d|j|days?|jours?)$/, 24 * 60],
  [/^(h|hrs?|hours?|heures?)$/, 60],
  [/^(m|mn|mins?|minutes?)$/, 1],
];

/** "24h, 1h", "2 jours et 30 min", "1h30" → minutes, largest first. Empty: no reminder. */
export function parseReminders(t: Translator, raw: string, errors: Record<string, string>): number[] {
  const items = raw.split(/,|;|\bet\b|\band\b/i).map((s) => s.trim()).filter(Boolean);
  const minutes: number[] = [];
  for (const item of items) {
    const value = offsetMinutes(fold(item).replace(/\s+/g, ''));
    if (value === null) {
      errors.reminders = t('oversight.settings.error.reminders_format', { value: item.slice(0, 30) });
      return [];
    }
    if (value < LIMITS.reminders.minMinutes || value > LIMITS.reminders.maxMinutes) {
      errors.reminders = t('oversight.settings.error.reminders_range');
      return [];
    }
    minutes.push(value);
  }
  const distinct = [...new Set(minutes)].sort((a, b) => b - a);
  if (distinct.length > LIMITS.reminders.count) errors.reminders = t('oversight.settings.error.reminders_count', { max: LIMITS.reminders.count });
  return distinct;
}

function offsetMinutes(item: string): number | null {
  const hourMinutes = /^(\d{1,3})h(\d{1,2})$/.exec(item);
  if (hourMinutes) return Number(hourMinutes[1]) * 60 + Number(hourMinutes[2]);
  const match = /^(\d{1,5})([a-z]+)$/.exec(item);
  if (!match) return null;
  const unit = UNIT_MINUTES.find(([pattern]) => pattern.test(match[2]!));
  return unit ? Number(match[1]) * unit[1] : null;
}

/** How an offset reads in a sentence: "24 h", "30 min", "2 days" / "2 jours", "1 h 30". */
function spokenOffset(minutes: number, locale: Locale): string {
  if (minutes % (24 * 60) === 0) {
    const days = minutes / (24 * 60);
    return locale === 'fr' ? `${days} jour${days > 1 ? 's' : ''}` : `${days} day${days > 1 ? 's' : ''}`;
  }
  if (minutes >= 60) return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
  return `${minutes} min`;
}

/** How an offset is typed back in the form: "24h", "2d" / "2j", "1h30", "30min". */
function typedOffset(minutes: number, locale: Locale): string {
  if (minutes % (24 * 60) === 0 && minutes >= 48 * 60) return `${minutes / (24 * 60)}${locale === 'fr' ? 'j' : 'd'}`;
  if (minutes >= 60) return minutes % 60 === 0 ? `${minutes / 60}h` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`;
  return `${minutes}min`;
}

function weekdayName(day: number, locale: Locale): string {
  // 2024-01-01 was a Monday: day 1 … 7.
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day)));
}

function topicLabel(t: Translator, topics: Topic[], slug: string): string {
  return topics.find((x) => x.slug === slug)?.name[t.locale] ?? slug;
}

function listOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter(Boolean);
}

function parseState(raw: string): string | null {
  try {
    const value = JSON.parse(raw) as { programId?: unknown };
    return typeof value.programId === 'string' ? value.programId : null;
  } catch {
    return null;
  }
}
