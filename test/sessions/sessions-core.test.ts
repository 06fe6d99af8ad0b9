// Plan, scheduling, the sessions list, reschedule and cancel, reminders and the kit, through the core on a real store.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarResponse } from '../../src/calendar/ics-route.js';
import type { Message } from '../../src/core/messages.js';
import type { Notification, SessionRecord } from '../../src/core/ports.js';
import { plain } from '../../src/core/text.js';
import type { Person } from '../../src/core/types.js';
import { composeNotification } from '../../src/core/use-cases/compose-notification.js';
import { buttons, ELODIE, EVE, formOf, MONA, startCoreWorld, text, unmarked, type CoreWorld } from './core-world.js';

let world: CoreWorld;
let mona: Person;
let eve: Person;
let elodie: Person;

beforeAll(async () => {
  world = await startCoreWorld();
  [mona, eve, elodie] = await Promise.all([world.person(MONA), world.person(EVE), world.person(ELODIE)]);
});
afterAll(async () => world?.close());

const compose = (n: Notification, to: Person) => composeNotification(world.deps, n, to);
const shown = (m: Message | null) => unmarked(m?.blocks ?? null);
const rows = (kinds: string[]) => world.store.listNotifications({ kinds });
const sessionAt = async (pairId: string, iso: string): Promise<SessionRecord> => {
  const found = (await world.store.listSessions(pairId)).find((s) => s.startsAt.toISOString() === iso);
  expect(found, `a session at ${iso}`).toBeDefined();
  return found!;
};

/** The calendar file of a session, parsed back: what a calendar client would import. */
async function ics(session: SessionRecord) {
  const answer = await calendarResponse(world.deps, `/calendar/${session.calendarToken}.ics`);
  expect(answer.status).toBe(200);
  expect(answer.headers['Content-Type']).toBe('text/calendar; charset=utf-8');
  expect(answer.headers['Content-Disposition']).toMatch(/^attachment;/);
  const calendar = new ICAL.Component(ICAL.parse(answer.body));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    startIsUtc: event.startDate.zone?.tzid === 'UTC',
    summary: event.summary,
    description: event.description,
    status: vevent.getFirstPropertyValue('status'),
  };
}

