// The sign-up / profile form and its validation, field by field.
import { AVAILABILITY_SLOTS, slotLabel } from '../availability.js';
import { BUSINESS_TOPICS } from '../business-topics.js';
import type { Translator } from '../i18n/index.js';
import { languageName } from '../format.js';
import type { Form, FormField, FormValues } from '../messages.js';
import { MENTOR_CAPACITY } from '../program-defaults.js';
import { cleanText, hasControlCharacters } from '../text.js';
import { COMMON_TIME_ZONES, isTimeZone } from '../time-zones.js';
import { LOCALES, type Enrollment, type Locale, type EnrollmentDetails, type EnrollmentRole, type Person, type Topic } from '../types.js';

export const ENROLLMENT_FORM_ID = 'enrollment';

export const LIMITS = { bio: 500, department: 80, managerEmail: 254 } as const;

export interface EnrollmentFormState {
  role: EnrollmentRole;
  programId: string;
}

export function topicFieldId(slug: string): string {
  return `topic.${slug}`;
}

export function buildEnrollmentForm(input: {
  t: Translator;
  role: EnrollmentRole;
  programId: string;
  person: Person;
  topics: Topic[];
  existing: Enrollment | null;
  /** Values to show instead (a form redrawn with its errors). */
  values?: FormValues;
  /** The program's languages (its settings): the only ones offered. */
  languages?: readonly Locale[];
}): Form {
  const { t, role, person, topics, existing, values } = input;
  const offered = input.languages?.length ? LOCALES.filter((l) => input.languages!.includes(l)) : LOCALES;
  const knownLanguages = (existing?.languages ?? [person.locale]).filter((l) => offered.includes(l));
  const locale = t.locale;
  const levels = role === 'mentor' ? [1, 2, 3, 4, 5] : [1, 2, 3];
  const levelOptions = levels.map((level) => ({
    value: String(level),
    label: t(role === 'mentor' ? (`form.level.${level}` as 'form.level.1') : (`form.priority.${level}` as 'form.priority.1')),
  }));
  const current = (id: string): string[] | undefined => {
    const value = values?.[id];
    return value === undefined ? undefined : Array.isArray(value) ? value : [value];
  };
  const existingLevel = (slug: string) => existing?.topics.find((c) => c.topic === slug)?.level;
  const zones = COMMON_TIME_ZONES.includes(person.timeZone) ? COMMON_TIME_ZONES : [person.timeZone, ...COMMON_TIME_ZONES];

  const fields: FormField[] = [
    { kind: 'heading', id: 'topics', text: t(role === 'mentor' ? 'form.topics.mentor' : 'form.topics.mentee') },
    ...topics.map((topic): FormField => {
      const level = existingLevel(topic.slug);
      return {
        kind: 'select',
        id: topicFieldId(topic.slug),
        label: topic.name[locale],
        options: levelOptions,
        multiple: false,
        required: false,
        initial: values ? current(topicFieldId(topic.slug)) : level ? [String(level)] : undefined,
      };
    }),
    {
      kind: 'select',
      id: 'teachBack',
      label: t(role === 'mentor' ? 'form.teach_back.mentor' : 'form.teach_back.mentee'),
      hint: t('form.teach_back.hint'),
      options: BUSINESS_TOPICS.map((topic) => ({ value: topic.slug, label: topic.name[locale] })),
      multiple: true,
      required: false,
      initial: values ? current('teachBack') : existing?.teachBack,
    },
    {
      kind: 'select',
      id: 'languages',
      label: t('form.languages'),
      options: offered.map((l) => ({ value: l, label: languageName(l, locale, true) })),
      multiple: true,
      required: true,
      initial: values ? current('languages') : knownLanguages.length ? knownLanguages : offered.slice(0, 1),
    },
    {
      kind: 'select',
      id: 'timeZone',
      label: t('form.time_zone'),
      options: zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') })),
      multiple: false,
      required: true,
      initial: values ? current('timeZone') : [person.timeZone],
    },
    {
      kind: 'select',
      id: 'availability',
      label: t('form.availability'),
      options: AVAILABILITY_SLOTS.map((slot) => ({ value: slot, label: slotLabel(slot, locale) })),
      multiple: true,
      required: true,
      initial: values ? current('availability') : existing?.availability,
    },
  ];
  if (role === 'mentor') {
    const capacity = values?.capacity ?? existing?.capacity;
    fields.push({
      kind: 'number',
      id: 'capacity',
      label: t('form.capacity'),
      min: MENTOR_CAPACITY.min,
      max: MENTOR_CAPACITY.max,
      required: true,
      initial: capacity === undefined || Array.isArray(capacity) || Number.isNaN(Number(capacity)) ? 1 : Number(capacity),
    });
  }
  fields.push(
    {
      kind: 'text',
      id: 'department',
      label: t('form.department'),
      hint: t('form.department.hint'),
      multiline: false,
      maxLength: LIMITS.department,
      required: false,
      initial: textValue(values?.department) ?? existing?.department ?? person.department ?? undefined,
    },
    {
      kind: 'text',
      id: 'managerEmail',
      label: t('form.manager_email'),
      hint: t('form.manager_email.hint'),
      multiline: false,
      maxLength: LIMITS.managerEmail,
      required: false,
      initial: textValue(values?.managerEmail) ?? existing?.managerEmail ?? undefined,
    },
    {
      kind: 'text',
      id: 'bio',
      label: t('form.bio'),
      placeholder: t('form.bio.placeholder'),
      multiline: true,
      maxLength: LIMITS.bio,
      required: false,
      initial: textValue(values?.bio) ?? existing?.bio ?? undefined,
    },
    { kind: 'heading', id: 'charterText', text: `*${t('form.charter')}*\n${t('form.charter.text')}` },
    {
      kind: 'checkbox',
      id: 'charter',
      label: t('form.charter.label'),
      optionLabel: t('form.charter.accept'),
      required: true,
      initial: values ? values.charter === 'true' : existing?.charterAcceptedAt != null,
    },
  );

  const state: EnrollmentFormState = { role, programId: input.programId };
  return {
    id: ENROLLMENT_FORM_ID,
    title: t(existing ? 'form.profile.title' : role === 'mentor' ? 'form.join.mentor.title' : 'form.join.mentee.title'),
    submitLabel: t(existing ? 'form.submit' : 'form.join.submit'),
    cancelLabel: t('form.cancel'),
    requiredError: t('validation.required'),
    state: JSON.stringify(state),
    intro: existing ? undefined : t(role === 'mentor' ? 'form.intro.mentor' : 'form.intro.mentee'),
    fields,
  };
}

