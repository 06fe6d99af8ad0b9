// Rematch a person: back in the pool for the next round, or the best available partner right now
// (the round's exact matcher, restricted to that person and those with room for them).
import type { RequestContext } from '../context.js';
import { formatDay, formatList } from '../format.js';
import type { Target } from '../grammar.js';
import { trusted, type Translator } from '../i18n/index.js';
import { createPairEvaluator, solveMatching } from '../matching/index.js';
import { matchPoolFromEnrollments } from '../matching/pool-from-enrollments.js';
import type { MatchInput } from '../matching/types.js';
import { message, textReply, type Block, type Button, type Outcome } from '../messages.js';
import type { PairRecord, Store } from '../ports.js';
import { untrusted } from '../text.js';
import type { Enrollment, Person, Program } from '../types.js';
import { describeReasons, describeUnmatched } from './describe-match.js';
import { endPairByAdmin, findTargetPeople, PAIR_ACTIONS, withPeople } from './pair-oversight.js';
import { introNotifications, suggestPlan, withManagersFromEnrollments } from './pairing-round.js';
import { showExpired } from './show-expired.js';

/** Rematch (button on a pair or an enrollment): next round, or now for either partner. */
export async function askRematch(ctx: RequestContext, value: string): Promise<Outcome> {
  const { t, store } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const pair = await store.getPair(value);
  if (pair && (!ctx.program || pair.programId === ctx.program.id)) {
    const found = await withPeople(store, pair);
    if (!found) return showExpired(ctx);
    const { mentor, mentee } = found;
    if (pair.status !== 'active') return textReply(t('oversight.pairs.already_ended', { mentor: mentor.name, mentee: mentee.name }));
    return {
      kind: 'message',
      message: message([
        { type: 'text', text: t('oversight.pairs.rematch.choice_pair', { mentor: mentor.name, mentee: mentee.name }) },
        {
          type: 'actions',
          buttons: [
            { action: PAIR_ACTIONS.rematchNext, label: t('oversight.pairs.rematch.next_button'), value: `pair:${pair.id}` },
            { action: PAIR_ACTIONS.rematchNow, label: t('oversight.pairs.rematch.now_for', { name: mentee.name }), value: `${pair.menteeEnrollmentId}:${pair.id}`, style: 'primary' },
            { action: PAIR_ACTIONS.rematchNow, label: t('oversight.pairs.rematch.now_for', { name: mentor.name }), value: `${pair.mentorEnrollmentId}:${pair.id}` },
          ],
        },
      ]),
    };
  }
  const enrollment = await store.getEnrollment(value);
  if (!enrollment || (ctx.program && enrollment.programId !== ctx.program.id)) return showExpired(ctx);
  return personChoice(ctx, enrollment);
}

/** `admin rematch @person [now]`. Without "now", the choice (which also confirms ending their pair). */
export async function rematchByTarget(ctx: RequestContext, target: Target | null, now: boolean): Promise<Outcome> {
  const { t, store, program } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  if (!program) return textReply(t('error.no_program'));
  if (!target) return textReply(t('oversight.pairs.rematch.usage'));
  const people = await findTargetPeople(ctx, target);
  if ('outcome' in people) return people.outcome;
  const enrollments = (await Promise.all(people.found.map((p) => store.listEnrollmentsOfPerson(p.id))))
    .flat()
    .filter((e) => e.programId === program.id);
  if (enrollments.length === 0) return textReply(t('oversight.pairs.rematch.not_enrolled', { name: people.found[0]!.name }));
  const enrollment = await chooseEnrollment(store, program, enrollments);
  return now ? previewRematchNow(ctx, enrollment.id) : personChoice(ctx, enrollment);
}

/** The enrollment a rematch is about: one in a pair first, then an active one; mentee before mentor. */
async function chooseEnrollment(store: Store, program: Program, enrollments: Enrollment[]): Promise<Enrollment> {
  const active = new Set((await store.listPairs(program.id)).filter((p) => p.status === 'active').flatMap((p) => [p.mentorEnrollmentId, p.menteeEnrollmentId]));
  const rank = (e: Enrollment) => (active.has(e.id) ? 0 : e.status === 'approved' ? 2 : 4) + (e.role === 'mentee' ? 0 : 1);
  return [...enrollments].sort((a, b) => rank(a) - rank(b))[0]!;
}