describe('the pair’s plan', () => {
  it('is offered from the intro, to both partners', async () => {
    const pair = await world.pairOf(EVE);
    const [intro] = (await rows(['pair.intro'])).filter((n) => n.payload.pairId === pair.id);
    const message = await compose(intro!, eve);
    expect(buttons(message!.blocks).find((b) => b.action === 'plan.form')).toMatchObject({ label: 'Agree the plan', value: pair.id });
  });

  it('shows each of a mentor’s pairs, and the mentee’s own one, with an edit button', async () => {
    const monaPlans = await world.core.handleCommand(MONA, 'plan');
    expect(text(monaPlans)).toContain('Your plan with Eve Evans');
    expect(text(monaPlans)).toContain('Your plan with Élodie Durand');
    expect(buttons(monaPlans).filter((b) => b.action === 'plan.form')).toHaveLength(2);
    const elodiePlan = await world.core.handleCommand(ELODIE, 'plan');
    expect(text(elodiePlan)).toContain('Votre programme avec Mona Martin');
    expect(text(elodiePlan)).toContain('Voici le programme suggéré');
    expect(text(elodiePlan)).toContain('toutes les deux semaines');
  });

  it('opens prefilled with the suggested plan: the mentee’s needs first, the program’s rhythm', async () => {
    const pair = await world.pairOf(EVE);
    const form = formOf(await world.core.handleAction(EVE, 'plan.form', pair.id));
    const initial = (id: string) => form.fields.find((f) => f.id === id) as { initial?: unknown };
    expect(initial('module.1').initial).toEqual(['cybersecurity']);
    expect(initial('module.2').initial).toEqual(['personal-data']);
    expect(initial('module.3').initial).toBeUndefined();
    expect(initial('cadence').initial).toEqual(['biweekly']);
    expect(initial('duration').initial).toBe(60);
    expect(initial('sessionCount').initial).toBe(6);
  });

  it('refuses a module twice, fewer sessions than modules, and durations out of range, in the person’s language', async () => {
    const pair = await world.pairOf(EVE);
    const form = formOf(await world.core.handleAction(EVE, 'plan.form', pair.id));
    const bad = await world.core.submitForm(EVE, form.id, form.state, {
      'module.1': 'cybersecurity',
      'module.2': 'cybersecurity',
      'module.3': 'personal-data',
      'module.4': 'genai-assistants',
      cadence: 'weekly',
      duration: '10',
      sessionCount: '2',
    });
    expect(bad.kind).toBe('form_errors');
    const errors = (bad as { errors: Record<string, string> }).errors;
    expect(errors['module.2']).toBe('This module is already in the plan.');
    expect(errors.duration).toBe('Choose a duration from 15 to 240 minutes.');
    expect(errors.sessionCount).toBe('Plan at least one session per module (3 modules).');
    const elodiePair = await world.pairOf(ELODIE);
    const french = formOf(await world.core.handleAction(ELODIE, 'plan.form', elodiePair.id));
    const none = await world.core.submitForm(ELODIE, french.id, french.state, { 'module.1': '-', cadence: 'yearly', duration: '60', sessionCount: '30' });
    const frErrors = (none as { errors: Record<string, string> }).errors;
    expect(frErrors).toMatchObject({ cadence: 'Merci de choisir l’une des options.', sessionCount: 'Choisissez un nombre de séances de 1 à 24.' });
    expect(Object.keys(frErrors)).toContain('module.1');
    expect((await world.store.getPair(pair.id))!.planAgreedAt).toBeNull();
  });

  it('saves the agreed plan, tells the partner in their language, and keeps a trace', async () => {
    const pair = await world.pairOf(EVE);
    const form = formOf(await world.core.handleAction(EVE, 'plan.form', pair.id));
    const done = await world.core.submitForm(EVE, form.id, form.state, {
      'module.1': 'cybersecurity',
      'module.2': 'genai-assistants',
      'module.3': 'personal-data',
      'module.4': '-',
      cadence: 'weekly',
      duration: '90',
      sessionCount: '5',
    });
    expect(done.kind).toBe('form_done');
    expect(text(done)).toContain('Plan saved. Mona Martin has been told.');
    expect(text(done)).toContain('Mona Martin has been told');
    const saved = (await world.store.getPair(pair.id))!;
    expect(saved.plan).toEqual({ modules: ['cybersecurity', 'genai-assistants', 'personal-data'], cadence: 'weekly', durationMinutes: 90, sessionCount: 5 });
    expect(saved.planAgreedBy).toBe(eve.id);
    expect(saved.planAgreedAt?.toISOString()).toBe(world.clock.now().toISOString());
    const [notice] = (await rows(['plan.agreed'])).filter((n) => n.recipientId === mona.id);
    const message = shown(await compose(notice!, mona));
    expect(message).toContain('Eve Evans has set your Tandem plan');
    expect(message).toContain('1. Everyday cybersecurity');
    expect(message).toContain('5 sessions of 90 min, every week');
    expect((await world.store.listAuditEntries({ action: 'plan.agreed' })).map((a) => a.targetId)).toEqual([pair.id]);
    expect(text(await world.core.handleCommand(EVE, 'plan'))).toContain('Agreed by you on Wednesday 25 November 2026');
  });
});

