// Program settings through the core: shown, edited in a form with field-level localized errors, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormValues, Outcome } from '../../src/core/messages.js';
import type { Actor } from '../../src/core/tandem.js';
import { plain } from '../../src/core/text.js';
import { buttonOf, formOf, join, person, says, startCoreWorld, textOf, type CoreWorld } from './programs-world.js';

let world: CoreWorld;
const boss = person('boss', 'Béatrice', 'fr');
const ada = person('ada', 'Ada', 'en');
const mallory = person('mallory', 'Mallory', 'en');
const mona = person('mona', 'Mona', 'en');

const ask = (who: Actor, text: string) => world.core.handleCommand(who, text);
const programId = async () => (await world.store.findCurrentProgram())!.id;
const current = async () => (await world.store.findCurrentProgram())!.settings;

const plainErrors = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, plain(v)]));

/** What the form holds by default (its initial values), as a submission. */
function initialValues(outcome: Outcome): FormValues {
  const form = formOf(outcome);
  const values: FormValues = {};
  for (const field of form.fields) {
    if (field.kind === 'select') values[field.id] = field.multiple ? (field.initial ?? []) : field.initial?.[0];
    if (field.kind === 'text') values[field.id] = field.initial ?? '';
    if (field.kind === 'number') values[field.id] = field.initial === undefined ? '' : String(field.initial);
  }
  return values;
}

beforeAll(async () => {
  world = await startCoreWorld(['boss@example.com', 'UADA']);
  await ask(boss, 'help');
  await ask(ada, 'help');
  await ask(mallory, 'help');
  // The weekly digest is switched on from a channel (summary weekly): the settings form must leave it alone.
  await world.store.updateProgramSettings(await programId(), { digest: { channel: 'C123', platform: 'slack', day: 1, hour: 9 } });
});
afterAll(async () => world?.dispose());

