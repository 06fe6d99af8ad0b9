// After a session: the question to both partners (in working hours), held/missed, private feedback with one
// answer per person, the adoption question a week later, and the pair closed when its plan is done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAboutEndedSessions } from '../../src/core/use-cases/session-feedback.js';
import { nudgeQuietPairs } from '../../src/core/use-cases/nudge-pairs.js';
import type { SessionRecord } from '../../src/core/ports.js';
import { plain } from '../../src/core/text.js';
import { parseCommand } from '../../src/core/grammar.js';
import { days, makePair, makePerson, makeSession, type TestPair } from './fixtures.js';
import { actorOf, buttonsOf, compose, formOf, notificationsOf, outcomeText, startHarness, textOf, type Harness } from './harness.js';

let h: Harness;
let pair: TestPair;
let first: SessionRecord;
const START = new Date('2026-11-30T08:00:00Z'); // Monday 09:00 in Paris

beforeAll(async () => {
  h = await startHarness(START.toISOString());
  pair = await makePair(h.store, h.testDb.database, h.program, {
    mentor: { name: 'Mona', locale: 'fr', timeZone: 'Europe/Paris' },
    mentee: { name: 'Eve', timeZone: 'America/New_York' },
    createdAt: new Date(START.getTime() - days(3)),
    sessionCount: 2,
    modules: ['cybersecurity', 'genai-assistants'],
  });
  // Tuesday 1 December, 17:30–18:30 in Paris (11:30–12:30 in New York).
  first = await makeSession(h.store, h.testDb.database, pair.pair, { startsAt: new Date('2026-12-01T16:30:00Z'), scheduledAt: START, topic: 'cybersecurity' });
});
afterAll(async () => h?.dispose());

const checksOf = async (sessionId: string) => (await notificationsOf(h.store, ['session.check'])).filter((n) => n.subject === `session:${sessionId}`);