describe('scheduling by command', () => {
  it('reads the date and time in the requester’s time zone, takes the plan’s duration and next module', async () => {
    const pair = await world.pairOf(EVE);
    const reply = await world.core.handleCommand(EVE, 'schedule 2026-12-03 14:30');
    expect(text(reply)).toContain('Session scheduled: *Thursday 3 December 2026, 14:30 (Europe/Paris)* (90 min), Everyday cybersecurity. Mona Martin has been told.');
    const session = await sessionAt(pair.id, '2026-12-03T13:30:00.000Z');
    expect(session).toMatchObject({ durationMinutes: 90, topic: 'cybersecurity', sequence: 0, status: 'scheduled' });
    expect(buttons(reply).find((b) => b.action === 'session.calendar')?.url).toBe(`https://tandem.example.test/calendar/${session.calendarToken}.ics`);
  });

  it('queues both partners’ reminders at the program’s offsets, the kit with the mentor’s first', async () => {
    const pair = await world.pairOf(EVE);
    const session = await sessionAt(pair.id, '2026-12-03T13:30:00.000Z');
    const reminders = (await rows(['session.reminder'])).filter((n) => n.subject === `session:${session.id}`);
    expect(reminders.map((n) => [n.recipientId === mona.id ? 'mona' : 'eve', n.dueAt.toISOString(), n.payload.kit]).sort()).toEqual([
      ['eve', '2026-12-02T13:30:00.000Z', false],
      ['eve', '2026-12-03T12:30:00.000Z', false],
      ['mona', '2026-12-02T13:30:00.000Z', true],
      ['mona', '2026-12-03T12:30:00.000Z', false],
    ]);
    expect(reminders.every((n) => n.dedupeKey.startsWith(`session.reminder:${session.id}:0:`))).toBe(true);
    const [notice] = (await rows(['session.scheduled'])).filter((n) => n.payload.sessionId === session.id);
    const toMona = await compose(notice!, mona);
    expect(shown(toMona)).toContain('Eve Evans scheduled a Tandem session with you: *Thursday 3 December 2026, 14:30 (Europe/Paris)*');
    expect(buttons(toMona!.blocks).map((b) => b.action)).toEqual(['session.reschedule', 'session.cancel', 'session.calendar']);
  });

  it('refuses past dates, more than a year ahead, overlaps, bad durations and impossible dates, with the usage', async () => {
    const answers = {
      past: text(await world.core.handleCommand(EVE, 'schedule 2026-11-20 10:00')),
      far: text(await world.core.handleCommand(EVE, 'schedule 2028-01-10 10:00')),
      overlap: text(await world.core.handleCommand(EVE, 'schedule 2026-12-03 15:00 30min')),
      short: text(await world.core.handleCommand(EVE, 'schedule 2026-12-04 10:00 10min')),
      long: text(await world.core.handleCommand(EVE, 'schedule 2026-12-04 10:00 5h')),
      impossible: text(await world.core.handleCommand(EVE, 'schedule 31/02/2026 10:00')),
      hour: text(await world.core.handleCommand(EVE, 'schedule 2026-12-04 25:00')),
      noTime: text(await world.core.handleCommand(EVE, 'schedule 2026-12-04')),
      unknown: text(await world.core.handleCommand(EVE, 'schedule 2026-12-04 10:00 tomorrow')),
      // The clocks go forward at 02:00 that night in Paris: 02:30 never happens.
      skipped: text(await world.core.handleCommand(EVE, 'schedule 2027-03-28 02:30')),
    };
    expect(answers.past).toContain('This moment is already past.');
    expect(answers.far).toContain('Please choose a date within the next year.');
    expect(answers.overlap).toContain('You already have a session with Mona Martin at that time (Thursday 3 December 2026, 14:30 (Europe/Paris)).');
    expect(answers.short).toContain('Choose a duration from 15 to 240 minutes.');
    expect(answers.long).toContain('Choose a duration from 15 to 240 minutes.');
    expect(answers.impossible).toContain('Please write a date like 2026-12-16.');
    expect(answers.hour).toContain('Please write a time like 14:30.');
    expect(answers.noTime).toContain('Please give the start time of the session');
    expect(answers.unknown).toContain('I could not read “tomorrow”');
    expect(answers.skipped).toContain('This time does not exist in Europe/Paris that day (the clocks change).');
    for (const answer of Object.values(answers)) expect(answer).toContain('/tandem schedule 2026-12-16 14:30 60min');
    expect(await world.store.listSessions((await world.pairOf(EVE)).id)).toHaveLength(1);
  });

  it('speaks French to a French speaker, in her time zone, with French date and duration habits', async () => {
    const pair = await world.pairOf(ELODIE);
    const reply = await world.core.handleCommand(ELODIE, 'planifier le 10/12/2026 à 9h pendant 1h');
    expect(text(reply)).toContain('Séance planifiée : *jeudi 10 décembre 2026 à 09:00 (America/Montreal)* (60 min)');
    await sessionAt(pair.id, '2026-12-10T14:00:00.000Z');
    expect(text(await world.core.handleCommand(ELODIE, 'programmer 01/01/2020 10h'))).toContain('Ce moment est déjà passé.');
    expect(text(await world.core.handleCommand(ELODIE, 'planifier 10/12/2026 demain'))).toContain('Je n’ai pas compris « demain »');
    expect(text(await world.core.handleCommand(ELODIE, 'planifier 10/12/2026'))).toContain('/tandem planifier 16/12/2026 14h30 1h');
  });

  it('asks a mentor with two pairs which partner, or takes the partner named in the command', async () => {
    const ask = await world.core.handleCommand(MONA, 'schedule 2026-12-08 10:00 45min');
    expect(text(ask)).toContain('Which partner is this session with?');
    const choices = buttons(ask).map((b) => ({ ...b, label: plain(b.label) }));
    expect(choices.map((b) => b.label).sort()).toEqual(['With Eve Evans', 'With Élodie Durand']);
    const withElodie = choices.find((b) => b.label === 'With Élodie Durand')!;
    const done = await world.core.handleAction(MONA, withElodie.action, withElodie.value);
    expect(text(done)).toContain('Tuesday 8 December 2026, 10:00 (Europe/Paris)* (45 min)');
    await sessionAt((await world.pairOf(ELODIE)).id, '2026-12-08T09:00:00.000Z');
    const named = await world.core.handleCommand(MONA, 'schedule @Eve 2026-12-09 10:00 45 min');
    expect(text(named)).toContain('Eve Evans has been told');
    await sessionAt((await world.pairOf(EVE)).id, '2026-12-09T09:00:00.000Z');
    expect(text(await world.core.handleCommand(MONA, 'schedule @Bob 2026-12-09 12:00'))).toMatch(/Your current partners: (Eve Evans and Élodie Durand|Élodie Durand and Eve Evans)\./);
    expect(buttons(await world.core.handleCommand(MONA, 'schedule')).map((b) => b.action)).toEqual(['session.form', 'session.form']);
    expect(formOf(await world.core.handleCommand(EVE, 'schedule')).id).toBe('session');
  });
});

