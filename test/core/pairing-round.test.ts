// A pairing round through the core on a real store: preview, confirm once, announcements, scheduling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../src/core/context.js';
import { createTandem } from '../../src/core/create-tandem.js';
import type { Form, Outcome } from '../../src/core/messages.js';
import type { Actor, Tandem } from '../../src/core/tandem.js';
import { plain } from '../../src/core/text.js';
import type { EnrollmentRole, Locale } from '../../src/core/types.js';
import { composeNotification } from '../../src/core/use-cases/compose-notification.js';
import { reportRoundProgress } from '../../src/core/use-cases/report-round-progress.js';
import { DrizzleStore } from '../../src/store/drizzle-store.js';
import { seedDatabase } from '../../src/store/seed.js';
import { testClock } from '../support/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let testDb: TestDatabase;
let store: DrizzleStore;
let core: Tandem;
let deps: CoreDeps;
const clock = testClock('2026-11-25T09:00:00Z');
const silent = { debug() {}, info() {}, warn() {}, error() {} };

const actor = (userId: string, name: string, locale: Locale = 'en', platform: 'slack' | 'teams' = 'slack'): Actor => ({
  identity: { platform, tenantId: 'T1', userId },
  fetchProfile: async () => ({ name, email: `${userId.toLowerCase()}@example.com`, locale, timeZone: 'Europe/Paris' }),
});
const admin = actor('UADMIN', 'Ada');

const text = (outcome: Outcome): string =>
  plain((outcome.kind === 'message' || outcome.kind === 'form_done' ? JSON.stringify(outcome.message.blocks) : JSON.stringify(outcome)).replace(/\\u000[23]/g, ''));

async function join(who: Actor, role: EnrollmentRole, topics: Record<string, string>, extra: Record<string, string | string[]> = {}) {
  const outcome = await core.handleCommand(who, `join ${role}`);
  const form = (outcome as { form: Form }).form;
  const values = Object.fromEntries(Object.entries(topics).map(([slug, level]) => [`topic.${slug}`, level]));
  const done = await core.submitForm(who, form.id, form.state, {
    ...values,
    languages: ['fr', 'en'],
    timeZone: 'Europe/Paris',
    availability: ['mon-am', 'tue-pm'],
    capacity: '1',
    charter: 'true',
    ...extra,
  });
  expect(done.kind).toBe('form_done');
}

const buttonValue = (outcome: Outcome, action: string) => {
  const blocks = outcome.kind === 'message' ? outcome.message.blocks : [];
  return blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).find((b) => b.action === action)?.value;
};

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.migrate((db) => seedDatabase(db, { timeZone: 'Europe/Paris' }));
  store = DrizzleStore.from(testDb.database);
  deps = { store, clock, logger: silent, settings: { admins: ['UADMIN'], defaultLocale: 'en', defaultTimeZone: 'Europe/Paris', profileTtlMs: 86_400_000, publicUrl: 'http://127.0.0.1:3978' } };
  core = createTandem(deps);
  await core.handleCommand(admin, 'help');
  const program = (await store.findOpenProgram())!;
  // Approval off for this program's mentors, to keep the setup short.
  await testDb.database.db.execute(
    (await import('drizzle-orm')).sql`UPDATE programs SET settings = jsonb_set(settings, '{approvalRequired}', 'false') WHERE id = ${program.id}`,
  );
  await join(actor('UM1', 'Mona'), 'mentor', { cybersecurity: '5', 'genai-assistants': '4' }, { bio: 'Security engineer' });
  await join(actor('UM2', 'Marc', 'fr'), 'mentor', { 'linkedin-branding': '5' });
  await join(actor('UE1', 'Eve'), 'mentee', { cybersecurity: '3' }, { teachBack: ['strategy'] });
  await join(actor('UE2', 'Élodie', 'fr'), 'mentee', { 'linkedin-branding': '3' });
  await join(actor('UE3', 'Omar'), 'mentee', { 'data-literacy': '2' }, { languages: ['en'] });
});
afterAll(async () => testDb?.dispose());

