// Schedule → reminder delivered with its buttons → act on it, through the real endpoints of each
// platform (fake Slack Web API, fake Bot Connector), in English and French; the calendar file over HTTP.
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Form } from '../../src/core/messages.js';
import type { Actor } from '../../src/core/tandem.js';
import type { Locale } from '../../src/core/types.js';
import type { App } from '../../src/app.js';
import { testClock } from '../support/clock.js';
import { allMrkdwn, button, buttonsOf, startSlackWorld, TEAM_ID, type SlackWorld } from '../integration/slack-helpers.js';
import { buttons as cardButtons, cardOf, cardText, startTeamsWorld, TeamsUserDriver, TENANT, type CardJson, type TeamsWorld } from '../integration/teams-helpers.js';
import { buttons, formOf, text } from './core-world.js';

const PUBLIC_URL = 'https://tandem.example.test';

/** Sign-up and pairing through the core facade: the flows under test start once the pair exists. */
async function pairUp(app: App, admin: Actor, mentor: Actor, mentee: Actor): Promise<void> {
  await app.core.handleCommand(admin, 'help');
  const program = (await app.store.findOpenProgram())!;
  await app.database.db.execute(sql`UPDATE programs SET settings = jsonb_set(settings, '{approvalRequired}', 'false') WHERE id = ${program.id}`);
  for (const [who, role] of [
    [mentor, 'mentor'],
    [mentee, 'mentee'],
  ] as const) {
    const form: Form = formOf(await app.core.handleCommand(who, `join ${role}`));
    const done = await app.core.submitForm(who, form.id, form.state, {
      'topic.cybersecurity': '3',
      languages: ['fr', 'en'],
      timeZone: 'Europe/Paris',
      availability: ['mon-am'],
      capacity: '1',
      charter: 'true',
    });
    expect(done.kind).toBe('form_done');
  }
  const preview = await app.core.handleCommand(admin, 'admin pair');
  const confirm = buttons(preview).find((b) => b.action === 'round.confirm');
  expect(confirm, text(preview)).toBeDefined();
  await app.core.handleAction(admin, confirm!.action, confirm!.value);
}

async function fetchCalendar(app: App, url: string) {
  const path = new URL(url).pathname;
  const res = await fetch(`${app.url}${path}`);
  const body = await res.text();
  return { res, body };
}