describe('the sessions list', () => {
  it('lists upcoming sessions per pair with Reschedule, Cancel and Add to calendar', async () => {
    const list = await world.core.handleCommand(MONA, 'sessions');
    const shownList = text(list);
    expect(shownList).toContain('Your Tandem sessions');
    expect(shownList).toContain('With Eve Evans* — 0 of 5 planned sessions held');
    expect(shownList).toContain('*Thursday 3 December 2026, 14:30 (Europe/Paris)* (90 min), Everyday cybersecurity');
    expect(shownList).toContain('With Élodie Durand');
    const actions = buttons(list).map((b) => b.action);
    expect(actions.filter((a) => a === 'session.reschedule')).toHaveLength(4);
    expect(actions.filter((a) => a === 'session.cancel')).toHaveLength(4);
    expect(actions.filter((a) => a === 'session.calendar')).toHaveLength(4);
    const french = text(await world.core.handleCommand(ELODIE, 'séances'));
    expect(french).toContain('Vos séances Tandem');
    expect(french).toContain('*jeudi 10 décembre 2026 à 09:00 (America/Montreal)*');
  });
});

describe('rescheduling', () => {
  it('moves the session across a DST change, replaces the reminders and updates the calendar file', async () => {
    const pair = await world.pairOf(EVE);
    await world.core.handleCommand(EVE, 'schedule 2027-03-26 10:00 60min');
    const session = await sessionAt(pair.id, '2027-03-26T09:00:00.000Z');
    const before = await ics(session);
    const oldReminders = (await rows(['session.reminder'])).filter((n) => n.subject === `session:${session.id}`);
    expect(oldReminders.map((n) => n.dueAt.toISOString()).sort()).toEqual([
      '2027-03-25T09:00:00.000Z',
      '2027-03-25T09:00:00.000Z',
      '2027-03-26T08:00:00.000Z',
      '2027-03-26T08:00:00.000Z',
    ]);

    // From Mona's reminder, prefilled in her time zone.
    const form = formOf(await world.core.handleAction(MONA, 'session.reschedule', session.id));
    const initial = (id: string) => (form.fields.find((f) => f.id === id) as { initial?: unknown }).initial;
    expect([initial('date'), initial('time'), initial('duration')]).toEqual(['2027-03-26', '10:00', 60]);
    const clash = await world.core.submitForm(MONA, form.id, form.state, { date: '2026-12-03', time: '14:00', duration: '60', topic: 'genai-assistants' });
    expect(text(clash)).toContain('You already have a session with Eve Evans');
    const done = await world.core.submitForm(MONA, form.id, form.state, { date: '2027-03-29', time: '10:00', duration: '60', topic: 'genai-assistants' });
    expect(text(done)).toContain('Session moved to *Monday 29 March 2027, 10:00 (Europe/Paris)* (60 min), Generative AI assistants. Eve Evans has been told');

    const moved = (await world.store.getSession(session.id))!;
    expect(moved).toMatchObject({ sequence: 1, status: 'scheduled', topic: 'genai-assistants', calendarToken: session.calendarToken });
    // Summer time from 28 March: 10:00 in Paris is 08:00 UTC now.
    expect(moved.startsAt.toISOString()).toBe('2027-03-29T08:00:00.000Z');
    const all = (await world.store.listNotifications({ kinds: ['session.reminder'] })).filter((n) => n.subject === `session:${session.id}`);
    const fresh = await Promise.all(all.map(async (n) => ({ n, row: await world.store.findNotificationByKey(n.dedupeKey) })));
    expect(fresh.filter(({ row }) => row!.status === 'cancelled').map(({ n }) => n.dedupeKey).sort()).toEqual(oldReminders.map((n) => n.dedupeKey).sort());
    const pending = fresh.filter(({ row }) => row!.status === 'pending').map(({ n }) => n);
    expect(pending.map((n) => [n.recipientId === mona.id ? 'mona' : 'eve', n.dueAt.toISOString()]).sort()).toEqual([
      ['eve', '2027-03-28T08:00:00.000Z'],
      ['eve', '2027-03-29T07:00:00.000Z'],
      ['mona', '2027-03-28T08:00:00.000Z'],
      ['mona', '2027-03-29T07:00:00.000Z'],
    ]);
    expect(pending.every((n) => n.dedupeKey.startsWith(`session.reminder:${session.id}:1:`))).toBe(true);
    // A stale reminder that was already claimed composes to nothing.
    expect(await compose(oldReminders.find((n) => n.recipientId === eve.id)!, eve)).toBeNull();

    const [notice] = (await rows(['session.rescheduled'])).filter((n) => n.payload.sessionId === session.id);
    expect(notice!.recipientId).toBe(eve.id);
    expect(shown(await compose(notice!, eve))).toContain('Mona Martin moved your Tandem session from Friday 26 March 2027, 10:00 (Europe/Paris) to *Monday 29 March 2027, 10:00 (Europe/Paris)*');

    const after = await ics(moved);
    expect(before).toMatchObject({ method: 'PUBLISH', uid: `${session.id}@tandem`, sequence: 0, start: '2027-03-26T09:00:00.000Z', end: '2027-03-26T10:00:00.000Z', status: 'CONFIRMED', startIsUtc: true });
    expect(after).toMatchObject({ uid: before.uid, sequence: 1, start: '2027-03-29T08:00:00.000Z', end: '2027-03-29T09:00:00.000Z', status: 'CONFIRMED' });
    expect(after.summary).toBe('Tandem — Mona Martin & Eve Evans: Generative AI assistants');
  });

  it('tells the second of two people moving the same session that it changed meanwhile', async () => {
    const pair = await world.pairOf(EVE);
    const session = await sessionAt(pair.id, '2027-03-29T08:00:00.000Z');
    const stale = formOf(await world.core.handleAction(EVE, 'session.reschedule', session.id));
    const first = formOf(await world.core.handleAction(MONA, 'session.reschedule', session.id));
    await world.core.submitForm(MONA, first.id, first.state, { date: '2027-03-30', time: '10:00', duration: '60' });
    const late = await world.core.submitForm(EVE, stale.id, stale.state, { date: '2027-03-31', time: '10:00', duration: '60' });
    expect(text(late)).toContain('This session was changed in the meantime: it is now on *Tuesday 30 March 2027, 10:00 (Europe/Paris)*');
    expect((await world.store.getSession(session.id))!.sequence).toBe(2);
  });

  it('serves a valid calendar file in both languages when the partners differ', async () => {
    const session = await sessionAt((await world.pairOf(ELODIE)).id, '2026-12-10T14:00:00.000Z');
    const file = await ics(session);
    expect(file.summary).toBe('Tandem — Mona Martin & Élodie Durand: Generative AI assistants');
    expect(file.description).toContain('Reverse-mentoring session: Mona Martin (mentor) and Élodie Durand (mentee), 60 min');
    expect(file.description).toContain('Séance de mentorat inversé : Mona Martin (mentor) et Élodie Durand (mentoré·e), 60 min. Module : Assistants d’IA générative');
    expect((await calendarResponse(world.deps, '/calendar/unknown-token-0123456789.ics')).status).toBe(404);
    expect((await calendarResponse(world.deps, '/calendar/../../etc/passwd.ics')).status).toBe(404);
  });
});

