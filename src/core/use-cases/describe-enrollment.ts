// An enrollment written out for people: topics with levels, languages, availability, bio.
import { slotLabel } from '../availability.js';
import { businessTopicName } from '../business-topics.js';
import { formatDay, formatList, languageName } from '../format.js';
import type { Translator } from '../i18n/index.js';
import { untrusted } from '../text.js';
import type { Enrollment, Topic } from '../types.js';

export function statusLabel(t: Translator, enrollment: Pick<Enrollment, 'status' | 'pausedUntil'>): string {
  if (enrollment.status === 'paused' && enrollment.pausedUntil) {
    return t('status.paused', { date: { trusted: formatDay(enrollment.pausedUntil, t.locale) } });
  }
  return t(`status.${enrollment.status}` as 'status.pending');
}

export function enrollmentFields(t: Translator, enrollment: Enrollment, topics: Topic[]): { label: string; value: string }[] {
  const locale = t.locale;
  const scale = (level: number) =>
    enrollment.role === 'mentor' ? `${level}/5` : t(`form.priority.${level}` as 'form.priority.1').toLowerCase();
  const topicNames = enrollment.topics.map((choice) => {
    const topic = topics.find((tp) => tp.slug === choice.topic);
    return `${topic ? topic.name[locale] : choice.topic} (${scale(choice.level)})`;
  });
  const fields = [
    { label: t('field.topics'), value: topicNames.join('\n') },
    { label: t('field.languages'), value: formatList(enrollment.languages.map((l) => languageName(l, locale)), locale) },
    { label: t('field.availability'), value: enrollment.availability.map((slot) => slotLabel(slot, locale)).join(', ') },
  ];
  if (enrollment.teachBack.length > 0) {
    fields.push({
      label: t('field.teach_back'),
      value: formatList(enrollment.teachBack.map((slug) => businessTopicName(slug, locale)), locale),
    });
  }
  if (enrollment.role === 'mentor') {
    fields.push({
      label: t('field.capacity'),
      value: enrollment.capacity === 1 ? t('capacity.one') : t('capacity.many', { count: enrollment.capacity }),
    });
  }
  if (enrollment.department) fields.push({ label: t('field.department'), value: untrusted(enrollment.department) });
  if (enrollment.bio) fields.push({ label: t('field.bio'), value: untrusted(enrollment.bio) });
  return fields;
}