describe('a pairing round', () => {
  let roundId: string;

  it('is for admins only', async () => {
    expect(text(await core.handleCommand(actor('UE1', 'Eve'), 'admin pair'))).toContain('Only the program admins');
  });

  it('previews the optimal pairs with reasons, and who stays unmatched and why', async () => {
    const preview = await core.handleCommand(admin, 'admin pair');
    const shown = text(preview);
    expect(shown).toContain('*2* pairs proposed between *3* mentees and *2* mentors');
    expect(shown).toMatch(/Mona\*? ↔ \*?Eve/);
    expect(shown).toMatch(/Marc\*? ↔ \*?Élodie/);
    expect(shown).toContain('cybersecurity (level 5/5, essential)');
    expect(shown).toContain('Omar (mentee)');
    roundId = buttonValue(preview, 'round.confirm')!;
    expect(roundId).toBeTruthy();
    // Nothing is stored or announced before confirmation.
    expect(await store.listPairs((await store.findOpenProgram())!.id)).toHaveLength(0);
    expect(await store.listNotifications({ kinds: ['pair.intro'] })).toHaveLength(0);
  });

  it('a newer preview replaces the older one', async () => {
    const newer = await core.handleCommand(admin, 'admin pair');
    expect(text(await core.handleAction(admin, 'round.confirm', roundId))).toContain('no longer current');
    roundId = buttonValue(newer, 'round.confirm')!;
  });

  it('confirms once, storing pairs and their announcements together', async () => {
    const [first, second] = await Promise.all([core.handleAction(admin, 'round.confirm', roundId), core.handleAction(admin, 'round.confirm', roundId)]);
    const answers = [text(first), text(second)];
    expect(answers.filter((a) => a.includes('Round confirmed'))).toHaveLength(1);
    expect(answers.filter((a) => a.includes('already been confirmed'))).toHaveLength(1);
    const program = (await store.findOpenProgram())!;
    expect(await store.listPairs(program.id)).toHaveLength(2);
    const intros = await store.listNotifications({ kinds: ['pair.intro'] });
    // Both pairs are on Slack in one workspace: one group DM each.
    expect(intros).toHaveLength(2);
    expect(intros.every((n) => n.audienceIds?.length === 2)).toBe(true);
    const unmatched = await store.listNotifications({ kinds: ['round.unmatched'] });
    expect(unmatched).toHaveLength(1);
    const omar = (await store.findPerson({ platform: 'slack', tenantId: 'T1', userId: 'UE3' }))!;
    const notice = await composeNotification(deps, unmatched[0]!, omar);
    expect(plain(notice!.text)).toContain('we could not find you a mentor this time');
  });

  it('introduces each pair in its readers’ languages, with the plan, the kit and a schedule button', async () => {
    const intros = await store.listNotifications({ kinds: ['pair.intro'] });
    const people = await store.listPeople();
    const marc = people.find((p) => p.name === 'Marc')!;
    const toMarc = intros.find((n) => n.recipientId === marc.id)!;
    const intro = await composeNotification(deps, toMarc, marc);
    const shown = plain(JSON.stringify(intro!.blocks));
    expect(shown).toContain('Voici votre binôme Tandem');
    expect(shown).toContain('Programme suggéré');
    const mona = people.find((p) => p.name === 'Mona')!;
    const toMona = intros.find((n) => n.recipientId === mona.id)!;
    const english = plain(JSON.stringify((await composeNotification(deps, toMona, mona))!.blocks));
    expect(english).toContain('Meet your Tandem partner');
    expect(english).toContain('Security engineer');
    expect(english).toContain('Company strategy');
    expect(english).not.toContain('Voici votre binôme');
  });

  it('lets a partner schedule the first session, read in their time zone, and tells the other', async () => {
    const eve = actor('UE1', 'Eve');
    const pair = (await store.listPairs((await store.findOpenProgram())!.id)).find((p) => p.menteePersonId);
    const eveId = (await store.findPerson(eve.identity))!.id;
    const evePair = (await store.listPairs(pair!.programId)).find((p) => p.menteePersonId === eveId)!;
    const form = (await core.handleAction(eve, 'session.form', evePair.id)) as { form: Form };
    const bad = await core.submitForm(eve, form.form.id, form.form.state, { date: '31/02/2026', time: '25:00', duration: '5' });
    expect(Object.keys((bad as { errors: Record<string, string> }).errors).sort()).toEqual(['date', 'duration', 'time']);
    const done = await core.submitForm(eve, form.form.id, form.form.state, { date: '2026-12-03', time: '14:30', duration: '60', topic: 'cybersecurity' });
    expect(text(done)).toContain('Thursday 3 December 2026, 14:30 (Europe/Paris)');
    const [session] = await store.listSessions(evePair.id);
    expect(session!.startsAt.toISOString()).toBe('2026-12-03T13:30:00.000Z');
    const clash = await core.submitForm(eve, form.form.id, form.form.state, { date: '2026-12-03', time: '15:00', duration: '30' });
    expect(text(clash)).toContain('You already have a session with Mona');
    expect(await store.listNotifications({ kinds: ['session.scheduled'] })).toHaveLength(1);
    // Someone outside the pair cannot use its button.
    expect(text(await core.handleAction(actor('UE2', 'Élodie', 'fr'), 'session.form', evePair.id))).toContain('n’est plus valable');
  });

  it('keeps the admin posted, then reports once everything is handled', async () => {
    await reportRoundProgress(deps);
    const round = await store.getRound(roundId);
    expect(round!.reportedAt).toBeNull();
    // Deliver every announcement (as the dispatcher would), then report.
    const far = new Date('2100-01-01T00:00:00Z');
    const claimed = await store.claimDueNotifications(far, new Date(far.getTime() + 60_000), 1000, 'test');
    const announcements = claimed.filter((n) => n.kind === 'pair.intro' || n.kind === 'round.unmatched');
    for (const n of announcements) await store.markNotificationSent(n.id, 'm', clock.now(), 'test');
    await store.releaseNotifications(claimed.filter((n) => !announcements.includes(n)).map((n) => n.id), 'test');
    await reportRoundProgress(deps);
    expect((await store.getRound(roundId))!.reportedAt).not.toBeNull();
    const [report] = await store.listNotifications({ kinds: ['round.report'] });
    const adminPerson = (await store.findPerson(admin.identity))!;
    expect(plain((await composeNotification(deps, report!, adminPerson))!.text)).toContain('announced: *3* of 3 messages delivered');
  });

  it('never pairs the same people again, and skips mentees already paired', async () => {
    const again = text(await core.handleCommand(admin, 'admin pair'));
    expect(again).toContain('No pair can be formed right now');
  });
});

