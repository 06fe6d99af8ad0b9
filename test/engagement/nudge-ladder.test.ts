// The nudge ladder through the core on a real store: mentee, then both, then the admins; once per silence,
// in working hours, never to paused people, dropped when the pair plans something.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nudgeQuietPairs } from '../../src/core/use-cases/nudge-pairs.js';
import { days, makePair, makePerson, makeSession, type TestPair } from './fixtures.js';
import { actorOf, buttonsOf, compose, notificationsOf, outcomeText, startHarness, textOf, type Harness } from './harness.js';

let h: Harness;
let pair: TestPair;
const CREATED = new Date('2026-11-02T10:00:00Z'); // a Monday
const at = (d: number) => new Date(CREATED.getTime() + days(d));
const NUDGES = ['nudge.mentee', 'nudge.both', 'nudge.at_risk'];

beforeAll(async () => {
  h = await startHarness(CREATED.toISOString());
  pair = await makePair(h.store, h.testDb.database, h.program, {
    mentor: { name: 'Mona', timeZone: 'America/New_York' },
    mentee: { name: 'Eve' },
    createdAt: CREATED,
  });
});
afterAll(async () => h?.dispose());

const rowsOf = async (pairId: string) => (await notificationsOf(h.store, NUDGES)).filter((n) => n.subject === `pair:${pairId}`);

