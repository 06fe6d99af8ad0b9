// `admin pair`: preview the optimal round, then confirm it once; pairs and announcements commit together.
import type { RequestContext } from '../context.js';
import { solveMatching } from '../matching/index.js';
import { matchPoolFromEnrollments } from '../matching/pool-from-enrollments.js';
import type { MatchResult } from '../matching/types.js';
import { message, type Block, type Message, type Outcome, textReply } from '../messages.js';
import type { NewNotification, NewPair, PairRecord, PairingRound } from '../ports.js';
import type { Enrollment, Person, Program, SessionPlan, Topic } from '../types.js';
import { describeReasons, describeUnmatched } from './describe-match.js';
import { showExpired } from './show-expired.js';

const PREVIEW_PAIRS = 20;
const PREVIEW_UNMATCHED = 15;
const LINES_PER_BLOCK = 10;
/** One page of "See all pairs": 10 text blocks, well within Slack's 50 blocks and Teams' card size. */
const ALL_PAIRS_PAGE = 100;

/** The notification kinds that announce a round, counted in its progress report. */
export const ROUND_ANNOUNCEMENT_KINDS = ['pair.intro', 'round.unmatched'];

export async function previewRound(ctx: RequestContext): Promise<Outcome> {
  const { t, program, store, person, clock } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  if (!program) return textReply(t('error.no_program'));
  const [enrollments, people, pairs, exclusions] = await Promise.all([
    store.listEnrollments(program.id),
    store.listPeople(),
    store.listPairs(program.id),
    store.listExclusions(program.id),
  ]);
  const pool = matchPoolFromEnrollments(enrollments, withManagersFromEnrollments(people, enrollments));
  const active = pairs.filter((pair) => pair.status === 'active');
  const pairedMentees = new Set(active.map((pair) => pair.menteeEnrollmentId));
  const seatsTaken = new Map<string, number>();
  for (const pair of active) seatsTaken.set(pair.mentorEnrollmentId, (seatsTaken.get(pair.mentorEnrollmentId) ?? 0) + 1);
  const mentors = pool.mentors
    .map((mentor) => ({ ...mentor, capacity: mentor.capacity - (seatsTaken.get(mentor.id) ?? 0) }))
    .filter((mentor) => mentor.capacity > 0);
  const mentees = pool.mentees.filter((mentee) => !pairedMentees.has(mentee.id));
  const input = {
    mentors,
    mentees,
    previousPairs: pairs.map((pair) => [pair.mentorPersonId, pair.menteePersonId] as [string, string]),
    exclusions,
    reportingLines: pool.reportingLines,
    referenceDate: clock.now().toISOString(),
  };
  const result = ctx.matcher ? await ctx.matcher.solve(input) : solveMatching(input);
  const round = await store.saveRoundPreview(program.id, person.id, result);
  await store.audit({
    actorId: person.id,
    programId: program.id,
    action: 'round.previewed',
    targetType: 'round',
    targetId: round.id,
    details: { pairs: result.pairs.length, mentees: mentees.length, mentors: mentors.length },
  });
  const names = nameIndex(enrollments, people);
  const topics = await store.listTopics();
  return { kind: 'message', message: previewMessage(ctx, round, names, topics, { mentors: mentors.length, mentees: mentees.length }) };
}

/** "See all pairs", one page at a time; `value` is the round id, optionally followed by ":<page>". */
export async function showAllPairs(ctx: RequestContext, value: string): Promise<Outcome> {
  const { t, store, program } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const [roundId = '', pageText = '0'] = value.split(':');
  const round = await store.getRound(roundId);
  if (!round || !program || round.programId !== program.id) return showExpired(ctx);
  const total = round.result.pairs.length;
  const pages = Math.max(1, Math.ceil(total / ALL_PAIRS_PAGE));
  const page = Math.min(Math.max(0, Number.parseInt(pageText, 10) || 0), pages - 1);
  const names = nameIndex(await store.listEnrollments(program.id), await store.listPeople());
  const topics = await store.listTopics();
  const first = page * ALL_PAIRS_PAGE;
  const lines = round.result.pairs.slice(first, first + ALL_PAIRS_PAGE).map((pair) => pairLine(ctx, names, topics, pair));
  const title = t('round.all.title', { count: total });
  const blocks: Block[] = [{ type: 'header', text: title }, ...chunk(lines)];
  if (pages > 1) {
    blocks.push({ type: 'context', text: t('round.all.page', { from: first + 1, to: first + lines.length, total }) });
    const buttons = [
      ...(page > 0 ? [{ action: 'round.all', label: t('round.all.previous'), value: `${round.id}:${page - 1}` }] : []),
      ...(page < pages - 1 ? [{ action: 'round.all', label: t('round.all.next'), value: `${round.id}:${page + 1}` }] : []),
    ];
    blocks.push({ type: 'actions', buttons });
  }
  return { kind: 'message', message: message(blocks, title), replaceSource: page > 0 || value.includes(':') };
}