describe('on Slack', () => {
  let world: SlackWorld;
  const clock = testClock('2026-11-25T09:00:00Z');
  const slackActor = (userId: string, name: string, locale: Locale): Actor => ({
    identity: { platform: 'slack', tenantId: TEAM_ID, userId },
    fetchProfile: async () => ({ name, email: `${userId.toLowerCase()}@example.com`, locale, timeZone: 'Europe/Paris' }),
  });
  const mona = slackActor('UMONA', 'Mona Martin', 'en');
  const eve = slackActor('UEVE', 'Ève Moreau', 'fr');

  beforeAll(async () => {
    world = await startSlackWorld(
      {
        UADMIN: { name: 'ada', real_name: 'Ada Admin', email: 'uadmin@example.com', locale: 'en-GB', tz: 'Europe/Paris' },
        UMONA: { name: 'mona', real_name: 'Mona Martin', email: 'umona@example.com', locale: 'en-GB', tz: 'Europe/Paris' },
        UEVE: { name: 'eve', real_name: 'Ève Moreau', email: 'ueve@example.com', locale: 'fr-FR', tz: 'Europe/Paris' },
      },
      { admins: 'UADMIN', clock },
    );
    // Link buttons must be https: the public address people's browsers reach Tandem at.
    world.app.deps.settings.publicUrl = PUBLIC_URL;
    await pairUp(world.app, slackActor('UADMIN', 'Ada Admin', 'en'), mona, eve);
    await world.app.deliver();
  });
  afterAll(async () => world?.close());

  it('a French mentee schedules with `/tandem planifier`; both get reminders with Reschedule, Cancel and Add to calendar', async () => {
    const reply = await world.user('UEVE').ask('planifier 03/12/2026 14h30 1h');
    expect(allMrkdwn(reply)).toContain('Séance planifiée : *jeudi 3 décembre 2026 à 14:30 (Europe/Paris)* (60 min)');
    await world.app.deliver();
    const told = world.user('UMONA').dms().at(-1)!;
    expect(allMrkdwn(told)).toContain('Ève Moreau scheduled a Tandem session with you: *Thursday 3 December 2026, 14:30 (Europe/Paris)*');

    const before = { mona: world.user('UMONA').dms().length, eve: world.user('UEVE').dms().length };
    clock.set('2026-12-02T13:30:00Z');
    await world.app.deliver();
    const toEve = world.user('UEVE').dms().slice(before.eve);
    const toMona = world.user('UMONA').dms().slice(before.mona);
    expect(toEve).toHaveLength(1);
    expect(toMona).toHaveLength(1);
    expect(allMrkdwn(toEve[0]!)).toContain('Votre séance avec *Mona Martin* commence dans 24 heures : *jeudi 3 décembre 2026 à 14:30 (Europe/Paris)*');
    expect(buttonsOf(toEve[0]!).map((b) => [b.action_id, b.text])).toEqual([
      ['tandem:session.reschedule', 'Déplacer'],
      ['tandem:session.cancel', 'Annuler la séance'],
      ['tandem:link:session.calendar', 'Ajouter à l’agenda'],
    ]);
    expect(allMrkdwn(toMona[0]!)).toContain('Your session with *Ève Moreau* starts in 24 hours');
    expect(allMrkdwn(toMona[0]!)).toContain('Your kit for “Everyday cybersecurity”');
    const calendarUrl = (toMona[0]!.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])) as CardJson[]).find((e) => e.url)!.url as string;
    expect(calendarUrl).toMatch(new RegExp(`^${PUBLIC_URL}/calendar/[A-Za-z0-9_-]{32}\\.ics$`));

    const { res, body } = await fetchCalendar(world.app, calendarUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="tandem-session.ics"');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-03T13:30:00.000Z');
    expect(event.summary).toBe('Tandem — Mona Martin & Ève Moreau: Everyday cybersecurity');
  });

  it('the mentee cancels from the reminder itself: asked first, then the partner is told and no reminder follows', async () => {
    const reminder = world.user('UEVE').dms().at(-1)!;
    const ask = await world.user('UEVE').click(button(reminder, 'tandem:session.cancel'));
    expect(allMrkdwn(ask.reply!)).toContain('Annuler la séance du *jeudi 3 décembre 2026 à 14:30 (Europe/Paris)* avec Mona Martin ?');
    const done = await world.user('UEVE').click(button(ask.reply!, 'tandem:session.cancel.confirm'));
    expect(allMrkdwn(done.reply!)).toContain('La séance du jeudi 3 décembre 2026 à 14:30 (Europe/Paris) est annulée.');
    expect(done.reply!.body.replace_original).toBe(true);

    const before = world.user('UMONA').dms().length;
    await world.app.deliver();
    const toMona = world.user('UMONA').dms().slice(before);
    expect(toMona.map(allMrkdwn).join('\n')).toContain('Ève Moreau cancelled your Tandem session of Thursday 3 December 2026, 14:30 (Europe/Paris)');
    const calls = world.slack.calls('chat.postMessage').length;
    clock.set('2026-12-03T12:30:00Z');
    expect(await world.app.deliver()).toBe(0);
    expect(world.slack.calls('chat.postMessage')).toHaveLength(calls);

    const session = (await world.app.store.listSessions((await world.app.store.listPairs((await world.app.store.findOpenProgram())!.id))[0]!.id))[0]!;
    const { body } = await fetchCalendar(world.app, `${PUBLIC_URL}/calendar/${session.calendarToken}.ics`);
    const vevent = new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent('vevent')!;
    expect([vevent.getFirstPropertyValue('status'), vevent.getFirstPropertyValue('sequence')]).toEqual(['CANCELLED', 1]);
  });

  it('the mentor reschedules from the reminder in a modal, prefilled; the reminders follow the new time', async () => {
    clock.set('2026-12-05T09:00:00Z');
    await world.user('UEVE').ask('planifier 10/12/2026 14h30');
    const pair = (await world.app.store.listPairs((await world.app.store.findOpenProgram())!.id))[0]!;
    const session = (await world.app.store.listSessions(pair.id)).find((s) => s.status === 'scheduled')!;
    await world.app.deliver();
    clock.set('2026-12-09T13:30:00Z');
    const before = world.user('UMONA').dms().length;
    await world.app.deliver();
    const reminder = world.user('UMONA').dms().slice(before).find((m) => allMrkdwn(m).includes('starts in 24 hours'))!;
    const opens = world.slack.calls('views.open').length;
    await world.user('UMONA').click(button(reminder, 'tandem:session.reschedule'), { expectReply: false });
    const opened = await world.slack.waitFor('views.open', (c) => world.slack.calls('views.open').indexOf(c) >= opens);
    const view = opened.body.view as CardJson;
    expect(view.title.text).toBe('Reschedule the session');
    const initial = (id: string) => (view.blocks as CardJson[]).find((b) => b.block_id === id)?.element?.initial_value;
    expect([initial('date'), initial('time')]).toEqual(['2026-12-10', '14:30']);
    const answer = await world.user('UMONA').submit(view, { date: '2026-12-11', time: '09:00' });
    expect(answer.raw, 'the modal closes').toBe('');
    const moved = (await world.app.store.getSession(session.id))!;
    expect([moved.startsAt.toISOString(), moved.sequence]).toEqual(['2026-12-11T08:00:00.000Z', 1]);
    const eveBefore = world.user('UEVE').dms().length;
    await world.app.deliver();
    expect(world.user('UEVE').dms().slice(eveBefore).map(allMrkdwn).join('\n')).toContain(
      'Mona Martin a déplacé votre séance Tandem du jeudi 10 décembre 2026 à 14:30 (Europe/Paris) au *vendredi 11 décembre 2026 à 09:00 (Europe/Paris)*',
    );
    // The new 24-hour reminders ring at their time; the old 1-hour one never does.
    clock.set('2026-12-10T08:00:00Z');
    const calls = world.slack.calls('chat.postMessage').length;
    expect(await world.app.deliver()).toBe(2);
    const rung = world.slack.calls('chat.postMessage').slice(calls).map((c) => allMrkdwn({ text: String(c.body.text), blocks: c.body.blocks as CardJson[], body: c.body }));
    expect(rung.find((m) => m.includes('Your session with *Ève Moreau* starts in 24 hours: *Friday 11 December 2026, 09:00 (Europe/Paris)*'))).toBeDefined();
    expect(rung.find((m) => m.includes('Votre séance avec *Mona Martin* commence dans 24 heures : *vendredi 11 décembre 2026 à 09:00 (Europe/Paris)*'))).toBeDefined();
    clock.set('2026-12-10T12:30:00Z');
    expect(await world.app.deliver()).toBe(0);
  });

  it('the plan is agreed in a Slack modal opened from the intro, prefilled, and the partner is told', async () => {
    const pair = (await world.app.store.listPairs((await world.app.store.findOpenProgram())!.id))[0]!;
    const intro = world.slack.calls('chat.postMessage').find((c) => JSON.stringify(c.body).includes('tandem:plan.form'));
    expect(intro, 'the intro offers the plan').toBeDefined();
    const before = world.slack.calls('views.open').length;
    await world.user('UMONA').click(button(intro!.body.blocks as CardJson[], 'tandem:plan.form'), { expectReply: false });
    const opened = await world.slack.waitFor('views.open', (c) => world.slack.calls('views.open').indexOf(c) >= before);
    const view = opened.body.view as CardJson;
    expect(view.title.text).toBe('Agree your plan');
    const answer = await world.user('UMONA').submit(view, { 'module.2': 'genai-assistants', cadence: 'monthly', sessionCount: '4' });
    expect(answer.status).toBe(200);
    expect(answer.raw, 'the modal closes').toBe('');
    expect((await world.app.store.getPair(pair.id))!.plan).toEqual({ modules: ['cybersecurity', 'genai-assistants'], cadence: 'monthly', durationMinutes: 60, sessionCount: 4 });
    const eveBefore = world.user('UEVE').dms().length;
    await world.app.deliver();
    const told = world.user('UEVE').dms().slice(eveBefore).map(allMrkdwn).join('\n');
    expect(told).toContain('Mona Martin a fixé votre programme Tandem');
    expect(told).toContain('4 séances de 60 min, chaque mois.');
    const shownPlan = await world.user('UEVE').ask('plan');
    expect(allMrkdwn(shownPlan)).toContain('Votre programme avec Mona Martin');
    expect(buttonsOf(shownPlan).map((b) => b.text)).toContain('Modifier le programme');
  });

  it('serves 404 for an unknown calendar token and refuses other methods', async () => {
    expect((await fetch(`${world.app.url}/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics`)).status).toBe(404);
    expect((await fetch(`${world.app.url}/calendar/nothing-here`)).status).toBe(404);
    expect((await fetch(`${world.app.url}/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics`, { method: 'POST' })).status).toBe(405);
  });
});