export interface ValidEnrollment {
  details: EnrollmentDetails;
  timeZone: string;
}

/** Checks every field; returns the details, or one localized error per faulty field. */
export function validateEnrollmentForm(
  t: Translator,
  role: EnrollmentRole,
  topics: Topic[],
  values: FormValues,
): { ok: true; value: ValidEnrollment } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};

  const levels = role === 'mentor' ? ['1', '2', '3', '4', '5'] : ['1', '2', '3'];
  const choices = [];
  for (const topic of topics) {
    const raw = textValue(values[topicFieldId(topic.slug)]);
    if (raw === undefined || raw === '') continue;
    if (!levels.includes(raw)) errors[topicFieldId(topic.slug)] = t('validation.choice');
    else choices.push({ topic: topic.slug, level: Number(raw) });
  }
  if (choices.length === 0 && topics[0] && Object.keys(errors).length === 0) {
    errors[topicFieldId(topics[0].slug)] = t(role === 'mentor' ? 'validation.topics_required.mentor' : 'validation.topics_required.mentee');
  }

  const teachBack = listValue(values.teachBack);
  if (teachBack.some((slug) => !BUSINESS_TOPICS.some((topic) => topic.slug === slug))) errors.teachBack = t('validation.choice');

  const languages = listValue(values.languages);
  if (languages.length === 0) errors.languages = t('validation.languages');
  else if (languages.some((l) => !(LOCALES as readonly string[]).includes(l))) errors.languages = t('validation.choice');

  const timeZone = textValue(values.timeZone) ?? '';
  if (!timeZone) errors.timeZone = t('validation.required');
  else if (!isTimeZone(timeZone)) errors.timeZone = t('validation.time_zone');

  const availability = listValue(values.availability);
  if (availability.length === 0) errors.availability = t('validation.availability');
  else if (availability.some((slot) => !AVAILABILITY_SLOTS.includes(slot))) errors.availability = t('validation.choice');

  let capacity = 1;
  if (role === 'mentor') {
    const raw = textValue(values.capacity) ?? '';
    capacity = Number(raw);
    if (!/^\d+$/.test(raw) || capacity < MENTOR_CAPACITY.min || capacity > MENTOR_CAPACITY.max) {
      errors.capacity = t('validation.capacity', { min: MENTOR_CAPACITY.min, max: MENTOR_CAPACITY.max });
    }
  }

  const department = freeText(t, values.department, LIMITS.department, 'department', errors);
  const managerEmail = freeText(t, values.managerEmail, LIMITS.managerEmail, 'managerEmail', errors)?.toLowerCase() ?? null;
  if (managerEmail && !errors.managerEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(managerEmail)) {
    errors.managerEmail = t('validation.email');
  }
  const bio = freeText(t, values.bio, LIMITS.bio, 'bio', errors) ?? '';

  if (values.charter !== 'true') errors.charter = t('validation.charter');

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      details: {
        topics: choices,
        teachBack: [...new Set(teachBack)],
        languages: [...new Set(languages)] as EnrollmentDetails['languages'],
        capacity,
        availability: AVAILABILITY_SLOTS.filter((slot) => availability.includes(slot)),
        bio,
        department,
        managerEmail,
      },
      timeZone,
    },
  };
}

function freeText(
  t: Translator,
  value: FormValues[string],
  max: number,
  field: string,
  errors: Record<string, string>,
): string | null {
  const raw = textValue(value);
  if (raw === undefined) return null;
  if (hasControlCharacters(raw.replace(/[\n\t\r]/g, ' '))) {
    errors[field] = t('validation.control_characters');
    return null;
  }
  const cleaned = cleanText(raw);
  if (cleaned.length > max) {
    errors[field] = t('validation.too_long', { max, length: cleaned.length });
    return null;
  }
  return cleaned === '' ? null : cleaned;
}

function textValue(value: FormValues[string]): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0] : value;
}

function listValue(value: FormValues[string]): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
}
