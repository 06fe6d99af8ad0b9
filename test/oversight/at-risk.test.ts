// `admin at-risk`: the set-based query against the rule computed here by hand, paging, the actions, remind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeNotification } from '../../src/core/use-cases/compose-notification.js';
import { PAIR_ACTIONS } from '../../src/core/use-cases/pair-oversight.js';
import { plain } from '../../src/core/text.js';
import type { PairRecord } from '../../src/core/ports.js';
import { actorOf, button, buttons, DAY, pairFixture, shown, type PairFixture } from './pair-fixture.js';

let f: PairFixture;
const named = new Map<string, PairRecord>();
const topic = [{ topic: 'cybersecurity', level: 4 }];

beforeAll(async () => {
  f = await pairFixture('2026-11-25T10:00:00Z'); // a Wednesday
  const now = f.clock.now().getTime();
  const ago = (days: number) => new Date(now - days * DAY);
  // Default threshold: nudgeDays.admins = 21 days.
  const make = async (label: string, createdDaysAgo: number, status: 'active' | 'closed' | 'ended' = 'active') => {
    const mentor = await f.enroll(await f.person(`UM_${label}`, `Mentor ${label}`), 'mentor', topic);
    const mentee = await f.enroll(await f.person(`UE_${label}`, `Mentee ${label}`), 'mentee', topic);
    const pair = await f.pair(mentor, mentee, ago(createdDaysAgo), status);
    named.set(label, pair);
    return pair;
  };
  await make('silent30', 30); // nothing ever: at risk, 30 days
  const heldRecently = await make('heldRecently', 30);
  await f.session(heldRecently, ago(5), 'held', ago(12)); // met 5 days ago
  const planned = await make('planned', 40);
  await f.session(planned, new Date(now + 3 * DAY), 'scheduled', ago(30)); // something ahead: never at risk
  const heldLong = await make('heldLong', 60);
  await f.session(heldLong, ago(25), 'held', ago(40)); // last met 25 days ago: at risk
  const missed = await make('missed', 60);
  await f.session(missed, ago(22), 'missed', ago(23)); // missed 22 days ago: at risk, 22 days (minus the hour)
  const justScheduled = await make('justScheduled', 60);
  await f.session(justScheduled, ago(30), 'cancelled', ago(2)); // a session was planned 2 days ago: not at risk
  const pastScheduled = await make('pastScheduled', 60);
  await f.session(pastScheduled, ago(24), 'scheduled', ago(26)); // scheduled but in the past, never marked: at risk
  await make('closed', 90, 'closed');
  await make('ended', 90, 'ended');
  await make('young', 10);
  await make('edge', 21); // exactly at the threshold: at risk
});
afterAll(async () => f?.dispose());