describe('cancelling', () => {
  it('asks first; “keep” changes nothing; confirming cancels it, its reminders and tells the partner', async () => {
    const pair = await world.pairOf(EVE);
    const session = await sessionAt(pair.id, '2026-12-03T13:30:00.000Z');
    const ask = await world.core.handleAction(EVE, 'session.cancel', session.id);
    expect(text(ask)).toContain('Cancel the session of *Thursday 3 December 2026, 14:30 (Europe/Paris)* with Mona Martin? Mona Martin will be told.');
    const [yes, no] = buttons(ask);
    expect(yes).toMatchObject({ action: 'session.cancel.confirm', style: 'danger' });
    expect(text(await world.core.handleAction(EVE, no!.action, no!.value))).toContain('stays as planned');
    expect((await world.store.getSession(session.id))!.status).toBe('scheduled');

    const done = await world.core.handleAction(EVE, yes!.action, yes!.value);
    expect(done).toMatchObject({ kind: 'message', replaceSource: true });
    expect(text(done)).toContain('The session of Thursday 3 December 2026, 14:30 (Europe/Paris) is cancelled. Mona Martin has been told');
    const cancelled = (await world.store.getSession(session.id))!;
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1 });
    const left = (await world.store.listNotifications({})).filter((n) => n.subject === `session:${session.id}` && n.status === 'pending');
    expect(left).toEqual([]);
    const [notice] = (await rows(['session.cancelled'])).filter((n) => n.payload.sessionId === session.id);
    expect(notice!.recipientId).toBe(mona.id);
    expect(shown(await compose(notice!, mona))).toContain('Eve Evans cancelled your Tandem session of Thursday 3 December 2026, 14:30 (Europe/Paris)');
    expect(text(await world.core.handleAction(EVE, yes!.action, yes!.value))).toContain('has already been cancelled');
    expect(text(await world.core.handleAction(MONA, 'session.reschedule', session.id))).toContain('has already been cancelled');
    const file = await ics(cancelled);
    expect(file).toMatchObject({ status: 'CANCELLED', sequence: 1, uid: `${session.id}@tandem` });
  });

  it('refuses someone outside the pair', async () => {
    const session = await sessionAt((await world.pairOf(EVE)).id, '2026-12-09T09:00:00.000Z');
    expect(text(await world.core.handleAction(ELODIE, 'session.cancel', session.id))).toContain('n’est plus valable');
    expect((await world.store.getSession(session.id))!.status).toBe('scheduled');
  });
});