describe('program settings', () => {
  it('shows every setting in the admin’s language, the weekly summary read-only, and an Edit button', async () => {
    const shown = await ask(boss, 'admin réglages');
    const text = textOf(shown);
    expect(text).toContain(says('fr', 'oversight.settings.title', { program: 'Tandem' }));
    expect(text).toContain(says('fr', 'oversight.settings.approval.required'));
    expect(text).toContain(says('fr', 'oversight.settings.plan_value', { sessions: 6, minutes: 60, cadence: { trusted: says('fr', 'oversight.settings.cadence.biweekly') } }));
    expect(text).toContain(says('fr', 'oversight.settings.reminders_value', { offsets: { trusted: '1 jour et 1 h' } }));
    expect(text).toContain(says('fr', 'oversight.settings.nudges_value', { mentee: 7, both: 14, admins: 21 }));
    expect(text).toContain('Français, Anglais');
    expect(text).toContain(says('fr', 'oversight.settings.digest_value', { day: { trusted: 'lundi' }, hour: { trusted: '09' }, timeZone: 'Europe/Paris' }));
    expect(buttonOf(shown, 'settings.edit').value).toBe(await programId());
    for (const alias of ['admin settings', 'admin parametres', 'admin paramètres', 'admin reglages']) {
      expect(textOf(await ask(ada, alias))).toContain(says('en', 'oversight.settings.title', { program: 'Tandem' }));
    }
  });

  it('opens the form prefilled with the current settings', async () => {
    const form = formOf(await world.core.handleAction(ada, 'settings.edit', await programId()));
    expect(form.id).toBe('program.settings');
    expect(initialValues({ kind: 'form', form })).toEqual({
      approval: 'required',
      cadence: 'biweekly',
      duration: '60',
      sessions: '6',
      modules: '',
      reminders: '24h, 1h',
      nudgeMentee: '7',
      nudgeBoth: '14',
      nudgeAdmins: '21',
      languages: ['fr', 'en'],
    });
  });

  it('puts a clear, localized error next to each wrong field and saves nothing', async () => {
    const form = formOf(await world.core.handleAction(boss, 'settings.edit', await programId()));
    const before = await current();
    const outcome = await world.core.submitForm(boss, form.id, form.state, {
      ...initialValues({ kind: 'form', form }),
      duration: '5',
      sessions: 'six',
      modules: 'Cybersécurité, Quantum, cybersecurity',
      reminders: 'demain, 1h',
      nudgeMentee: '10',
      nudgeBoth: '10',
      nudgeAdmins: '9',
      languages: [],
    });
    expect(outcome.kind).toBe('form_errors');
    const { errors, form: redrawn } = outcome as Extract<Outcome, { kind: 'form_errors' }>;
    expect(plainErrors(errors)).toEqual({
      duration: says('fr', 'oversight.settings.error.number', { min: 15, max: 240 }),
      sessions: says('fr', 'oversight.settings.error.number', { min: 1, max: 24 }),
      modules: says('fr', 'oversight.settings.error.modules_unknown', { names: '“Quantum”' }),
      reminders: says('fr', 'oversight.settings.error.reminders_format', { value: 'demain' }),
      nudgeBoth: says('fr', 'oversight.settings.error.nudge_both', { days: 10 }),
      languages: says('fr', 'oversight.settings.error.languages'),
    });
    // What was typed is kept in the redrawn form.
    expect(redrawn.fields.find((f) => f.id === 'modules')).toMatchObject({ initial: 'Cybersécurité, Quantum, cybersecurity' });
    expect(await current()).toEqual(before);
    expect(await world.store.listAuditEntries({ action: 'program.settings_changed' })).toHaveLength(0);
  });

  it('checks the nudge ladder, reminder range and count', async () => {
    const form = formOf(await world.core.handleAction(ada, 'settings.edit', await programId()));
    const base = initialValues({ kind: 'form', form });
    const errorsOf = async (values: FormValues) =>
      plainErrors(((await world.core.submitForm(ada, form.id, form.state, { ...base, ...values })) as { errors?: Record<string, string> }).errors ?? {});
    expect(await errorsOf({ nudgeBoth: '20', nudgeAdmins: '20' })).toEqual({ nudgeAdmins: says('en', 'oversight.settings.error.nudge_admins', { days: 20 }) });
    expect(await errorsOf({ reminders: '3min' })).toEqual({ reminders: says('en', 'oversight.settings.error.reminders_range') });
    expect(await errorsOf({ reminders: '15d' })).toEqual({ reminders: says('en', 'oversight.settings.error.reminders_range') });
    expect(await errorsOf({ reminders: '1h, 2h, 3h, 4h, 5h, 6h' })).toEqual({ reminders: says('en', 'oversight.settings.error.reminders_count', { max: 5 }) });
    expect(await errorsOf({ nudgeMentee: '0' })).toEqual({ nudgeMentee: says('en', 'oversight.settings.error.number', { min: 1, max: 90 }) });
    expect(await errorsOf({ approval: 'maybe' })).toEqual({ approval: says('en', 'validation.choice') });
    // Topic names may hold commas; a topic named twice (in two languages) is caught.
    expect(await errorsOf({ modules: 'Outils collaboratifs (Teams, Slack…), collaboration tools (teams, slack…)' })).toEqual({
      modules: says('en', 'oversight.settings.error.modules_repeated', { name: 'collaboration tools (teams, slack…)' }),
    });
  });

  it('saves what changed, keeps the weekly summary, says what changed and writes an audit row', async () => {
    await join(world, mona, 'mentor');
    const form = formOf(await world.core.handleAction(ada, 'settings.edit', await programId()));
    const done = await world.core.submitForm(ada, form.id, form.state, {
      ...initialValues({ kind: 'form', form }),
      approval: 'not_required',
      cadence: 'weekly',
      duration: '90',
      sessions: '5',
      modules: 'Cybersécurité; genai-assistants',
      reminders: '2d, 1h30 and 15 min',
      nudgeMentee: '5',
      nudgeBoth: '10',
      nudgeAdmins: '20',
      languages: ['fr'],
    });
    expect(done.kind).toBe('form_done');
    const text = textOf(done);
    expect(text).toContain(
      says('en', 'oversight.settings.saved', { changes: { trusted: 'Mentor approval, Default plan, Session reminders, Nudges when a pair goes quiet, and Program languages' } }),
    );
    expect(text).toContain(says('en', 'oversight.settings.pending_left', { count: 1 }));
    expect(text).toContain(says('en', 'oversight.settings.reminders_value', { offsets: { trusted: '2 days, 1 h 30, and 15 min' } }));
    const settings = await current();
    expect(settings).toMatchObject({
      approvalRequired: false,
      defaultPlan: { modules: ['cybersecurity', 'genai-assistants'], cadence: 'weekly', durationMinutes: 90, sessionCount: 5 },
      reminderOffsetsMinutes: [2880, 90, 15],
      nudgeDays: { mentee: 5, both: 10, admins: 20 },
      languages: ['fr'],
      digest: { channel: 'C123', platform: 'slack', day: 1, hour: 9 },
    });
    const [entry] = await world.store.listAuditEntries({ action: 'program.settings_changed' });
    expect(entry!.actorId).toBe((await world.store.findPerson(ada.identity))!.id);
    expect(entry!.details).toMatchObject({
      changed: ['approvalRequired', 'defaultPlan', 'reminderOffsetsMinutes', 'nudgeDays', 'languages'],
      before: { approvalRequired: true, reminderOffsetsMinutes: [1440, 60] },
      after: { approvalRequired: false, reminderOffsetsMinutes: [2880, 90, 15] },
    });
    // The form reads the new settings back the way they are typed.
    const again = formOf(await world.core.handleAction(boss, 'settings.edit', await programId()));
    expect(initialValues({ kind: 'form', form: again })).toMatchObject({ reminders: '2j, 1h30, 15min', modules: 'Cybersécurité au quotidien, Assistants d’IA générative' });
  });

  it('offers only the program’s languages in the sign-up form', async () => {
    const form = formOf(await ask(person('lina', 'Lina', 'en'), 'join mentee'));
    const languages = form.fields.find((f) => f.id === 'languages');
    expect(languages).toMatchObject({ options: [{ value: 'fr' }], initial: ['fr'] });
  });

  it('says nothing changed (and audits nothing) when the form is saved as it was', async () => {
    const form = formOf(await world.core.handleAction(ada, 'settings.edit', await programId()));
    const done = await world.core.submitForm(ada, form.id, form.state, initialValues({ kind: 'form', form }));
    expect(textOf(done)).toContain(says('en', 'oversight.settings.unchanged'));
    expect(await world.store.listAuditEntries({ action: 'program.settings_changed' })).toHaveLength(1);
  });

  it('refuses non-admins, even with a forged submission, and changes nothing', async () => {
    expect(textOf(await ask(mallory, 'admin settings'))).toBe(says('en', 'error.forbidden'));
    expect(textOf(await world.core.handleAction(mallory, 'settings.edit', await programId()))).toBe(says('en', 'error.forbidden'));
    const before = await current();
    const forged = await world.core.submitForm(mallory, 'program.settings', JSON.stringify({ programId: await programId() }), {
      approval: 'not_required',
      cadence: 'weekly',
      duration: '15',
      sessions: '1',
      modules: '',
      reminders: '',
      nudgeMentee: '1',
      nudgeBoth: '2',
      nudgeAdmins: '3',
      languages: ['en'],
    });
    expect(textOf(forged)).toBe(says('en', 'error.forbidden'));
    expect(await current()).toEqual(before);
  });

  it('treats a form of another (older) program as expired', async () => {
    const done = await world.core.submitForm(ada, 'program.settings', JSON.stringify({ programId: '00000000-0000-4000-8000-000000000000' }), {});
    expect(textOf(done)).toBe(says('en', 'error.expired'));
  });
});
