// `admin end @person` and the End button: confirmation, sessions and pending messages cancelled, partners told kindly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeNotification } from '../../src/core/use-cases/compose-notification.js';
import { PAIR_ACTIONS } from '../../src/core/use-cases/pair-oversight.js';
import { plain } from '../../src/core/text.js';
import type { PairRecord, SessionRecord } from '../../src/core/ports.js';
import type { Person } from '../../src/core/types.js';
import { actorOf, button, buttons, DAY, pairFixture, shown, type PairFixture } from './pair-fixture.js';

let f: PairFixture;
let mona: Person, eve: Person, sam: Person;
let pair: PairRecord;
let upcoming: SessionRecord;
const topic = [{ topic: 'cybersecurity', level: 4 }];

beforeAll(async () => {
  f = await pairFixture();
  mona = await f.person('UMONA', 'Mona');
  eve = await f.person('UEVE', 'Eve', { locale: 'fr' });
  sam = await f.person('USAM', 'Sam');
  const mentor = await f.enroll(mona, 'mentor', topic, { capacity: 2 });
  const mentee = await f.enroll(eve, 'mentee', topic);
  const other = await f.enroll(sam, 'mentee', topic);
  const now = f.clock.now().getTime();
  pair = await f.pair(mentor, mentee, new Date(now - 30 * DAY));
  await f.pair(mentor, other, new Date(now - 30 * DAY));
  await f.session(pair, new Date(now - 10 * DAY), 'held');
  upcoming = await f.session(pair, new Date(now + 5 * DAY), 'scheduled');
  const due = new Date(now + 4 * DAY);
  await f.store.enqueueNotifications([
    { recipientId: eve.id, kind: 'session.reminder', subject: `session:${upcoming.id}`, payload: {}, dueAt: due, dedupeKey: 'test.reminder.eve' },
    { recipientId: mona.id, kind: 'session.reminder', subject: `session:${upcoming.id}`, payload: {}, dueAt: due, dedupeKey: 'test.reminder.mona' },
    { recipientId: eve.id, kind: 'pair.nudge', subject: `pair:${pair.id}`, payload: {}, dueAt: due, dedupeKey: 'test.nudge.eve' },
    { recipientId: sam.id, kind: 'pair.nudge', subject: 'pair:someone-else', payload: {}, dueAt: due, dedupeKey: 'test.nudge.sam' },
  ]);
});
afterAll(async () => f?.dispose());

describe('ending a pair', () => {
  it('needs the person named', async () => {
    expect(shown(await f.core.handleCommand(f.admin, 'admin end'))).toContain('Please mention the person whose pair should end');
    expect(shown(await f.core.handleCommand(f.admin, 'admin end nobody@example.com'))).toContain('I don’t know nobody@example.com yet');
  });

  it('is refused to participants, and changes nothing', async () => {
    // Eve reads French.
    expect(shown(await f.core.handleCommand(actorOf(eve), 'admin end <@UMONA>'))).toContain('Seuls les administrateurs du programme');
    expect(shown(await f.core.handleAction(actorOf(eve), PAIR_ACTIONS.endConfirm, pair.id))).toContain('Seuls les administrateurs du programme');
    expect((await f.store.getPair(pair.id))!.status).toBe('active');
  });

  it('asks to confirm each of the person’s active pairs', async () => {
    const outcome = await f.core.handleCommand(f.admin, 'admin end <@UMONA>');
    expect(shown(outcome)).toContain('Both partners are told, kindly and without a reason');
    expect(shown(outcome)).toContain('End the pair *Mona* (mentor) & *Eve* (mentee)?');
    expect(shown(outcome)).toContain('End the pair *Mona* (mentor) & *Sam* (mentee)?');
    expect(buttons(outcome).filter((b) => b.action === PAIR_ACTIONS.endConfirm)).toHaveLength(2);
    // The mentee's own pair only.
    const byEmail = await f.core.handleCommand(f.admin, 'admin terminer ueve@example.com');
    expect(buttons(byEmail).filter((b) => b.action === PAIR_ACTIONS.endConfirm).map((b) => b.value)).toEqual([pair.id]);
    // Keeping it changes nothing.
    expect(shown(await f.core.handleAction(f.admin, PAIR_ACTIONS.endKeep, pair.id))).toContain('the pair goes on');
    expect((await f.store.getPair(pair.id))!.status).toBe('active');
  });

  it('ends once: future sessions and the pair’s pending messages cancelled, both partners told without a reason', async () => {
    const ask = await f.core.handleAction(f.admin, PAIR_ACTIONS.end, pair.id);
    const confirm = button(ask, PAIR_ACTIONS.endConfirm);
    const [first, second] = await Promise.all([
      f.core.handleAction(f.admin, PAIR_ACTIONS.endConfirm, confirm.value),
      f.core.handleAction(f.admin, PAIR_ACTIONS.endConfirm, confirm.value),
    ]);
    const answers = [shown(first), shown(second)];
    expect(answers.filter((a) => a.includes('has ended. Their planned sessions are cancelled'))).toHaveLength(1);
    expect(answers.filter((a) => a.includes('has already ended'))).toHaveLength(1);
    expect((await f.store.getPair(pair.id))!.status).toBe('ended');
    const sessions = await f.store.listSessions(pair.id);
    expect(sessions.find((s) => s.id === upcoming.id)!.status).toBe('cancelled');
    expect(sessions.filter((s) => s.status === 'held')).toHaveLength(1);

    const all = await f.store.listNotifications();
    const byKey = new Map(all.map((n) => [n.dedupeKey, n]));
    expect(byKey.get('test.reminder.eve')!.status).toBe('cancelled');
    expect(byKey.get('test.reminder.mona')!.status).toBe('cancelled');
    expect(byKey.get('test.nudge.eve')!.status).toBe('cancelled');
    expect(byKey.get('test.nudge.sam')!.status).toBe('pending');

    const ended = all.filter((n) => n.kind === 'pair.ended' && n.payload.pairId === pair.id);
    expect(ended.map((n) => n.recipientId).sort()).toEqual([mona.id, eve.id].sort());
    const toEve = plain((await composeNotification(f.deps, ended.find((n) => n.recipientId === eve.id)!, eve))!.text);
    expect(toEve).toBe(
      'Bonjour Eve, votre binôme avec Mona prend fin. Merci pour le temps et les idées partagés. Vous restez dans le programme et serez pris(e) en compte lors de la prochaine constitution des binômes.',
    );
    const toMona = plain((await composeNotification(f.deps, ended.find((n) => n.recipientId === mona.id)!, mona))!.text);
    expect(toMona).toContain('your pair with Eve has come to an end');
    expect(toMona).not.toContain('left');

    const audit = await f.store.listAuditEntries({ action: 'pair.ended' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: f.adminPerson.id, targetType: 'pair', targetId: pair.id, details: { sessionsCancelled: 1, notificationsCancelled: 3 } });
    // Sam's pair with Mona goes on.
    expect((await f.store.listActivePairsOfPerson(sam.id)).map((p) => p.mentorPersonId)).toEqual([mona.id]);
  });

  it('an old End button says the pair has already ended', async () => {
    expect(shown(await f.core.handleAction(f.admin, PAIR_ACTIONS.end, pair.id))).toContain('has already ended');
    expect(shown(await f.core.handleCommand(f.admin, 'admin end <@UEVE>'))).toContain('Eve has no active pair right now');
  });
});
