// The summary as a neutral message, in the reader's language: figures, chart, trend, privacy note.
import { DateTime } from 'luxon';
import type { Translator } from '../i18n/index.js';
import { trusted } from '../i18n/index.js';
import { message, type Block, type Message } from '../messages.js';
import type { Locale, Topic } from '../types.js';
import { barLines } from './chart.js';
import type { Bucket, SummaryFigures, VolunteerFigures } from './figures.js';
import { trendOf, type Change } from './trend.js';

export interface SummaryView {
  programName: string;
  figures: SummaryFigures;
  /** The previous summary's figures, for the trend; null for the first one. */
  previous: SummaryFigures | null;
  timeZone: string;
  topics: Topic[];
  atRiskDays: number;
  kind: 'request' | 'digest';
}

export function summaryMessage(t: Translator, view: SummaryView): Message {
  const { figures, timeZone } = view;
  const locale = t.locale;
  const n = (value: number) => trusted(formatNumber(value, locale));
  const count = (value: number | 'few') => (value === 'few' ? trusted(t('summary.fewer_than_3')) : n(value));
  const notEnough = t('summary.not_enough_data');
  const percent = (value: number | null) => (value === null ? notEnough : formatPercent(value, locale));
  const title = t(view.kind === 'digest' ? 'summary.digest_title' : 'summary.title', { program: view.programName });

  const blocks: Block[] = [
    { type: 'header', text: title },
    { type: 'context', text: t('summary.as_of', { date: trusted(formatInstant(new Date(figures.at), locale, timeZone)) }) },
    {
      type: 'fields',
      fields: [
        { label: t('summary.mentors'), value: volunteersText(t, figures.mentors, 'mentor', count) },
        { label: t('summary.mentees'), value: volunteersText(t, figures.mentees, 'mentee', count) },
        { label: t('summary.pairs'), value: t('summary.pairs.value', { active: n(figures.pairs.active), closed: n(figures.pairs.closed), ended: n(figures.pairs.ended) }) },
        { label: t('summary.at_risk'), value: t('summary.at_risk.value', { count: n(figures.pairs.atRisk), days: n(view.atRiskDays) }) },
        {
          label: t('summary.sessions'),
          value: t('summary.sessions.value', { held: n(figures.sessions.held), scheduled: n(figures.sessions.scheduled), missed: n(figures.sessions.missed) }),
        },
        { label: t('summary.response_rate'), value: percent(figures.responseRate) },
        {
          label: t('summary.usefulness'),
          value: figures.usefulness === null ? notEnough : t('summary.usefulness.value', { score: trusted(formatScore(figures.usefulness, locale)) }),
        },
        { label: t('summary.adoption'), value: percent(figures.adoptionRate) },
      ],
    },
    { type: 'text', text: topicsText(t, figures, view.topics) },
    { type: 'text', text: t('summary.chart.title') },
    { type: 'preformatted', lines: barLines(figures.weekly.map((week) => ({ label: weekLabel(week.week, locale), value: week.held, display: formatNumber(week.held, locale) }))) },
    { type: 'text', text: trendText(t, view) },
    { type: 'divider' },
    { type: 'context', text: t('summary.privacy') },
  ];
  return message(blocks, title);
}

function volunteersText(t: Translator, figures: VolunteerFigures, role: 'mentor' | 'mentee', count: (value: number | 'few') => ReturnType<typeof trusted>): string {
  if (figures.total === 0) return t('summary.volunteers.none');
  if (figures.total === 'few') return t('summary.fewer_than_3');
  const breakdown = figures.buckets.map((bucket) => t('summary.bucket', { count: count(bucket.count), status: trusted(bucketStatus(t, bucket, role)) }));
  return t('summary.volunteers', { total: count(figures.total), breakdown: trusted(breakdown.join(', ')) });
}

function bucketStatus(t: Translator, bucket: Bucket, role: 'mentor' | 'mentee'): string {
  const names = bucket.statuses.map((status) => t(status === 'approved' ? `summary.status.${role}.approved` : `summary.status.${status}`));
  return new Intl.ListFormat(t.locale, { style: 'long', type: 'disjunction' }).format(names);
}

function topicsText(t: Translator, figures: SummaryFigures, topics: Topic[]): string {
  const { basis, items } = figures.topics;
  if (items.length === 0) return t('summary.topics.none');
  const names = new Map(topics.map((topic) => [topic.slug, topic.name[t.locale]]));
  const lines = items.map((item) =>
    t(basis === 'sessions' ? 'summary.topics.sessions_item' : 'summary.topics.demand_item', {
      topic: trusted(names.get(item.topic) ?? item.topic),
      count: item.count,
    }),
  );
  return [t(basis === 'sessions' ? 'summary.topics.sessions' : 'summary.topics.demand'), ...lines].join('\n');
}

function trendText(t: Translator, view: SummaryView): string {
  if (!view.previous) return t('summary.trend.first');
  const date = trusted(formatInstant(new Date(view.previous.at), t.locale, view.timeZone));
  const changes = trendOf(view.previous, view.figures);
  if (changes.length === 0) return t('summary.trend.none', { date });
  return [t('summary.trend.title', { date }), ...changes.map((change) => changeLine(t, change))].join('\n');
}

function changeLine(t: Translator, change: Change): string {
  const locale = t.locale;
  const arrow = change.delta > 0 ? '▲' : '▼';
  const size = Math.abs(change.delta);
  let value: string;
  let delta: string;
  switch (change.unit) {
    case 'count':
      value = formatNumber(change.value, locale);
      delta = `${arrow} ${formatNumber(size, locale)}`;
      break;
    case 'rate':
      value = formatPercent(change.value, locale);
      delta = `${arrow} ${t('summary.points', { value: Math.round(size * 100) })}`;
      break;
    case 'score':
      value = formatScore(change.value, locale);
      delta = `${arrow} ${formatScore(size, locale)}`;
      break;
  }
  return t('summary.trend.item', { label: trusted(t(`summary.trend.${change.metric}`)), value: trusted(value), delta: trusted(delta) });
}

function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB').format(value);
}

export function formatPercent(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

export function formatScore(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** "17 Nov" / "17/11": the Monday a chart row stands for. */
export function weekLabel(monday: string, locale: Locale): string {
  const day = DateTime.fromISO(monday, { zone: 'UTC' }).setLocale(locale === 'fr' ? 'fr-FR' : 'en-GB');
  return locale === 'fr' ? day.toFormat('dd/MM') : day.toFormat('d LLL');
}

function formatInstant(at: Date, locale: Locale, timeZone: string): string {
  const local = DateTime.fromJSDate(at).setZone(timeZone).setLocale(locale === 'fr' ? 'fr-FR' : 'en-GB');
  return local.toFormat(locale === 'fr' ? "d LLLL yyyy 'à' HH:mm" : 'd LLLL yyyy, HH:mm');
}
