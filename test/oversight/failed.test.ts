// `admin failed`: deliveries Tandem gave up on, in words, with Retry / Dismiss, paged.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_ACTIONS } from '../../src/core/use-cases/list-failed.js';
import type { Person } from '../../src/core/types.js';
import { actorOf, button, buttons, pairFixture, shown, type PairFixture } from './pair-fixture.js';

let f: PairFixture;
let eve: Person, marc: Person;

async function failed(recipient: Person, kind: string, error: string, key: string, minutesAgo: number, attempts = 5) {
  const dueAt = new Date(f.clock.now().getTime() - minutesAgo * 60_000);
  await f.store.enqueueNotifications([{ recipientId: recipient.id, kind, payload: {}, dueAt, dedupeKey: key }]);
  await f.testDb.database.db.execute(sql`UPDATE notifications SET status = 'failed', attempts = ${attempts}, last_error = ${error} WHERE dedupe_key = ${key}`);
  return (await f.store.findNotificationByKey(key))!;
}

beforeAll(async () => {
  f = await pairFixture();
  eve = await f.person('UEVE', 'Eve');
  marc = await f.person('UMARC', 'Marc', { locale: 'fr' });
});
afterAll(async () => f?.dispose());

describe('admin failed', () => {
  it('says so when nothing failed', async () => {
    expect(shown(await f.core.handleCommand(f.admin, 'admin failed'))).toContain('No failed delivery');
  });

  it('lists what failed, to whom, how many attempts and why, in words', async () => {
    await failed(eve, 'pair.intro', 'Slack API error: account_inactive', 'f1', 10);
    await failed(marc, 'session.reminder', 'no Teams conversation with this person yet, and none in their tenant to start one from', 'f2', 20, 3);
    await failed(eve, 'mystery.kind', 'Something odd <b>happened</b>', 'f3', 30);
    await f.store.enqueueNotifications([{ recipientId: eve.id, kind: 'pair.intro', payload: {}, dueAt: f.clock.now(), dedupeKey: 'pending-one' }]);
    const outcome = await f.core.handleCommand(f.admin, 'admin failed');
    const text = shown(outcome);
    expect(text).toContain('*Pair introduction* to *Eve* — attempts: 5');
    expect(text).toContain('Their account is deactivated or no longer exists.');
    expect(text).toContain('*Session reminder* to *Marc* — attempts: 3');
    expect(text).toContain('ask them to open Tandem in Teams once');
    expect(text).toContain('*Message (mystery.kind)* to *Eve*');
    expect(text).toContain('Other error: Something odd <b>happened</b>');
    // Most recent first; the pending one is not a failure.
    expect(text.indexOf('Pair introduction')).toBeLessThan(text.indexOf('Session reminder'));
    expect(buttons(outcome).filter((b) => b.action === FAILED_ACTIONS.retry)).toHaveLength(3);
    // The raw error a person could have influenced stays marked as untrusted text.
    const row = outcome.kind === 'message' ? outcome.message.blocks.find((b) => b.type === 'text' && b.text.includes('Something odd')) : undefined;
    expect(row && 'text' in row && row.text).toContain('\u0002Something odd <b>happened</b>\u0003');
  });

  it('in French, with the French alias', async () => {
    const claire = await f.person('UCLAIRE', 'Claire', { locale: 'fr' });
    await f.store.grantRole(f.program.id, claire.id, 'admin');
    const text = shown(await f.core.handleCommand(actorOf(claire, 'fr'), 'admin échecs'));
    expect(text).toContain('Échecs d’envoi');
    expect(text).toContain('*Présentation d’un binôme* à *Eve* — tentatives : 5, la dernière le mercredi 25 novembre 2026 à 10:50');
    expect(text).toContain('Son compte est désactivé ou n’existe plus.');
  });

  it('retry puts it back in the outbox now, once; dismiss removes it, once; both audited', async () => {
    const f1 = (await f.store.findNotificationByKey('f1'))!;
    const f2 = (await f.store.findNotificationByKey('f2'))!;
    expect(shown(await f.core.handleAction(f.admin, FAILED_ACTIONS.retry, f1.id))).toContain('Queued again');
    const retried = (await f.store.findNotificationByKey('f1'))!;
    expect(retried).toMatchObject({ status: 'pending', attempts: 0 });
    expect(retried.dueAt.getTime()).toBe(f.clock.now().getTime());
    expect(shown(await f.core.handleAction(f.admin, FAILED_ACTIONS.retry, f1.id))).toContain('already retried or dismissed');

    expect(shown(await f.core.handleAction(f.admin, FAILED_ACTIONS.dismiss, f2.id))).toContain('Dismissed');
    const dismissed = (await f.store.findNotificationByKey('f2'))!;
    expect(dismissed.status).toBe('cancelled');
    expect(dismissed.lastError).toContain('no Teams conversation');
    expect(shown(await f.core.handleAction(f.admin, FAILED_ACTIONS.dismiss, f2.id))).toContain('already retried or dismissed');

    expect((await f.store.listAuditEntries({ action: 'notification.retried' })).map((a) => a.targetId)).toEqual([f1.id]);
    expect((await f.store.listAuditEntries({ action: 'notification.dismissed' })).map((a) => a.targetId)).toEqual([f2.id]);
    const text = shown(await f.core.handleCommand(f.admin, 'admin failed'));
    expect(text).not.toContain('Pair introduction');
    expect(text).not.toContain('Session reminder');
    expect(text).toContain('mystery.kind');
  });

  it('is refused to participants', async () => {
    const f3 = (await f.store.findNotificationByKey('f3'))!;
    expect(shown(await f.core.handleCommand(actorOf(eve), 'admin failed'))).toContain('Only the program admins');
    expect(shown(await f.core.handleAction(actorOf(eve), FAILED_ACTIONS.retry, f3.id))).toContain('Only the program admins');
    expect(shown(await f.core.handleAction(actorOf(eve), FAILED_ACTIONS.dismiss, f3.id))).toContain('Only the program admins');
    expect((await f.store.findNotificationByKey('f3'))!.status).toBe('failed');
  });

  it('pages by 15, under Slack’s 50 blocks', async () => {
    for (let i = 0; i < 16; i += 1) await failed(marc, 'nudge.mentee', 'Slack HTTP 503', `page-${i}`, 100 + i);
    const first = await f.core.handleCommand(f.admin, 'admin failed');
    expect(buttons(first).filter((b) => b.action === FAILED_ACTIONS.retry)).toHaveLength(15);
    expect(first.kind === 'message' && first.message.blocks.length).toBeLessThanOrEqual(50);
    expect(shown(first)).toContain('Deliveries 1–15');
    expect(shown(first)).toContain('The platform could not be reached at the time.');
    expect(shown(first)).toContain('Reminder to a quiet pair');
    const second = await f.core.handleAction(f.admin, FAILED_ACTIONS.page, button(first, FAILED_ACTIONS.page).value);
    expect(shown(second)).toContain('Deliveries 16–17');
    expect(buttons(second).filter((b) => b.action === FAILED_ACTIONS.retry)).toHaveLength(2);
    expect(buttons(second).filter((b) => b.action === FAILED_ACTIONS.page).map((b) => b.value)).toEqual(['0']);
  });
});