async function personChoice(ctx: RequestContext, enrollment: Enrollment): Promise<Outcome> {
  const { t, store } = ctx;
  const person = await store.getPerson(enrollment.personId);
  if (!person) return showExpired(ctx);
  const refusal = ineligible(t, enrollment, person);
  if (refusal) return textReply(refusal);
  const pairs = await activePairsOf(store, enrollment);
  return {
    kind: 'message',
    message: message([
      {
        type: 'text',
        text: t('oversight.pairs.rematch.choice_person', {
          name: person.name,
          role: { trusted: t(`role.${enrollment.role}`).toLowerCase() },
          pairs: { trusted: t(pairs.length > 0 ? 'oversight.pairs.rematch.ends_current' : 'oversight.pairs.rematch.no_current') },
        }),
      },
      {
        type: 'actions',
        buttons: [
          { action: PAIR_ACTIONS.rematchNext, label: t('oversight.pairs.rematch.next_button'), value: `enrollment:${enrollment.id}` },
          { action: PAIR_ACTIONS.rematchNow, label: t('oversight.pairs.rematch.now_button'), value: enrollment.id, style: 'primary' },
        ],
      },
    ]),
  };
}

/** Next round: the pair(s) end, partners told kindly; approved people are then in the next round's pool. */
export async function rematchNextRound(ctx: RequestContext, value: string): Promise<Outcome> {
  const { t, store, clock, person: admin } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const [kind, id = ''] = value.split(':');
  const now = clock.now();
  if (kind === 'pair') {
    const pair = await store.getPair(id);
    const found = pair ? await withPeople(store, pair) : null;
    if (!pair || !found || (ctx.program && pair.programId !== ctx.program.id)) return showExpired(ctx);
    const ended = await store.transaction((tx) => endPairByAdmin(tx, pair, now, admin.id, 'pair.rematch_next_round'));
    const names = { mentor: found.mentor.name, mentee: found.mentee.name };
    return { ...textReply(t(ended ? 'oversight.pairs.rematch.next_done_pair' : 'oversight.pairs.already_ended', names)), replaceSource: true };
  }
  const enrollment = kind === 'enrollment' ? await store.getEnrollment(id) : null;
  const person = enrollment ? await store.getPerson(enrollment.personId) : null;
  if (!enrollment || !person || (ctx.program && enrollment.programId !== ctx.program.id)) return showExpired(ctx);
  const refusal = ineligible(t, enrollment, person);
  if (refusal) return { ...textReply(refusal), replaceSource: true };
  const pairs = await activePairsOf(store, enrollment);
  const ended = await store.transaction(async (tx) => {
    let count = 0;
    for (const pair of pairs) if (await endPairByAdmin(tx, pair, now, admin.id, 'pair.rematch_next_round')) count += 1;
    if (count === 0) {
      await tx.audit({ actorId: admin.id, programId: enrollment.programId, action: 'pair.rematch_next_round', targetType: 'enrollment', targetId: enrollment.id });
    }
    return count;
  });
  const endedText = ended > 0 ? t('oversight.pairs.rematch.next_ended') : '';
  return { ...textReply(t('oversight.pairs.rematch.next_done', { name: person.name, ended: { trusted: endedText } })), replaceSource: true };
}

/** Now: the best partner available this minute, shown with its score and reasons; nothing changes yet. */
export async function previewRematchNow(ctx: RequestContext, value: string): Promise<Outcome> {
  const { t, store, clock } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const [enrollmentId = '', pairId] = value.split(':');
  const subject = await rematchSubject(ctx, enrollmentId, pairId);
  if ('outcome' in subject) return subject.outcome;
  const { enrollment, person, program, ending } = subject;
  const problem = await rematchProblem(store, program, enrollment, ending, clock.now());
  const result = solveMatching(problem.input);
  const match = result.pairs[0];
  if (!match) {
    const unmatched = result.unmatched.find((u) => (u.role === 'mentee' ? u.menteeId : u.mentorId) === enrollment.id);
    const reason =
      problem.candidates === 0
        ? t(enrollment.role === 'mentee' ? 'oversight.pairs.rematch.no_candidates_mentee' : 'oversight.pairs.rematch.no_candidates_mentor')
        : unmatched
          ? describeUnmatched(t, unmatched.reason, enrollment.role)
          : t('oversight.pairs.rematch.no_candidates_mentee');
    return textReply(t('oversight.pairs.rematch.nobody', { name: person.name, reason: { trusted: reason } }));
  }
  const candidateId = enrollment.role === 'mentee' ? match.mentorId : match.menteeId;
  const candidateEnrollment = await store.getEnrollment(candidateId);
  const candidate = candidateEnrollment ? await store.getPerson(candidateEnrollment.personId) : null;
  if (!candidate) return showExpired(ctx);
  const [mentor, mentee] = enrollment.role === 'mentee' ? [candidate, person] : [person, candidate];
  const topics = await store.listTopics();
  const partners = await Promise.all(ending.map((pair) => store.getPerson(pair.mentorPersonId === person.id ? pair.menteePersonId : pair.mentorPersonId)));
  const partnerNames = partners.filter((p): p is Person => p !== null).map((p) => untrusted(p.name));
  const title = t('oversight.pairs.rematch.preview_title', { name: person.name });
  const blocks: Block[] = [
    { type: 'header', text: title },
    {
      type: 'text',
      text: t('oversight.pairs.rematch.preview', {
        mentor: mentor.name,
        mentee: mentee.name,
        score: Math.round(match.score),
        reasons: { trusted: describeReasons(t, topics, match.reasons, 4) },
      }),
    },
    { type: 'context', text: t('oversight.pairs.rematch.candidates', { count: problem.candidates }) },
    {
      type: 'text',
      text:
        partnerNames.length > 0
          ? t('oversight.pairs.rematch.preview_ends', { name: person.name, partners: trusted(formatList(partnerNames, t.locale)) })
          : t('oversight.pairs.rematch.preview_new'),
    },
  ];
  const buttons: Button[] = [
    { action: PAIR_ACTIONS.rematchConfirm, label: t('oversight.pairs.rematch.confirm_button'), value: [enrollment.id, candidateId, pairId ?? ''].join(':'), style: 'primary' },
    { action: PAIR_ACTIONS.rematchCancel, label: t('oversight.pairs.rematch.cancel_button'), value: enrollment.id },
  ];
  blocks.push({ type: 'actions', buttons });
  return { kind: 'message', message: message(blocks, title) };
}

