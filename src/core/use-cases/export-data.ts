// `admin export`: the program as four CSV files for a spreadsheet — enrollments, pairs, sessions, and
// feedback aggregated per pair and module (scores and counts only: no written answer ever leaves).
import { DateTime } from 'luxon';
import type { CoreDeps, RequestContext } from '../context.js';
import { toCsv, type CsvCell } from '../csv.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import { message, textReply, type FileAttachment, type Outcome } from '../messages.js';
import { plain } from '../text.js';
import type { Enrollment, Person, Program, Topic } from '../types.js';
import { topicName } from './describe-match.js';
import { businessTopicName } from '../business-topics.js';

const CSV_TYPE = 'text/csv; charset=utf-8';

export async function exportProgramData(ctx: RequestContext): Promise<Outcome> {
  const { t, program, store, clock, person } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  if (!program) return textReply(t('error.no_program'));
  const [people, enrollments, topics, data] = await Promise.all([
    store.listPeople(),
    store.listEnrollments(program.id),
    store.listTopics(),
    store.loadProgramExport(program.id),
  ]);
  const names = new Map(people.map((p) => [p.id, p]));
  const when = timeFormat(program);
  const topic = (slug: string | null) => (slug ? plain(topicName(topics, slug, t)) : '');
  const pairsById = new Map(data.pairs.map((pair) => [pair.id, pair]));
  const nameOf = (personId: string | undefined) => (personId ? (names.get(personId)?.name ?? '') : '');

  const activePairs = new Map<string, number>();
  for (const pair of data.pairs.filter((p) => p.status === 'active')) {
    for (const id of [pair.mentorEnrollmentId, pair.menteeEnrollmentId]) activePairs.set(id, (activePairs.get(id) ?? 0) + 1);
  }
  const enrollmentRows = enrollments.map((e) => enrollmentRow(t, e, names.get(e.personId), topics, activePairs.get(e.id) ?? 0, when));

  const sessionCounts = new Map<string, Record<string, number>>();
  const now = clock.now();
  for (const session of data.sessions) {
    const counts = sessionCounts.get(session.pairId) ?? { held: 0, missed: 0, ahead: 0, cancelled: 0 };
    if (session.status === 'held') counts.held! += 1;
    else if (session.status === 'missed') counts.missed! += 1;
    else if (session.status === 'cancelled') counts.cancelled! += 1;
    else if (session.startsAt > now) counts.ahead! += 1;
    sessionCounts.set(session.pairId, counts);
  }
  const pairRows: CsvCell[][] = data.pairs.map((pair) => {
    const counts = sessionCounts.get(pair.id) ?? {};
    return [
      pair.id,
      nameOf(pair.mentorPersonId),
      names.get(pair.mentorPersonId)?.email ?? '',
      nameOf(pair.menteePersonId),
      names.get(pair.menteePersonId)?.email ?? '',
      t(`oversight.export.pair_status.${pair.status}`),
      Math.round(pair.score * 10) / 10,
      (pair.plan?.modules ?? []).map(topic).join('; '),
      pair.plan ? t(`cadence.${pair.plan.cadence}`) : '',
      pair.plan?.sessionCount ?? '',
      when(pair.createdAt),
      when(pair.planAgreedAt),
      when(pair.closedAt),
      counts.held ?? 0,
      counts.missed ?? 0,
      counts.ahead ?? 0,
      counts.cancelled ?? 0,
    ];
  });
  const sessionRows: CsvCell[][] = data.sessions.map((session) => {
    const pair = pairsById.get(session.pairId);
    return [
      session.id,
      session.pairId,
      nameOf(pair?.mentorPersonId),
      nameOf(pair?.menteePersonId),
      topic(session.topic),
      when(session.startsAt),
      session.durationMinutes,
      t(`oversight.export.session_status.${session.status}`),
      when(session.createdAt),
    ];
  });
  const feedbackRows: CsvCell[][] = data.feedback.map((row) => {
    const pair = pairsById.get(row.pairId);
    return [
      row.pairId,
      nameOf(pair?.mentorPersonId),
      nameOf(pair?.menteePersonId),
      topic(row.topic),
      row.answers,
      row.respondents,
      row.happenedYes,
      row.happenedNo,
      row.usefulnessCount,
      average(row.usefulnessAverage),
      average(row.easeAverage),
      row.adoptedYes,
      row.adoptedNo,
      row.wouldRecommendYes,
      row.wouldRecommendNo,
    ];
  });

  const day = DateTime.fromJSDate(now).setZone(program.settings.timeZone).toISODate() ?? '';
  const file = (dataset: string, header: MessageKey, rows: CsvCell[][]): FileAttachment => ({
    filename: `tandem-${program.slug}-${dataset}-${day}.csv`,
    contentType: CSV_TYPE,
    content: toCsv(t(header).split('|'), rows),
  });
  const files = [
    file('enrollments', 'oversight.export.header.enrollments', enrollmentRows),
    file('pairs', 'oversight.export.header.pairs', pairRows),
    file('sessions', 'oversight.export.header.sessions', sessionRows),
    file('feedback', 'oversight.export.header.feedback', feedbackRows),
  ];
  await store.audit({
    actorId: person.id,
    programId: program.id,
    action: 'program.exported',
    targetType: 'program',
    targetId: program.id,
    details: { enrollments: enrollmentRows.length, pairs: pairRows.length, sessions: sessionRows.length, feedback: feedbackRows.length },
  });
  const title = t('oversight.export.title', { program: program.name });
  const shown = message(
    [
      { type: 'header', text: title },
      {
        type: 'text',
        text: t('oversight.export.text', {
          enrollments: enrollmentRows.length,
          pairs: pairRows.length,
          sessions: sessionRows.length,
          timeZone: program.settings.timeZone,
        }),
      },
      { type: 'context', text: t('oversight.export.care') },
    ],
    title,
  );
  const [first, ...more] = files;
  return { kind: 'file', file: first!, moreFiles: more, message: shown, downloadNote: t('oversight.export.link_note') };
}

function enrollmentRow(t: Translator, e: Enrollment, person: Person | undefined, topics: Topic[], pairs: number, when: (d: Date | null) => string): CsvCell[] {
  return [
    e.id,
    person?.name ?? '',
    person?.email ?? '',
    t(`role.${e.role}`),
    e.status === 'paused' ? t('oversight.export.paused') : t(`status.${e.status}`),
    e.pausedUntil ?? '',
    e.department ?? person?.department ?? '',
    e.languages.join(', '),
    e.role === 'mentor' ? e.capacity : '',
    e.topics.map((c) => `${plain(topicName(topics, c.topic, t))} (${c.level})`).join('; '),
    e.teachBack.map((slug) => businessTopicName(slug, t.locale)).join('; '),
    pairs,
    when(e.createdAt),
    when(e.approvedAt),
  ];
}

/** Dates as spreadsheets read them ("2026-11-25 14:30:00"), in the program's time zone. */
function timeFormat(program: Program): (at: Date | null) => string {
  return (at) => (at ? DateTime.fromJSDate(at).setZone(program.settings.timeZone).toFormat('yyyy-MM-dd HH:mm:ss') : '');
}

function average(value: number | null): CsvCell {
  return value === null ? '' : Math.round(value * 100) / 100;
}

/** The purge job: download links past their day are deleted, files and all. */
export async function purgeExpiredExports(deps: Pick<CoreDeps, 'store' | 'clock' | 'logger'>): Promise<number> {
  const purged = await deps.store.purgeExpiredExports(deps.clock.now());
  if (purged > 0) deps.logger.info({ purged }, 'expired export files deleted');
  return purged;
}
