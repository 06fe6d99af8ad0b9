// `admin rematch`: next round, or now with the best available partner (checked against a brute force),
// the round's hard rules, confirmation that ends the old pair and introduces the new one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPairEvaluator, matchPoolFromEnrollments } from '../../src/core/matching/index.js';
import { PAIR_ACTIONS } from '../../src/core/use-cases/pair-oversight.js';
import { plain } from '../../src/core/text.js';
import type { Enrollment, Locale, Person } from '../../src/core/types.js';
import { actorOf, button, buttons, DAY, pairFixture, shown, type PairFixture } from './pair-fixture.js';

let f: PairFixture;
const TOPICS = ['cybersecurity', 'genai-assistants', 'linkedin-branding', 'data-literacy'];

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  f = await pairFixture();
});
afterAll(async () => f?.dispose());

/** The best allowed partner by trying every candidate with free room, straight from the data. */
async function bruteForceBest(enrollment: Enrollment): Promise<number | null> {
  const [enrollments, people, pairs] = await Promise.all([f.store.listEnrollments(f.program.id), f.store.listPeople(), f.store.listPairs(f.program.id)]);
  const pool = matchPoolFromEnrollments(enrollments, people);
  const active = pairs.filter((p) => p.status === 'active');
  const mine = active.filter((p) => p.menteeEnrollmentId === enrollment.id || p.mentorEnrollmentId === enrollment.id);
  const others = active.filter((p) => !mine.includes(p));
  const evaluator = createPairEvaluator({
    mentors: pool.mentors,
    mentees: pool.mentees,
    previousPairs: pairs.map((p) => [p.mentorPersonId, p.menteePersonId] as [string, string]),
    reportingLines: pool.reportingLines,
    referenceDate: f.clock.now().toISOString(),
  });
  let best: number | null = null;
  if (enrollment.role === 'mentee') {
    for (const mentor of pool.mentors) {
      const taken = others.filter((p) => p.mentorEnrollmentId === mentor.id).length;
      if (taken >= mentor.capacity) continue;
      const score = evaluator.score(mentor.id, enrollment.id);
      if (score !== null && (best === null || score > best)) best = score;
    }
  } else {
    for (const mentee of pool.mentees) {
      if (others.some((p) => p.menteeEnrollmentId === mentee.id)) continue;
      const score = evaluator.score(enrollment.id, mentee.id);
      if (score !== null && (best === null || score > best)) best = score;
    }
  }
  return best;
}