describe('admin at-risk', () => {
  it('lists exactly the pairs the rule names, longest silence first, with days and last activity', async () => {
    const outcome = await f.core.handleCommand(f.admin, 'admin at-risk');
    const text = shown(outcome);
    expect(text).toContain('Pairs at risk: 5');
    const order = ['heldLong', 'silent30', 'pastScheduled', 'missed', 'edge'];
    // heldLong: session ended 25 d − 1 h ago but was created 40 days ago → last activity 25 days ago (minus an hour)...
    const positions = order.map((label) => text.indexOf(`Mentor ${label}`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    for (const label of ['heldRecently', 'planned', 'justScheduled', 'closed', 'ended', 'young']) expect(text).not.toContain(`Mentor ${label}`);
    // Silence in whole days, computed from each pair's last activity.
    expect(text).toMatch(/Mentor silent30\* \(mentor\) & \*Mentee silent30\* \(mentee\) — days of silence: \*30\*/);
    expect(text).toContain('days of silence: *21*, last activity on Wednesday 4 November 2026');
    expect(text).toMatch(/Mentor missed.*days of silence: \*21\*.*sessions held: 0/);
    expect(text).toMatch(/Mentor heldLong.*days of silence: \*24\*.*sessions held: 1/);
    // Each pair carries Remind / Rematch / End with its pair id.
    const values = buttons(outcome).filter((b) => b.action === PAIR_ACTIONS.end).map((b) => b.value);
    expect(new Set(values)).toEqual(new Set(order.map((label) => named.get(label)!.id)));
  });

  it('orders by last activity', async () => {
    const text = shown(await f.core.handleCommand(f.admin, 'admin risque'));
    const silent30 = text.indexOf('Mentor silent30');
    const edge = text.indexOf('Mentor edge');
    expect(silent30).toBeGreaterThan(-1);
    expect(silent30).toBeLessThan(edge);
  });

  it('is refused to participants, politely', async () => {
    const outcome = await f.core.handleCommand(actorOf({ userId: 'UE_silent30', name: 'Mentee silent30' }), 'admin at-risk');
    expect(shown(outcome)).toContain('Only the program admins');
    expect(shown(await f.core.handleAction(actorOf({ userId: 'UE_silent30', name: 'x' }), PAIR_ACTIONS.remind, named.get('silent30')!.id))).toContain(
      'Only the program admins',
    );
  });

  it('says so when no pair is at risk (French alias)', async () => {
    f.clock.set('2026-10-01T10:00:00Z'); // before any of these pairs went quiet
    const outcome = await f.core.handleCommand(actorOf({ userId: 'UADMIN', name: 'Ada' }), 'admin a-risque');
    expect(shown(outcome)).toContain('No pair is at risk');
    f.clock.set('2026-11-25T10:00:00Z');
  });
});

describe('remind', () => {
  it('nudges both partners within their working hours, once a day', async () => {
    const pair = named.get('silent30')!;
    f.clock.set('2026-11-28T20:00:00Z'); // Saturday evening in Paris
    const first = await f.core.handleAction(f.admin, PAIR_ACTIONS.remind, pair.id);
    expect(shown(first)).toContain('will each get a friendly reminder');
    const rows = (await f.store.listNotifications({ kinds: ['pair.remind'] })).filter((n) => n.payload.pairId === pair.id);
    expect(rows.map((r) => r.recipientId).sort()).toEqual([pair.mentorPersonId, pair.menteePersonId].sort());
    // Monday 09:00 in Paris.
    expect(rows.every((r) => r.dueAt.toISOString() === '2026-11-30T08:00:00.000Z')).toBe(true);
    expect(rows.every((r) => r.subject === `pair:${pair.id}`)).toBe(true);
    const again = await f.core.handleAction(f.admin, PAIR_ACTIONS.remind, pair.id);
    expect(shown(again)).toContain('already been reminded today');
    expect((await f.store.listNotifications({ kinds: ['pair.remind'] })).filter((n) => n.payload.pairId === pair.id)).toHaveLength(2);
    const audit = await f.store.listAuditEntries({ action: 'pair.reminded' });
    expect(audit.map((a) => a.targetId)).toContain(pair.id);

    const mentee = (await f.store.getPerson(pair.menteePersonId))!;
    const message = await composeNotification(f.deps, rows.find((r) => r.recipientId === mentee.id)!, mentee);
    expect(plain(message!.text)).toContain('since you and Mentor silent30 last met');
    expect(message!.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))[0]).toMatchObject({ action: 'session.form', value: pair.id });

    // A session planned meanwhile makes the reminder pointless: it is dropped at send time.
    await f.session(pair, new Date('2026-12-02T10:00:00Z'), 'scheduled');
    expect(await composeNotification(f.deps, rows[0]!, mentee)).toBeNull();
    f.clock.set('2026-11-25T10:00:00Z');
  });
});

describe('paging', () => {
  it('shows 15 pairs per page, with More and Previous, under Slack’s 50 blocks', async () => {
    const now = f.clock.now().getTime();
    for (let i = 0; i < 14; i += 1) {
      const mentor = await f.enroll(await f.person(`UPM${i}`, `Page mentor ${i}`), 'mentor', topic);
      const mentee = await f.enroll(await f.person(`UPE${i}`, `Page mentee ${i}`), 'mentee', topic);
      await f.pair(mentor, mentee, new Date(now - (100 + i) * DAY));
    }
    // 5 − 1 (silent30 now has a session ahead) + 14 = 18
    const first = await f.core.handleCommand(f.admin, 'admin at-risk');
    expect(shown(first)).toContain('Pairs at risk: 18');
    expect(shown(first)).toContain('Pairs 1–15 of 18');
    expect(first.kind === 'message' && first.message.blocks.length).toBeLessThanOrEqual(50);
    expect(buttons(first).filter((b) => b.action === PAIR_ACTIONS.end)).toHaveLength(15);
    const more = button(first, PAIR_ACTIONS.atRiskPage);
    expect(more.label).toBe('More →');
    const second = await f.core.handleAction(f.admin, PAIR_ACTIONS.atRiskPage, more.value);
    expect(second.kind === 'message' && second.replaceSource).toBe(true);
    expect(shown(second)).toContain('Pairs 16–18 of 18');
    expect(buttons(second).filter((b) => b.action === PAIR_ACTIONS.end)).toHaveLength(3);
    expect(button(second, PAIR_ACTIONS.atRiskPage).label).toBe('← Previous');
    // A page past the end (pairs were handled meanwhile) shows the last one.
    expect(shown(await f.core.handleAction(f.admin, PAIR_ACTIONS.atRiskPage, '7'))).toContain('Pairs 16–18 of 18');
  });
});