describe('on Teams', () => {
  let world: TeamsWorld;
  const clock = testClock('2026-11-25T09:00:00Z');
  let lea: TeamsUserDriver;
  let sam: TeamsUserDriver;
  const teamsActor = (key: string, name: string, locale: 'fr-FR' | 'en-US'): Actor => ({
    identity: { platform: 'teams', tenantId: TENANT, userId: `aad-${key}` },
    hint: { name, locale, timeZone: 'Europe/Paris' },
    conversation: 'private',
    fetchProfile: async () => ({ name, email: `${key}@example.com`, locale, timeZone: 'Europe/Paris' }),
  });

  beforeAll(async () => {
    world = await startTeamsWorld({ TANDEM_PUBLIC_URL: PUBLIC_URL, TANDEM_ADMINS: 'admin@example.com' }, clock);
    lea = new TeamsUserDriver(world, { key: 'lea', name: 'Léa', locale: 'fr-FR', member: { name: 'Léa Petit', email: 'lea@example.com' } });
    sam = new TeamsUserDriver(world, { key: 'sam', name: 'Sam', locale: 'en-US', member: { name: 'Sam Hughes', email: 'sam@example.com' } });
    await lea.install();
    await sam.install();
    await pairUp(world.app, teamsActor('admin', 'Ada Admin', 'en-US'), teamsActor('lea', 'Léa Petit', 'fr-FR'), teamsActor('sam', 'Sam Hughes', 'en-US'));
    await world.app.deliver();
  });
  afterAll(async () => world?.close());

  it('an English mentee schedules by typing; the reminder card carries the buttons; the French mentor reschedules from it', async () => {
    const reply = await sam.say('schedule 2026-12-03 14:30 60min');
    expect(cardText(reply)).toContain('Session scheduled: Thursday 3 December 2026, 14:30 (Europe/Paris) (60 min)');
    await world.app.deliver();
    clock.set('2026-12-02T13:30:00Z');
    const before = lea.received().length;
    await world.app.deliver();
    const reminders = lea.received().slice(before);
    expect(reminders).toHaveLength(1);
    const card = reminders[0]!;
    expect(cardText(card)).toContain('Votre séance avec Sam Hughes commence dans 24 heures : jeudi 3 décembre 2026 à 14:30 (Europe/Paris)');
    expect(cardText(card)).toContain('Votre kit pour « Cybersécurité au quotidien »');
    expect(cardButtons(card).map((b) => b.title)).toEqual(['Déplacer', 'Annuler la séance']);
    const openUrl = JSON.stringify(cardOf(card)).match(/"type":"Action.OpenUrl","title":"Ajouter à l’agenda","url":"([^"]+)"/);
    expect(openUrl?.[1]).toMatch(new RegExp(`^${PUBLIC_URL}/calendar/.+\\.ics$`));

    // The plan from a typed command, in a card form.
    const plans = await lea.say('plan');
    expect(cardText(plans)).toContain('Votre programme avec Sam Hughes');
    const planForm = await lea.click(plans, 'Convenir du programme');
    expect(cardText(planForm)).toContain('Convenir du programme');
    const duplicate = await lea.submit(planForm, { 'module.1': 'cybersecurity', 'module.2': 'cybersecurity', cadence: 'weekly', duration: '60', sessionCount: '3' });
    expect(cardText(duplicate)).toContain('Ce module figure déjà dans le programme.');
    const saved = await lea.submit(duplicate, { 'module.1': 'cybersecurity', 'module.2': 'personal-data', cadence: 'weekly', duration: '60', sessionCount: '3' });
    expect(cardText(saved)).toContain('Programme enregistré. Sam Hughes a été prévenu(e).');

    const form = await lea.click(card, 'Déplacer');
    expect(cardText(form)).toContain('Déplacer la séance');
    const moved = await lea.submit(form, { date: '04/12/2026', time: '10h', duration: '60' });
    expect(cardText(moved)).toContain('Séance déplacée au vendredi 4 décembre 2026 à 10:00 (Europe/Paris) (60 min)');

    const samBefore = sam.received().length;
    await world.app.deliver();
    const toSam = sam.received().slice(samBefore);
    expect(toSam.map(cardText).join('\n')).toContain('Léa Petit moved your Tandem session from Thursday 3 December 2026, 14:30 (Europe/Paris) to Friday 4 December 2026, 10:00 (Europe/Paris)');

    // The new reminders come at the new time; the old 1-hour reminder never comes.
    clock.set('2026-12-03T09:00:00Z');
    const dayBefore = sam.received().length;
    expect(await world.app.deliver()).toBe(2);
    expect(sam.received().slice(dayBefore).map(cardText).join('\n')).toContain('Your session with Léa Petit starts in 24 hours: Friday 4 December 2026, 10:00 (Europe/Paris)');
    clock.set('2026-12-03T12:30:00Z');
    expect(await world.app.deliver()).toBe(0);
    clock.set('2026-12-04T08:00:00Z');
    const last = sam.received().length;
    await world.app.deliver();
    const lastCall = sam.received().slice(last);
    expect(lastCall.map(cardText).join('\n')).toContain('Your session with Léa Petit starts in 1 hour: Friday 4 December 2026, 10:00 (Europe/Paris)');
  });
});