/** Confirm: checked again against the data of this instant, then the old pair ends and the new one starts, together. */
export async function confirmRematchNow(ctx: RequestContext, value: string): Promise<Outcome> {
  const { t, store, clock, person: admin } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const [enrollmentId = '', candidateId = '', pairId = ''] = value.split(':');
  const now = clock.now();
  const outcome = await store.transaction(async (tx): Promise<Outcome> => {
    // Row locks: two admins (or a double click) cannot give the same seat twice.
    const [first, second] = [enrollmentId, candidateId].sort();
    await tx.getEnrollment(first!, { forUpdate: true });
    await tx.getEnrollment(second!, { forUpdate: true });
    const txCtx = { ...ctx, store: tx };
    const subject = await rematchSubject(txCtx, enrollmentId, pairId || undefined);
    if ('outcome' in subject) return { ...subject.outcome, replaceSource: true } as Outcome;
    const { enrollment, person, program, ending } = subject;
    const candidateEnrollment = await tx.getEnrollment(candidateId);
    const candidate = candidateEnrollment ? await tx.getPerson(candidateEnrollment.personId) : null;
    if (!candidateEnrollment || !candidate || candidateEnrollment.programId !== program.id || candidateEnrollment.role === enrollment.role) return showExpired(ctx);
    const problem = await rematchProblem(tx, program, enrollment, ending, now);
    const available = problem.input.mentors.some((m) => m.id === candidateId) || problem.input.mentees.some((m) => m.id === candidateId);
    const evaluation = available ? createPairEvaluator(problem.input) : null;
    const [mentorId, menteeId] = enrollment.role === 'mentee' ? [candidateId, enrollment.id] : [enrollment.id, candidateId];
    const verdict = evaluation?.evaluate(mentorId, menteeId);
    if (!verdict?.allowed) return { ...textReply(t('oversight.pairs.rematch.gone', { name: candidate.name })), replaceSource: true };
    for (const pair of ending) {
      await endPairByAdmin(tx, pair, now, admin.id, 'pair.ended', {
        details: { reason: 'rematch' },
        // The rematched person hears about their new partner right away instead.
        tell: [pair.mentorPersonId, pair.menteePersonId].filter((id) => id !== person.id),
      });
    }
    const [mentorEnrollment, menteeEnrollment] = enrollment.role === 'mentee' ? [candidateEnrollment, enrollment] : [enrollment, candidateEnrollment];
    const created = await tx.insertPairs([
      {
        programId: program.id,
        roundId: null,
        mentorEnrollmentId: mentorId,
        menteeEnrollmentId: menteeId,
        score: verdict.score,
        reasons: verdict.reasons,
        plan: suggestPlan(program, mentorEnrollment, menteeEnrollment),
      },
    ]);
    await tx.enqueueNotifications(introNotifications(created, new Map([person, candidate].map((p) => [p.id, p])), now));
    await tx.audit({
      actorId: admin.id,
      programId: program.id,
      action: 'pair.rematched',
      targetType: 'pair',
      targetId: created[0]?.id ?? null,
      details: { personId: person.id, partnerId: candidate.id, score: verdict.score, endedPairs: ending.map((p) => p.id) },
    });
    const [mentor, mentee] = enrollment.role === 'mentee' ? [candidate, person] : [person, candidate];
    return { ...textReply(t('oversight.pairs.rematch.done', { mentor: mentor.name, mentee: mentee.name })), replaceSource: true };
  });
  return outcome;
}