describe('“See all pairs” on a large round', () => {
  it('pages 100 pairs at a time, within Slack’s 50-block limit', async () => {
    const program = (await store.findOpenProgram())!;
    const adminPerson = (await store.findPerson(admin.identity))!;
    const pairs = Array.from({ length: 250 }, (_, i) => ({
      mentorId: `mentor-${i}`,
      menteeId: `mentee-${String(i).padStart(3, '0')}`,
      score: 10,
      languages: ['en' as const],
      reasons: [],
    }));
    const stats = { mentors: 250, mentees: 250, capacity: 250, matched: 250, compatiblePairs: 250, candidatePairs: 250, certificateRounds: 1, solveMs: 1 };
    const round = await store.saveRoundPreview(program.id, adminPerson.id, { pairs, unmatched: [], totalScore: 2500, stats } as never);
    const pages: Outcome[] = [await core.handleAction(admin, 'round.all', round.id)];
    for (;;) {
      const next = buttonValue(pages.at(-1)!, 'round.all');
      const label = (pages.at(-1) as { message: { blocks: { type: string; buttons?: { label: string; value?: string }[] }[] } }).message.blocks
        .flatMap((b) => b.buttons ?? [])
        .find((b) => b.label.startsWith('Next'));
      if (!next || !label) break;
      pages.push(await core.handleAction(admin, 'round.all', label.value));
    }
    expect(pages).toHaveLength(3);
    const lineCounts = pages.map((page) => (text(page).match(/↔/g) ?? []).length);
    expect(lineCounts).toEqual([100, 100, 50]);
    for (const page of pages) expect((page as { message: { blocks: unknown[] } }).message.blocks.length).toBeLessThanOrEqual(50);
    expect(text(pages[1]!)).toContain('Pairs 101–200 of 250');
    expect(pages.slice(1).every((page) => page.kind === 'message' && page.replaceSource)).toBe(true);
    // A tampered page number shows the nearest real page.
    expect(text(await core.handleAction(admin, 'round.all', `${round.id}:99`))).toContain('Pairs 201–250 of 250');
  });
});