export async function cancelRound(ctx: RequestContext, roundId: string): Promise<Outcome> {
  const { t, store, person } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const cancelled = await store.cancelRound(roundId);
  if (!cancelled) {
    const round = await store.getRound(roundId);
    return { ...textReply(t(round?.status === 'confirmed' ? 'round.already_confirmed' : 'round.not_current')), replaceSource: true };
  }
  await store.audit({ actorId: person.id, programId: ctx.program?.id, action: 'round.cancelled', targetType: 'round', targetId: roundId });
  return { ...textReply(t('round.cancelled')), replaceSource: true };
}

/** Confirms once (double clicks, retries, two admins): pairs and every announcement in one transaction. */
export async function confirmRound(ctx: RequestContext, roundId: string): Promise<Outcome> {
  const { t, store, person, clock } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const now = clock.now();
  const outcome = await store.transaction(async (tx) => {
    const round = await tx.getRound(roundId);
    if (!round) return { error: 'round.not_current' as const };
    if (!(await tx.confirmRound(roundId, person.id, now))) {
      // Read again: a concurrent confirmation (double click, second admin) committed meanwhile.
      const current = await tx.getRound(roundId);
      return { error: current?.status === 'confirmed' ? ('round.already_confirmed' as const) : ('round.not_current' as const) };
    }
    const program = (await tx.getProgram(round.programId))!;
    const enrollments = new Map((await tx.listEnrollments(program.id)).map((e) => [e.id, e]));
    const stillPaired = new Set((await tx.listPairs(program.id)).filter((p) => p.status === 'active').map((p) => p.menteeEnrollmentId));
    // Someone may have left or paused between the preview and the click: their pair is dropped.
    const valid = round.result.pairs.filter((pair) => {
      const mentor = enrollments.get(pair.mentorId);
      const mentee = enrollments.get(pair.menteeId);
      return mentor?.status === 'approved' && mentee?.status === 'approved' && !stillPaired.has(pair.menteeId);
    });
    const created = await tx.insertPairs(
      valid.map(
        (pair): NewPair => ({
          programId: program.id,
          roundId,
          mentorEnrollmentId: pair.mentorId,
          menteeEnrollmentId: pair.menteeId,
          score: pair.score,
          reasons: pair.reasons,
          plan: suggestPlan(program, enrollments.get(pair.mentorId)!, enrollments.get(pair.menteeId)!),
        }),
      ),
    );
    const people = new Map<string, Person>();
    for (const id of new Set(created.flatMap((pair) => [pair.mentorPersonId, pair.menteePersonId]))) {
      const found = await tx.getPerson(id);
      if (found) people.set(id, found);
    }
    const rows: NewNotification[] = introNotifications(created, people, now, roundId);
    for (const entry of round.result.unmatched) {
      if (entry.role !== 'mentee') continue;
      const enrollment = enrollments.get(entry.menteeId);
      if (!enrollment || enrollment.status !== 'approved') continue;
      rows.push({
        recipientId: enrollment.personId,
        kind: 'round.unmatched',
        payload: { reason: entry.reason, programId: program.id },
        dueAt: now,
        roundId,
        dedupeKey: `round.unmatched:${roundId}:${enrollment.personId}`,
      });
    }
    // Due a moment earlier than the introductions: claims go in due order, so the admin sees it first.
    rows.push({ recipientId: person.id, kind: 'round.progress', payload: { roundId }, dueAt: new Date(now.getTime() - 1000), dedupeKey: `round.progress:${roundId}` });
    await tx.enqueueNotifications(rows);
    await tx.audit({
      actorId: person.id,
      programId: program.id,
      action: 'round.confirmed',
      targetType: 'round',
      targetId: roundId,
      details: { pairs: created.length, dropped: round.result.pairs.length - created.length },
    });
    return { error: null, pairs: created.length };
  });
  if (outcome.error) return { ...textReply(t(outcome.error)), replaceSource: true };
  return { ...textReply(t('round.confirmed', { pairs: outcome.pairs ?? 0 })), replaceSource: true };
}

/** The introductions of new pairs: one group DM when both are in the same Slack workspace, else one each. */
export function introNotifications(created: PairRecord[], people: Map<string, Person>, now: Date, roundId?: string): NewNotification[] {
  const rows: NewNotification[] = [];
  for (const pair of created) {
    const mentor = people.get(pair.mentorPersonId);
    const mentee = people.get(pair.menteePersonId);
    if (!mentor || !mentee) continue;
    const base = { kind: 'pair.intro', payload: { pairId: pair.id }, dueAt: now, ...(roundId ? { roundId } : {}) };
    if (mentor.platform === 'slack' && mentee.platform === 'slack' && mentor.tenantId === mentee.tenantId) {
      rows.push({ ...base, recipientId: mentor.id, audienceIds: [mentor.id, mentee.id], dedupeKey: `pair.intro:${pair.id}` });
    } else {
      for (const partner of [mentor, mentee]) rows.push({ ...base, recipientId: partner.id, dedupeKey: `pair.intro:${pair.id}:${partner.id}` });
    }
  }
  return rows;
}