describe('reminders', () => {
  const reminderOf = async (sessionId: string, to: Person, offset: number) => {
    const found = (await rows(['session.reminder'])).find((n) => n.payload.sessionId === sessionId && n.recipientId === to.id && n.payload.offset === offset && n.status === 'pending');
    expect(found, `${to.name}'s ${offset}-minute reminder`).toBeDefined();
    return found!;
  };

  it('reminds each partner in their language and time zone, with the buttons; the mentor gets the kit', async () => {
    const session = await sessionAt((await world.pairOf(ELODIE)).id, '2026-12-10T14:00:00.000Z');
    world.clock.set('2026-12-09T14:00:00Z');
    const toElodie = await compose(await reminderOf(session.id, elodie, 1440), elodie);
    expect(shown(toElodie)).toContain('Rappel de séance Tandem');
    expect(shown(toElodie)).toContain('Votre séance avec *Mona Martin* commence dans 24 heures : *jeudi 10 décembre 2026 à 09:00 (America/Montreal)* (60 min), Assistants d’IA générative.');
    expect(buttons(toElodie!.blocks).map((b) => b.label)).toEqual(['Déplacer', 'Annuler la séance', 'Ajouter à l’agenda']);
    expect(shown(toElodie)).not.toContain('kit');
    const toMona = await compose(await reminderOf(session.id, mona, 1440), mona);
    expect(shown(toMona)).toContain('Your session with *Élodie Durand* starts in 24 hours: *Thursday 10 December 2026, 15:00 (Europe/Paris)*');
    expect(shown(toMona)).toContain('Your kit for “Generative AI assistants”');
    expect(shown(toMona)).toContain('Key figures to open with');
    expect(shown(toMona)).toContain('Exercise to do together');
    expect(shown(toMona)).toContain('Questions to check what stuck');
    world.clock.set('2026-12-10T13:00:00Z');
    const lastCall = await compose(await reminderOf(session.id, mona, 60), mona);
    expect(shown(lastCall)).toContain('starts in 1 hour');
    expect(shown(lastCall)).not.toContain('Your kit');
    world.clock.set('2026-11-25T09:00:00Z');
  });

  it('sends the kit at once when the session is too close for any reminder', async () => {
    world.clock.set('2026-12-11T09:00:00Z');
    const reply = await world.core.handleCommand(EVE, 'schedule 2026-12-11 10:30 30min');
    expect(text(reply)).toContain('Session scheduled');
    const session = await sessionAt((await world.pairOf(EVE)).id, '2026-12-11T09:30:00.000Z');
    expect((await rows(['session.reminder'])).filter((n) => n.payload.sessionId === session.id)).toEqual([]);
    const [kit] = (await rows(['session.kit'])).filter((n) => n.payload.sessionId === session.id);
    expect(kit).toMatchObject({ recipientId: mona.id, dueAt: new Date('2026-12-11T09:00:00Z') });
    expect(shown(await compose(kit!, mona))).toContain('Your kit for “');
    world.clock.set('2026-11-25T09:00:00Z');
  });

  it('goes to no one who is paused, and to no one once the pair has ended', async () => {
    const session = await sessionAt((await world.pairOf(ELODIE)).id, '2026-12-08T09:00:00.000Z');
    const toElodie = await reminderOf(session.id, elodie, 1440);
    const toMona = await reminderOf(session.id, mona, 1440);
    world.clock.set('2026-12-07T09:00:00Z');
    expect(await compose(toElodie, elodie)).not.toBeNull();
    expect(text(await world.core.handleCommand(ELODIE, 'pause jusqu’au 20/12/2026'))).toContain('20');
    expect(await compose(toElodie, elodie)).toBeNull();
    expect(await compose(toMona, mona)).not.toBeNull();
    await world.store.endPair(session.pairId, world.clock.now());
    expect(await compose(toMona, mona)).toBeNull();
    world.clock.set('2026-11-25T09:00:00Z');
  });
});