describe('rematch now picks the optimal available partner', () => {
  it('matches a brute force over every candidate, for each mentee and mentor of a random program', async () => {
    const rand = random(20261125);
    const pick = <T,>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
    const people: Person[] = [];
    const mentors: Enrollment[] = [];
    const mentees: Enrollment[] = [];
    for (let i = 0; i < 9; i += 1) {
      const manager = people.length > 0 && rand() < 0.3 ? pick(people) : undefined;
      const person = await f.person(`URM${i}`, `Random mentor ${i}`, { managerId: manager?.id, timeZone: pick(['Europe/Paris', 'America/New_York', 'Asia/Tokyo']) });
      people.push(person);
      const topics = TOPICS.filter(() => rand() < 0.6).map((topic) => ({ topic, level: 1 + Math.floor(rand() * 5) }));
      const languages: Locale[] = rand() < 0.2 ? ['fr'] : ['en', 'fr'];
      mentors.push(await f.enroll(person, 'mentor', topics, { capacity: 1 + Math.floor(rand() * 2), languages, department: pick(['IT', 'HR', 'Sales', null]) }));
    }
    for (let i = 0; i < 10; i += 1) {
      const manager = rand() < 0.3 ? pick(people) : undefined;
      const person = await f.person(`URE${i}`, `Random mentee ${i}`, { managerId: manager?.id });
      people.push(person);
      const topics = TOPICS.filter(() => rand() < 0.5).map((topic) => ({ topic, level: 1 + Math.floor(rand() * 3) }));
      const languages: Locale[] = rand() < 0.2 ? ['en'] : ['en', 'fr'];
      mentees.push(await f.enroll(person, 'mentee', topics, { languages, department: pick(['IT', 'HR', 'Finance', null]) }));
    }
    // Some existing pairs (active and ended), so capacity and previous partners matter.
    const seats = new Map<string, number>();
    for (const mentee of mentees.slice(0, 6)) {
      const mentor = pick(mentors);
      if ((seats.get(mentor.id) ?? 0) >= mentor.capacity) continue;
      seats.set(mentor.id, (seats.get(mentor.id) ?? 0) + 1);
      await f.pair(mentor, mentee, new Date(f.clock.now().getTime() - 40 * DAY));
    }
    await f.pair(mentors[0]!, mentees[8]!, new Date(f.clock.now().getTime() - 90 * DAY), 'ended');

    let compared = 0;
    let found = 0;
    for (const enrollment of [...mentees, ...mentors]) {
      const best = await bruteForceBest(enrollment);
      const preview = await f.core.handleAction(f.admin, PAIR_ACTIONS.rematchNow, enrollment.id);
      compared += 1;
      if (best === null) {
        expect(shown(preview)).toContain('Nobody available fits');
        continue;
      }
      found += 1;
      const confirm = button(preview, PAIR_ACTIONS.rematchConfirm);
      const candidateId = confirm.value!.split(':')[1]!;
      const [mentorId, menteeId] = enrollment.role === 'mentee' ? [candidateId, enrollment.id] : [enrollment.id, candidateId];
      const pool = matchPoolFromEnrollments(await f.store.listEnrollments(f.program.id), await f.store.listPeople());
      const pairs = await f.store.listPairs(f.program.id);
      const evaluator = createPairEvaluator({
        mentors: pool.mentors,
        mentees: pool.mentees,
        previousPairs: pairs.map((p) => [p.mentorPersonId, p.menteePersonId] as [string, string]),
        reportingLines: pool.reportingLines,
        referenceDate: f.clock.now().toISOString(),
      });
      expect(evaluator.score(mentorId, menteeId), `rematch of ${enrollment.id}`).toBe(best);
      expect(shown(preview)).toContain(`— ${Math.round(best)} pts`);
    }
    expect(compared).toBe(19);
    // The instance is not degenerate: most people have someone to propose.
    expect(found).toBeGreaterThan(10);
    // Previews change nothing.
    expect((await f.store.listPairs(f.program.id)).filter((p) => p.status === 'active').length).toBeLessThanOrEqual(6);
  });
});