/** The pair's starting plan: shared topics, the mentee's priorities first, within the program's defaults. */
export function suggestPlan(program: Program, mentor: Enrollment, mentee: Enrollment): SessionPlan {
  const defaults = program.settings.defaultPlan;
  const mentorLevel = new Map(mentor.topics.map((c) => [c.topic, c.level]));
  const shared = mentee.topics
    .filter((c) => mentorLevel.has(c.topic))
    .sort((a, b) => b.level * (mentorLevel.get(b.topic) ?? 0) - a.level * (mentorLevel.get(a.topic) ?? 0) || a.topic.localeCompare(b.topic))
    .map((c) => c.topic);
  const modules = shared.length > 0 ? shared.slice(0, defaults.sessionCount) : defaults.modules;
  return { ...defaults, modules };
}

type NameIndex = Map<string, { name: string; role: 'mentor' | 'mentee' }>;

function nameIndex(enrollments: Enrollment[], people: Person[]): NameIndex {
  const byPerson = new Map(people.map((p) => [p.id, p.name]));
  return new Map(enrollments.map((e) => [e.id, { name: byPerson.get(e.personId) ?? '?', role: e.role }]));
}

function previewMessage(ctx: RequestContext, round: PairingRound, names: NameIndex, topics: Topic[], pool: { mentors: number; mentees: number }): Message {
  const { t } = ctx;
  const result: MatchResult = round.result;
  const blocks: Block[] = [{ type: 'header', text: t('round.preview.title') }];
  const unmatchedMentees = result.unmatched.filter((u) => u.role === 'mentee');
  if (result.pairs.length === 0) {
    blocks.push({ type: 'text', text: t('round.preview.empty', { mentors: pool.mentors, mentees: pool.mentees }) });
  } else {
    const average = Math.round((result.totalScore / result.pairs.length) * 10) / 10;
    blocks.push({
      type: 'text',
      text: t('round.preview.summary', {
        pairs: result.pairs.length,
        mentees: pool.mentees,
        mentors: pool.mentors,
        average,
        unmatched: unmatchedMentees.length,
      }),
    });
  }
  blocks.push(...chunk(result.pairs.slice(0, PREVIEW_PAIRS).map((pair) => pairLine(ctx, names, topics, pair))));
  if (result.pairs.length > PREVIEW_PAIRS) blocks.push({ type: 'context', text: t('round.preview.more', { count: result.pairs.length - PREVIEW_PAIRS }) });
  const unmatched = result.unmatched;
  if (unmatched.length > 0) {
    const lines = unmatched.slice(0, PREVIEW_UNMATCHED).map((entry) => {
      const id = entry.role === 'mentee' ? entry.menteeId : entry.mentorId;
      const who = names.get(id);
      return t('round.preview.unmatched', {
        name: who?.name ?? '?',
        role: { trusted: t(`role.${entry.role}`).toLowerCase() },
        reason: { trusted: describeUnmatched(t, entry.reason, entry.role) },
      });
    });
    blocks.push({ type: 'text', text: [t('round.preview.unmatched_title'), ...lines].join('\n') });
    if (unmatched.length > PREVIEW_UNMATCHED) blocks.push({ type: 'context', text: t('round.preview.unmatched_more', { count: unmatched.length - PREVIEW_UNMATCHED }) });
  }
  if (result.pairs.length > 0) {
    blocks.push(
      { type: 'context', text: t('round.preview.footer') },
      {
        type: 'actions',
        buttons: [
          { action: 'round.confirm', label: t('round.confirm'), value: round.id, style: 'primary' },
          ...(result.pairs.length > PREVIEW_PAIRS ? [{ action: 'round.all', label: t('round.see_all'), value: round.id }] : []),
          { action: 'round.cancel', label: t('round.cancel'), value: round.id, style: 'danger' as const },
        ],
      },
    );
  }
  return message(blocks, t('round.preview.title'));
}

function pairLine(ctx: RequestContext, names: NameIndex, topics: Topic[], pair: MatchResult['pairs'][number]): string {
  return ctx.t('round.preview.pair', {
    mentor: names.get(pair.mentorId)?.name ?? '?',
    mentee: names.get(pair.menteeId)?.name ?? '?',
    score: Math.round(pair.score),
    reasons: { trusted: describeReasons(ctx.t, topics, pair.reasons) },
  });
}

function chunk(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_BLOCK) blocks.push({ type: 'text', text: lines.slice(i, i + LINES_PER_BLOCK).join('\n') });
  return blocks;
}

/** Links people to their manager from the email given at sign-up, when the manager is known to Tandem. */
export function withManagersFromEnrollments(people: Person[], enrollments: Enrollment[]): Person[] {
  const byEmail = new Map(people.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), p.id]));
  const managerOf = new Map<string, string>();
  for (const e of enrollments) {
    const manager = e.managerEmail ? byEmail.get(e.managerEmail.toLowerCase()) : undefined;
    if (manager && manager !== e.personId) managerOf.set(e.personId, manager);
  }
  return people.map((p) => (p.managerId || !managerOf.has(p.id) ? p : { ...p, managerId: managerOf.get(p.id)! }));
}