export function cancelRematch(ctx: RequestContext): Outcome {
  return { ...textReply(ctx.t('oversight.pairs.rematch.cancelled')), replaceSource: true };
}

interface RematchSubject {
  enrollment: Enrollment;
  person: Person;
  program: Program;
  /** The active pair(s) that end when the rematch is confirmed. */
  ending: PairRecord[];
}

async function rematchSubject(ctx: RequestContext, enrollmentId: string, pairId: string | undefined): Promise<RematchSubject | { outcome: Outcome }> {
  const { store, t } = ctx;
  const enrollment = await store.getEnrollment(enrollmentId);
  const program = enrollment ? await store.getProgram(enrollment.programId) : null;
  const person = enrollment ? await store.getPerson(enrollment.personId) : null;
  if (!enrollment || !program || !person || (ctx.program && program.id !== ctx.program.id)) return { outcome: showExpired(ctx) };
  const refusal = ineligible(t, enrollment, person);
  if (refusal) return { outcome: textReply(refusal) };
  let ending = await activePairsOf(store, enrollment);
  if (pairId) ending = ending.filter((pair) => pair.id === pairId);
  return { enrollment, person, program, ending };
}

/** Why this enrollment cannot be rematched (pending, paused, gone), or null when it can. */
function ineligible(t: Translator, enrollment: Enrollment, person: Person): string | null {
  switch (enrollment.status) {
    case 'approved':
      return null;
    case 'paused':
      return t('oversight.pairs.rematch.paused', {
        name: person.name,
        date: { trusted: enrollment.pausedUntil ? formatDay(enrollment.pausedUntil, t.locale) : '—' },
      });
    case 'pending':
      return t('oversight.pairs.rematch.pending', { name: person.name });
    default:
      return t('oversight.pairs.rematch.inactive', { name: person.name, status: { trusted: t(`status.${enrollment.status}`) } });
  }
}

async function activePairsOf(store: Store, enrollment: Enrollment): Promise<PairRecord[]> {
  const pairs = await store.listPairs(enrollment.programId);
  return pairs.filter((p) => p.status === 'active' && (p.mentorEnrollmentId === enrollment.id || p.menteeEnrollmentId === enrollment.id));
}

/**
 * The round's matching problem narrowed to one person: a mentee against every approved mentor with a free
 * seat (once `ending` pairs end), or a mentor (one new seat) against every approved mentee without a pair.
 * Hard rules are the round's: shared language, reporting chain, exclusions, never a previous partner.
 */
export async function rematchProblem(
  store: Store,
  program: Program,
  enrollment: Enrollment,
  ending: PairRecord[],
  now: Date,
): Promise<{ input: MatchInput; candidates: number }> {
  const [enrollments, people, pairs, exclusions] = await Promise.all([
    store.listEnrollments(program.id),
    store.listPeople(),
    store.listPairs(program.id),
    store.listExclusions(program.id),
  ]);
  const pool = matchPoolFromEnrollments(enrollments, withManagersFromEnrollments(people, enrollments));
  const endingIds = new Set(ending.map((pair) => pair.id));
  const active = pairs.filter((pair) => pair.status === 'active' && !endingIds.has(pair.id));
  const pairedMentees = new Set(active.map((pair) => pair.menteeEnrollmentId));
  const seatsTaken = new Map<string, number>();
  for (const pair of active) seatsTaken.set(pair.mentorEnrollmentId, (seatsTaken.get(pair.mentorEnrollmentId) ?? 0) + 1);
  let mentors = pool.mentors;
  let mentees = pool.mentees;
  if (enrollment.role === 'mentee') {
    mentees = mentees.filter((mentee) => mentee.id === enrollment.id);
    mentors = mentors
      .filter((mentor) => mentor.personId !== enrollment.personId)
      .map((mentor) => ({ ...mentor, capacity: mentor.capacity - (seatsTaken.get(mentor.id) ?? 0) }))
      .filter((mentor) => mentor.capacity > 0);
  } else {
    mentors = mentors.filter((mentor) => mentor.id === enrollment.id).map((mentor) => ({ ...mentor, capacity: 1 }));
    mentees = mentees.filter((mentee) => !pairedMentees.has(mentee.id) && mentee.personId !== enrollment.personId);
  }
  return {
    candidates: enrollment.role === 'mentee' ? mentors.length : mentees.length,
    input: {
      mentors,
      mentees,
      previousPairs: pairs.map((pair) => [pair.mentorPersonId, pair.menteePersonId] as [string, string]),
      exclusions,
      reportingLines: pool.reportingLines,
      referenceDate: now.toISOString(),
    },
  };
}