describe('rematch of one person', () => {
  let eve: Person, mona: Person, boss: Person, fred: Person, nina: Person, tom: Person, zoe: Person;
  let eveEnrollment: Enrollment;
  let pairId: string;

  beforeAll(async () => {
    // A program of its own, without the random one's people.
    await f.dispose();
    f = await pairFixture();
    const topic = (level: number) => [
      { topic: 'genai-assistants', level },
      { topic: 'data-literacy', level },
    ];
    eve = await f.person('UEVE', 'Eve');
    boss = await f.person('UBOSS', 'Boss');
    eveEnrollment = await f.enroll(eve, 'mentee', [
      { topic: 'genai-assistants', level: 3 },
      { topic: 'data-literacy', level: 3 },
    ]);
    mona = await f.person('UMONA', 'Mona'); // current partner, the best on paper
    const monaEnrollment = await f.enroll(mona, 'mentor', topic(5));
    const report = await f.person('UREPORT', 'Ray', { managerId: eve.id }); // reports to Eve: never her mentor
    await f.enroll(report, 'mentor', topic(5));
    fred = await f.person('UFRED', 'Fred'); // French only; Eve speaks English only
    await f.enroll(fred, 'mentor', topic(5), { languages: ['fr'] });
    const full = await f.person('UFULL', 'Fiona'); // no seat left
    const fullEnrollment = await f.enroll(full, 'mentor', topic(5));
    const other = await f.enroll(await f.person('UOTHER', 'Otto'), 'mentee', topic(1));
    await f.pair(fullEnrollment, other, new Date(f.clock.now().getTime() - 5 * DAY));
    nina = await f.person('UNINA', 'Nina'); // available, good
    await f.enroll(nina, 'mentor', topic(4), { capacity: 2 });
    tom = await f.person('UTOM', 'Tom'); // available, weaker
    await f.enroll(tom, 'mentor', topic(2));
    zoe = await f.person('UZOE', 'Zoe'); // pending: not approved yet
    await f.enroll(zoe, 'mentor', topic(5), { status: 'pending' });
    await f.store.updateEnrollment(eveEnrollment.id, { status: 'approved' });
    await f.store.updatePerson(eve.id, {});
    const pair = await f.pair(monaEnrollment, { ...eveEnrollment }, new Date(f.clock.now().getTime() - 30 * DAY));
    pairId = pair.id;
    void boss;
    // Eve speaks English only (the fixture default is both).
    await f.testDb.database.db.execute((await import('drizzle-orm')).sql`UPDATE enrollments SET languages = '["en"]' WHERE id = ${eveEnrollment.id}`);
  });

  it('is refused to participants', async () => {
    expect(shown(await f.core.handleCommand(actorOf(eve), 'admin rematch <@UEVE> now'))).toContain('Only the program admins');
    expect(shown(await f.core.handleAction(actorOf(eve), PAIR_ACTIONS.rematchNow, eveEnrollment.id))).toContain('Only the program admins');
  });

  it('explains how to use it', async () => {
    expect(shown(await f.core.handleCommand(f.admin, 'admin rematch'))).toContain('Please mention the person to rematch');
  });

  it('from a pair: offers next round, or now for either partner', async () => {
    const choice = await f.core.handleAction(f.admin, PAIR_ACTIONS.rematch, pairId);
    expect(shown(choice)).toContain('Rematch the pair *Mona* (mentor) & *Eve* (mentee)');
    expect(buttons(choice).map((b) => [b.action, plain(b.label)])).toEqual([
      [PAIR_ACTIONS.rematchNext, 'Next round'],
      [PAIR_ACTIONS.rematchNow, 'New partner for Eve now'],
      [PAIR_ACTIONS.rematchNow, 'New partner for Mona now'],
    ]);
  });

  it('now: proposes the best mentor the hard rules allow, and changes nothing before confirmation', async () => {
    const preview = await f.core.handleCommand(f.admin, 'admin reapparier <@UEVE> maintenant');
    const text = shown(preview);
    // Mona (previous partner), Ray (reports to Eve), Fred (no shared language), Fiona (full) and Zoe (pending) are out.
    expect(text).toContain('Best available partner for Eve');
    expect(text).toMatch(/\*Nina\* \(mentor\) ↔ \*Eve\* \(mentee\) — \d+ pts: /);
    expect(text).toContain('Confirming ends the current pair of Eve with Mona');
    expect((await f.store.getPair(pairId))!.status).toBe('active');
  });

  it('confirm: the old pair ends (Mona told), the new pair is introduced, audited', async () => {
    const preview = await f.core.handleCommand(f.admin, 'admin rematch <@UEVE> now');
    const confirm = button(preview, PAIR_ACTIONS.rematchConfirm);
    const done = await f.core.handleAction(f.admin, PAIR_ACTIONS.rematchConfirm, confirm.value);
    expect(shown(done)).toContain('*Nina* and *Eve* are now a pair');
    expect((await f.store.getPair(pairId))!.status).toBe('ended');
    const [current] = await f.store.listActivePairsOfPerson(eve.id);
    expect(current).toMatchObject({ mentorPersonId: nina.id, menteePersonId: eve.id, roundId: null });
    expect(current!.score).toBeGreaterThan(0);
    expect(current!.reasons.length).toBeGreaterThan(0);
    expect(current!.plan?.modules).toEqual(expect.arrayContaining(['genai-assistants']));
    const notifications = await f.store.listNotifications();
    const intro = notifications.filter((n) => n.kind === 'pair.intro' && n.payload.pairId === current!.id);
    expect(intro).toHaveLength(1);
    expect(intro[0]!.audienceIds?.sort()).toEqual([nina.id, eve.id].sort());
    const ended = notifications.filter((n) => n.kind === 'pair.ended' && n.payload.pairId === pairId);
    expect(ended.map((n) => n.recipientId)).toEqual([mona.id]);
    const audit = await f.store.listAuditEntries({ action: 'pair.rematched' });
    expect(audit.at(-1)).toMatchObject({ actorId: f.adminPerson.id, targetId: current!.id, details: { personId: eve.id, partnerId: nina.id, endedPairs: [pairId] } });
    // The same confirmation again: Nina is now Eve's previous... current partner, nothing doubles.
    const again = await f.core.handleAction(f.admin, PAIR_ACTIONS.rematchConfirm, confirm.value);
    expect(shown(again)).toContain('no longer holds');
    expect(await f.store.listActivePairsOfPerson(eve.id)).toHaveLength(1);
  });

  it('now, when nobody fits: says why and changes nothing', async () => {
    // Eve has had Mona and Nina; Tom remains. Take Tom's seat: nobody is left.
    const filler = await f.enroll(await f.person('UFILL', 'Filler'), 'mentee', [{ topic: 'genai-assistants', level: 1 }]);
    const tomEnrollment = (await f.store.findEnrollment(f.program.id, tom.id, 'mentor'))!;
    await f.pair(tomEnrollment, filler, f.clock.now());
    const outcome = await f.core.handleCommand(f.admin, 'admin rematch <@UEVE> now');
    expect(shown(outcome)).toContain('Nobody available fits *Eve* right now');
    expect(await f.store.listActivePairsOfPerson(eve.id)).toHaveLength(1);
  });

  it('next round: the pair ends, both partners told, and they stay in the pool', async () => {
    const choice = await f.core.handleCommand(f.admin, 'admin rematch <@UEVE>');
    expect(shown(choice)).toContain('their current pair ends');
    const next = button(choice, PAIR_ACTIONS.rematchNext);
    const [current] = await f.store.listActivePairsOfPerson(eve.id);
    const done = await f.core.handleAction(f.admin, PAIR_ACTIONS.rematchNext, next.value);
    expect(shown(done)).toContain('Their pair has ended');
    expect(shown(done)).toContain('*Eve* is in the pool and will be considered at the next pairing round');
    expect((await f.store.getPair(current!.id))!.status).toBe('ended');
    expect((await f.store.getEnrollment(eveEnrollment.id))!.status).toBe('approved');
    const told = (await f.store.listNotifications({ kinds: ['pair.ended'] })).filter((n) => n.payload.pairId === current!.id);
    expect(told.map((n) => n.recipientId).sort()).toEqual([eve.id, nina.id].sort());
    // Without a pair, "next round" just confirms they are in the pool.
    const again = await f.core.handleAction(f.admin, PAIR_ACTIONS.rematchNext, next.value);
    expect(shown(again)).not.toContain('Their pair has ended');
    expect(shown(again)).toContain('is in the pool');
  });

  it('explains paused and pending people instead of rematching them', async () => {
    const paused = await f.person('UPAUSED', 'Paula');
    await f.enroll(paused, 'mentee', [{ topic: 'genai-assistants', level: 2 }], { pausedUntil: '2027-01-15' });
    expect(shown(await f.core.handleCommand(f.admin, 'admin rematch <@UPAUSED> now'))).toContain('has paused their participation until Friday 15 January 2027');
    expect(shown(await f.core.handleCommand(f.admin, 'admin rematch <@UZOE>'))).toContain('still awaits a decision');
    expect(shown(await f.core.handleCommand(f.admin, 'admin rematch <@UBOSS>'))).toContain('Boss has not joined the program');
  });
});