describe('after a session', () => {
  it('asks nobody before the session has ended', async () => {
    h.clock.set('2026-12-01T17:00:00Z');
    expect(await askAboutEndedSessions(h.deps)).toBe(0);
  });

  it('asks both partners whether it happened, each in working hours, once', async () => {
    h.clock.set('2026-12-01T17:35:00Z'); // 18:35 in Paris, 12:35 in New York
    await askAboutEndedSessions(h.deps);
    await askAboutEndedSessions(h.deps);
    const rows = await checksOf(first.id);
    expect(rows).toHaveLength(2);
    // Not at night: the mentor (Paris) is asked the next morning; the mentee (New York) right away.
    expect(rows.find((r) => r.recipientId === pair.mentor.id)!.dueAt).toEqual(new Date('2026-12-02T08:00:00Z'));
    expect(rows.find((r) => r.recipientId === pair.mentee.id)!.dueAt).toEqual(new Date('2026-12-01T17:35:00Z'));
    const mentorAsk = await compose(h, rows.find((r) => r.recipientId === pair.mentor.id)!);
    expect(textOf(mentorAsk)).toContain('Bonjour Mona, votre séance avec Eve du mardi 1 décembre 2026 a-t-elle eu lieu ?');
    expect(buttonsOf(mentorAsk).map((b) => b.action)).toEqual(['session.happened', 'session.missed', 'session.form']);
    const menteeAsk = await compose(h, rows.find((r) => r.recipientId === pair.mentee.id)!);
    expect(textOf(menteeAsk)).toContain('did your session with Mona on Tuesday 1 December 2026 happen?');
  });

  it('“yes” marks the session held and opens the private feedback form; the mentor is also asked about ease', async () => {
    const outcome = await h.core.handleAction(actorOf(pair.mentee), 'session.happened', first.id);
    const form = formOf(outcome);
    expect(form.fields.map((f) => f.id)).toEqual(['usefulness', 'learned', 'next']);
    expect(plain(form.intro ?? '')).toContain('Mona will never see them');
    expect((await h.store.getSession(first.id))!.status).toBe('held');
    const mentorForm = formOf(await h.core.handleAction(actorOf(pair.mentor), 'feedback.form', first.id));
    expect(mentorForm.fields.map((f) => f.id)).toEqual(['usefulness', 'ease', 'learned', 'next']);
    expect(mentorForm.fields.find((f) => f.id === 'learned')).toMatchObject({ label: 'Qu’avez-vous transmis ?' });
  });

  it('refuses a form without a usefulness score or with a bad one, keeping what was typed', async () => {
    const form = formOf(await h.core.handleAction(actorOf(pair.mentee), 'feedback.form', first.id));
    const missing = await h.core.submitForm(actorOf(pair.mentee), form.id, form.state, { learned: 'Passkeys' });
    expect(missing.kind).toBe('form_errors');
    if (missing.kind !== 'form_errors') return;
    expect(missing.errors).toEqual({ usefulness: 'Please fill this in.' });
    expect(missing.form.fields.find((f) => f.id === 'learned')).toMatchObject({ initial: 'Passkeys' });
    const bad = await h.core.submitForm(actorOf(pair.mentee), form.id, form.state, { usefulness: '9' });
    expect(bad.kind === 'form_errors' && bad.errors.usefulness).toBe('Please choose one of the options.');
  });

  it('keeps one answer per person: the form reopens with it, and sending again replaces it', async () => {
    const form = formOf(await h.core.handleAction(actorOf(pair.mentee), 'feedback.form', first.id));
    const done = await h.core.submitForm(actorOf(pair.mentee), form.id, form.state, { usefulness: '4', learned: 'Passkeys', next: 'Turn on 2FA' });
    expect(outcomeText(done)).toContain('Thank you for your feedback! It stays private');
    expect(buttonsOf(done.kind === 'form_done' ? done.message : null)).toEqual([expect.objectContaining({ action: 'feedback.form', value: first.id })]);

    const reopened = formOf(await h.core.handleAction(actorOf(pair.mentee), 'feedback.form', first.id));
    expect(reopened.fields.find((f) => f.id === 'usefulness')).toMatchObject({ initial: ['4'] });
    expect(reopened.fields.find((f) => f.id === 'learned')).toMatchObject({ initial: 'Passkeys' });
    const edited = await h.core.submitForm(actorOf(pair.mentee), reopened.id, reopened.state, { usefulness: '5', learned: 'Passkeys and a password manager', next: '' });
    expect(outcomeText(edited)).toContain('Your feedback is updated');
    const mine = (await h.store.listPairFeedback(pair.pair.id)).filter((f) => f.personId === pair.mentee.id && f.kind === 'session');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ happened: true, usefulness: 5, learned: 'Passkeys and a password manager', nextStep: null, topic: 'cybersecurity' });
  });

  it('never shows one partner’s feedback to the other', async () => {
    const mentorForm = formOf(await h.core.handleAction(actorOf(pair.mentor), 'feedback.form', first.id));
    expect(JSON.stringify(mentorForm)).not.toContain('Passkeys');
    expect(mentorForm.fields.find((f) => f.id === 'usefulness')).toMatchObject({ initial: undefined });
    await h.core.submitForm(actorOf(pair.mentor), mentorForm.id, mentorForm.state, { usefulness: '3', ease: '2', learned: 'Les clés d’accès' });
    const menteeForm = formOf(await h.core.handleAction(actorOf(pair.mentee), 'feedback.form', first.id));
    expect(JSON.stringify(menteeForm)).not.toContain('clés d’accès');
  });

  it('keeps the session held when the other partner says it did not happen (held wins)', async () => {
    const outcome = await h.core.handleAction(actorOf(pair.mentor), 'session.missed', first.id);
    expect(outcome.kind === 'message' && outcome.replaceSource).toBe(true);
    expect((await h.store.getSession(first.id))!.status).toBe('held');
  });

  it('drops the question for someone who already answered', async () => {
    const rows = await checksOf(first.id);
    expect(await compose(h, rows.find((r) => r.recipientId === pair.mentee.id)!)).toBeNull();
  });

  it('refuses people outside the pair', async () => {
    const stranger = await makePerson(h.store, { name: 'Sam' });
    expect(outcomeText(await h.core.handleAction(actorOf(stranger), 'session.happened', first.id))).toContain('This button has expired');
    expect(outcomeText(await h.core.handleAction(actorOf(stranger), 'feedback.form', first.id))).toContain('This button has expired');
    expect(outcomeText(await h.core.handleAction(actorOf(stranger), 'adoption.yes', first.id))).toContain('This button has expired');
  });

  it('asks the mentee a week later, in working hours, whether they used what they learned', async () => {
    const [ask] = (await notificationsOf(h.store, ['adoption.check'])).filter((n) => n.subject === `session:${first.id}`);
    expect(ask?.recipientId).toBe(pair.mentee.id);
    // Session ended Tuesday 12:30 in New York; a week later is within working hours there.
    expect(ask?.dueAt).toEqual(new Date('2026-12-08T17:30:00Z'));
    const message = await compose(h, ask!);
    expect(textOf(message)).toContain('a week ago you worked on Everyday cybersecurity with Mona');
    expect(buttonsOf(message).map((b) => b.action)).toEqual(['adoption.yes', 'adoption.not_yet', 'adoption.no']);

    // Only the mentee may answer.
    expect(outcomeText(await h.core.handleAction(actorOf(pair.mentor), 'adoption.yes', first.id))).toContain('n’est plus valable');
    const form = formOf(await h.core.handleAction(actorOf(pair.mentee), 'adoption.not_yet', first.id));
    expect(form.intro).toContain('there’s no rush');
    let [adoption] = (await h.store.listPairFeedback(pair.pair.id)).filter((f) => f.kind === 'adoption');
    expect(adoption).toMatchObject({ adopted: null, topic: 'cybersecurity', personId: pair.mentee.id });
    const done = await h.core.submitForm(actorOf(pair.mentee), form.id, form.state, { text: 'I need a quiet hour to set it up' });
    expect(outcomeText(done)).toContain('your words are saved');
    // Changing one's mind replaces the answer.
    const yes = formOf(await h.core.handleAction(actorOf(pair.mentee), 'adoption.yes', first.id));
    expect(yes.fields[0]).toMatchObject({ initial: 'I need a quiet hour to set it up' });
    [adoption] = (await h.store.listPairFeedback(pair.pair.id)).filter((f) => f.kind === 'adoption');
    expect(adoption).toMatchObject({ adopted: true, learned: 'I need a quiet hour to set it up' });
    expect((await h.store.listPairFeedback(pair.pair.id)).filter((f) => f.kind === 'adoption')).toHaveLength(1);
    // Once answered, the module is not asked about again.
    expect(await compose(h, ask!)).toBeNull();
  });

  it('“no” from both makes a session missed, with a button to pick a new date', async () => {
    const missed = await makeSession(h.store, h.testDb.database, pair.pair, { startsAt: new Date('2026-12-03T10:00:00Z'), scheduledAt: new Date('2026-12-02T10:00:00Z') });
    h.clock.set('2026-12-03T12:00:00Z');
    await askAboutEndedSessions(h.deps);
    expect(await checksOf(missed.id)).toHaveLength(2);
    const answer = await h.core.handleAction(actorOf(pair.mentee), 'session.missed', missed.id);
    expect(outcomeText(answer)).toContain('sessions slip sometimes');
    expect(buttonsOf(answer.kind === 'message' ? answer.message : null)).toEqual([expect.objectContaining({ action: 'session.form', value: pair.pair.id })]);
    await h.core.handleAction(actorOf(pair.mentor), 'session.missed', missed.id);
    expect((await h.store.getSession(missed.id))!.status).toBe('missed');
    expect(outcomeText(await h.core.handleAction(actorOf(pair.mentee), 'feedback.form', missed.id))).toContain('not recorded as held');
    // No adoption question for a missed session.
    expect((await notificationsOf(h.store, ['adoption.check'])).filter((n) => n.subject === `session:${missed.id}`)).toHaveLength(0);
  });

  it('closes the pair when its held sessions reach the plan, thanks both and asks the closing questions once per person', async () => {
    // A nudge pending for the pair is cancelled when it closes.
    h.clock.set('2026-12-20T10:00:00Z');
    await nudgeQuietPairs(h.deps);
    const nudge = (await notificationsOf(h.store, ['nudge.mentee', 'nudge.both'])).filter((n) => n.subject === `pair:${pair.pair.id}`);
    expect(nudge.length).toBeGreaterThan(0);

    const last = await makeSession(h.store, h.testDb.database, pair.pair, { startsAt: new Date('2026-12-21T10:00:00Z'), scheduledAt: new Date('2026-12-20T10:00:00Z'), topic: 'genai-assistants' });
    h.clock.set('2026-12-21T11:30:00Z');
    formOf(await h.core.handleAction(actorOf(pair.mentor), 'session.happened', last.id));
    expect((await h.store.getPair(pair.pair.id))!.status).toBe('closed');
    const stillPending = (await notificationsOf(h.store, ['nudge.mentee', 'nudge.both'])).filter((n) => n.subject === `pair:${pair.pair.id}` && n.status === 'pending');
    expect(stillPending).toHaveLength(0);

    const thanks = (await notificationsOf(h.store, ['pair.closed'])).filter((n) => n.subject === `pair:${pair.pair.id}`);
    expect(thanks.map((n) => n.recipientId).sort()).toEqual([pair.mentee.id, pair.mentor.id].sort());
    const mentorThanks = await compose(h, thanks.find((n) => n.recipientId === pair.mentor.id)!);
    expect(textOf(mentorThanks)).toContain('Eve et vous avez tenu les 2 séances prévues');
    expect(textOf(mentorThanks)).toContain('Recommanderiez-vous Tandem');
    expect(buttonsOf(mentorThanks).map((b) => b.action)).toEqual(['closing.recommend.yes', 'closing.recommend.no', 'closing.repeat.yes', 'closing.repeat.no']);

    expect(outcomeText(await h.core.handleAction(actorOf(pair.mentor), 'closing.recommend.yes', pair.pair.id))).toContain('votre réponse est enregistrée');
    await h.core.handleAction(actorOf(pair.mentor), 'closing.repeat.no', pair.pair.id);
    await h.core.handleAction(actorOf(pair.mentor), 'closing.repeat.yes', pair.pair.id);
    const closing = (await h.store.listPairFeedback(pair.pair.id)).filter((f) => f.kind === 'closing');
    expect(closing).toHaveLength(1);
    expect(closing[0]).toMatchObject({ personId: pair.mentor.id, sessionId: null, wouldRecommend: true, wouldRepeat: true });

    // The adoption question of the last module still goes out after closing.
    const [adoption] = (await notificationsOf(h.store, ['adoption.check'])).filter((n) => n.subject === `session:${last.id}`);
    expect(textOf(await compose(h, adoption!))).toContain('Generative AI assistants');
    // A closed pair is not nudged again.
    h.clock.set('2027-02-01T10:00:00Z');
    await nudgeQuietPairs(h.deps);
    expect((await notificationsOf(h.store, ['nudge.mentee', 'nudge.both', 'nudge.at_risk'])).filter((n) => n.subject === `pair:${pair.pair.id}` && n.status === 'pending')).toHaveLength(0);
  });

  it('`feedback` lists the recent held sessions with what is still to give, or opens the only one', async () => {
    const list = await h.core.handleCommand(actorOf(pair.mentor), 'retour');
    const text = outcomeText(list);
    expect(text).toContain('Vos dernières séances');
    expect(text).toContain('lundi 21 décembre 2026 avec Eve — pas encore de retour');
    expect(text).toContain('mardi 1 décembre 2026 avec Eve — retour donné');
    const choices = buttonsOf(list.kind === 'message' ? list.message : null);
    expect(choices.map((b) => [b.action, b.value])).toEqual([
      ['feedback.form', expect.any(String)],
      ['feedback.form', first.id],
    ]);
    expect(plain(choices[1]!.label)).toBe('1 déc. — Eve');

    const solo = await makePair(h.store, h.testDb.database, h.program, { mentor: { name: 'Solo mentor' }, mentee: { name: 'Solo mentee' }, createdAt: new Date('2026-12-01T10:00:00Z') });
    const only = await makeSession(h.store, h.testDb.database, solo.pair, { startsAt: new Date('2026-12-02T10:00:00Z'), scheduledAt: new Date('2026-12-01T10:00:00Z') });
    await h.store.recordSessionAnswer(only.id, solo.mentee.id, true);
    expect(formOf(await h.core.handleCommand(actorOf(solo.mentee), 'feedback')).state).toBe(JSON.stringify({ sessionId: only.id }));
    const stranger = await makePerson(h.store, { name: 'Nobody' });
    expect(outcomeText(await h.core.handleCommand(actorOf(stranger), 'avis'))).toContain('You have no session to give feedback on yet');
  });

  it('reopens a feedback form whose first opening failed (Slack trigger expired)', async () => {
    const value = JSON.stringify({ id: 'feedback.session', state: JSON.stringify({ sessionId: first.id }) });
    expect(formOf(await h.core.handleAction(actorOf(pair.mentee), 'form.open', value)).id).toBe('feedback.session');
    const adoption = JSON.stringify({ id: 'feedback.adoption', state: JSON.stringify({ sessionId: first.id, action: 'adoption.no' }) });
    expect(formOf(await h.core.handleAction(actorOf(pair.mentee), 'form.open', adoption)).fields[0]).toMatchObject({ label: 'What got in the way?' });
    const tampered = JSON.stringify({ id: 'feedback.adoption', state: JSON.stringify({ sessionId: first.id, action: 'constructor' }) });
    expect(outcomeText(await h.core.handleAction(actorOf(pair.mentee), 'form.open', tampered))).toContain('This button has expired');
  });
});

describe('the feedback command', () => {
  it.each(['feedback', 'retour', 'avis', 'Avis'])('reads %j', (text) => {
    expect(parseCommand(text)).toEqual({ verb: 'feedback' });
  });
  it('takes no argument', () => {
    expect(parseCommand('feedback now')).toEqual({ error: 'unknown_command', command: 'feedback now' });
  });
});