describe('the nudge ladder', () => {
  it('leaves a pair alone before the first threshold', async () => {
    h.clock.set(at(6));
    await nudgeQuietPairs(h.deps);
    expect(await rowsOf(pair.pair.id)).toHaveLength(0);
  });

  it('nudges the mentee alone after nudgeDays.mentee, with a button that opens the session form, once', async () => {
    h.clock.set(at(7));
    await nudgeQuietPairs(h.deps);
    await nudgeQuietPairs(h.deps);
    const rows = await rowsOf(pair.pair.id);
    expect(rows.map((r) => [r.kind, r.recipientId])).toEqual([['nudge.mentee', pair.mentee.id]]);
    expect(rows[0]!.dueAt).toEqual(at(7)); // Monday 11:00 in Paris: working time
    const message = await compose(h, rows[0]!);
    expect(textOf(message)).toContain('nothing has been planned with Mona for 7 days');
    expect(buttonsOf(message)).toEqual([expect.objectContaining({ action: 'session.form', value: pair.pair.id })]);
    // The button really opens the session form for this pair.
    const opened = await h.core.handleAction(actorOf(pair.mentee), 'session.form', pair.pair.id);
    expect(opened.kind).toBe('form');
  });

  it('nudges both partners after nudgeDays.both, each within their own working hours', async () => {
    h.clock.set(at(14));
    await nudgeQuietPairs(h.deps);
    const both = (await rowsOf(pair.pair.id)).filter((r) => r.kind === 'nudge.both');
    expect(both.map((r) => r.recipientId).sort()).toEqual([pair.mentee.id, pair.mentor.id].sort());
    // 10:00 UTC is 05:00 in New York: the mentor's nudge waits for 09:00 there.
    expect(both.find((r) => r.recipientId === pair.mentor.id)!.dueAt).toEqual(new Date('2026-11-16T14:00:00Z'));
    expect(both.find((r) => r.recipientId === pair.mentee.id)!.dueAt).toEqual(at(14));
    expect(textOf(await compose(h, both.find((r) => r.recipientId === pair.mentor.id)!))).toContain('your pair with Eve has had nothing planned for 14 days');
  });

  it('tells the program admins the pair is at risk after nudgeDays.admins, with remind / rematch / end', async () => {
    const admin = await makePerson(h.store, { name: 'Ada', locale: 'fr' });
    await h.store.grantRole(h.program.id, admin.id, 'admin');
    h.clock.set(at(21));
    await nudgeQuietPairs(h.deps);
    await nudgeQuietPairs(h.deps);
    const alerts = (await rowsOf(pair.pair.id)).filter((r) => r.kind === 'nudge.at_risk');
    expect(alerts.map((r) => r.recipientId)).toEqual([admin.id]);
    const message = await compose(h, alerts[0]!);
    const text = textOf(message);
    expect(text).toContain('Rien n’est prévu depuis 21 jours pour Mona (mentor) et Eve');
    expect(text).toContain('Réapparier remet Eve dans le vivier pour la prochaine constitution des binômes');
    expect(text).toContain('les deux inscriptions restent validées');
    expect(buttonsOf(message).map((b) => [b.action, b.value])).toEqual([
      ['pair.remind', pair.pair.id],
      ['pair.rematch', pair.pair.id],
      ['pair.end', pair.pair.id],
    ]);
    // The buttons are the admin oversight's: "Remind both" answers the admin and nudges both partners.
    const reminded = await h.core.handleAction(actorOf(admin), 'pair.remind', pair.pair.id);
    expect(outcomeText(reminded)).toContain('C’est fait : Mona et Eve recevront chacun un petit rappel');
    // A partner cannot use them.
    expect(outcomeText(await h.core.handleAction(actorOf(pair.mentee), 'pair.end', pair.pair.id))).toContain('Only the program admins');
    // Nothing more is queued for this silence.
    h.clock.set(at(40));
    const again = await nudgeQuietPairs(h.deps);
    expect((await rowsOf(pair.pair.id)).length).toBe(4);
    expect(again.queued).toBe(0);
  });

  it('drops a pending nudge once the pair plans a session, and starts a new ladder after the next silence', async () => {
    const quiet = await makePair(h.store, h.testDb.database, h.program, { mentor: { name: 'Marc' }, mentee: { name: 'Omar' }, createdAt: at(0) });
    h.clock.set(at(8));
    await nudgeQuietPairs(h.deps);
    const [first] = await rowsOf(quiet.pair.id);
    expect(first?.kind).toBe('nudge.mentee');
    const session = await makeSession(h.store, h.testDb.database, quiet.pair, { startsAt: at(10), scheduledAt: at(8) });
    expect(await compose(h, first!)).toBeNull();
    // The session happens; eight days after its end, the mentee is nudged again, under a new key.
    await h.store.recordSessionAnswer(session.id, quiet.mentee.id, true);
    h.clock.set(new Date(at(18).getTime() + 2 * 3_600_000));
    await nudgeQuietPairs(h.deps);
    const rows = await rowsOf(quiet.pair.id);
    expect(rows.map((r) => r.kind)).toEqual(['nudge.mentee', 'nudge.mentee']);
    expect(rows[0]!.dedupeKey).not.toBe(rows[1]!.dedupeKey);
    expect(textOf(await compose(h, rows[1]!))).toContain('for 8 days');
  });

  it('holds a weekend nudge until Monday 09:00 in the recipient’s zone', async () => {
    const tokyo = await makePair(h.store, h.testDb.database, h.program, {
      mentor: { name: 'Ken', timeZone: 'Asia/Tokyo' },
      mentee: { name: 'Yui', timeZone: 'Asia/Tokyo' },
      createdAt: new Date('2026-11-20T10:00:00Z'),
    });
    h.clock.set('2026-11-28T10:00:00Z'); // Saturday
    await nudgeQuietPairs(h.deps);
    const [row] = await rowsOf(tokyo.pair.id);
    expect(row?.dueAt).toEqual(new Date('2026-11-30T00:00:00Z')); // Monday 09:00 in Tokyo
  });

  it('gives paused people nothing, and drops a nudge whose recipient paused meanwhile', async () => {
    const paused = await makePair(h.store, h.testDb.database, h.program, { mentor: { name: 'Paul' }, mentee: { name: 'Pia' }, createdAt: new Date('2026-11-01T10:00:00Z') });
    await h.store.updateEnrollment(paused.pair.menteeEnrollmentId, { status: 'paused', pausedUntil: '2027-02-01' });
    h.clock.set('2026-11-30T10:00:00Z');
    await nudgeQuietPairs(h.deps);
    expect(await rowsOf(paused.pair.id)).toHaveLength(0);

    const later = await makePair(h.store, h.testDb.database, h.program, { mentor: { name: 'Lea' }, mentee: { name: 'Luc' }, createdAt: new Date('2026-11-20T10:00:00Z') });
    await nudgeQuietPairs(h.deps);
    const [row] = await rowsOf(later.pair.id);
    expect(row?.kind).toBe('nudge.mentee');
    await h.store.updateEnrollment(later.pair.menteeEnrollmentId, { status: 'paused', pausedUntil: '2027-02-01' });
    expect(await compose(h, row!)).toBeNull();
  });

  it('reads the thresholds from the program settings', async () => {
    await h.store.updateProgramSettings(h.program.id, { nudgeDays: { mentee: 2, both: 3, admins: 4 } });
    try {
      const fast = await makePair(h.store, h.testDb.database, h.program, { mentor: { name: 'Fay' }, mentee: { name: 'Finn' }, createdAt: new Date('2026-11-27T10:00:00Z') });
      h.clock.set('2026-11-30T10:00:00Z'); // three days later
      await nudgeQuietPairs(h.deps);
      expect((await rowsOf(fast.pair.id)).map((r) => r.kind)).toEqual(['nudge.both', 'nudge.both']);
    } finally {
      await h.store.updateProgramSettings(h.program.id, { nudgeDays: { mentee: 7, both: 14, admins: 21 } });
    }
  });
});