describe('a long list', () => {
  it('stays within Slack’s 50 blocks and says how many more are coming', async () => {
    const pair = await world.pairOf(EVE);
    const upcoming = (await world.store.listSessions(pair.id)).filter((s) => s.status === 'scheduled').length;
    for (let day = 4; day <= 9; day++) {
      expect(text(await world.core.handleCommand(EVE, `schedule 2027-01-0${day} 10:00 30min`))).toContain('Session scheduled');
    }
    const list = await world.core.handleCommand(EVE, 'sessions');
    expect(list.kind === 'message' && list.message.blocks.length).toBeLessThanOrEqual(50);
    expect(text(list)).toContain(`…and ${upcoming + 6 - 4} more later on.`);
  });
});

describe('a Tandem reached over plain http (a trial)', () => {
  it('shows the calendar link as text, since chat platforms only open https links from buttons', async () => {
    world.deps.settings.publicUrl = 'http://127.0.0.1:3978';
    try {
      const reply = await world.core.handleCommand(EVE, 'schedule 2027-02-01 10:00 30min');
      const session = await sessionAt((await world.pairOf(EVE)).id, '2027-02-01T09:00:00.000Z');
      expect(buttons(reply).find((b) => b.action === 'session.calendar')).toBeUndefined();
      expect(text(reply)).toContain(`Calendar file: http://127.0.0.1:3978/calendar/${session.calendarToken}.ics`);
      const list = await world.core.handleCommand(EVE, 'sessions');
      expect(buttons(list).filter((b) => b.action === 'session.calendar')).toEqual([]);
      expect(text(list)).toContain('Calendar file: http://127.0.0.1:3978/calendar/');
    } finally {
      world.deps.settings.publicUrl = 'https://tandem.example.test';
    }
  });
});
