// A program's life through the core: draft → open ⇄ closed → archived, and the next program, with audit rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/tandem.js';
import { buttonOf, buttonsOf, join, outboxFor, person, says, startCoreWorld, textOf, type CoreWorld } from './programs-world.js';

let world: CoreWorld;
const boss = person('boss', 'Béatrice', 'fr');
const ada = person('ada', 'Ada', 'en');
const mona = person('mona', 'Mona', 'en');
const eve = person('eve', 'Eve', 'fr');
const newcomer = person('nico', 'Nico', 'en');
const mallory = person('mallory', 'Mallory', 'en');

const ask = (who: Actor, text: string) => world.core.handleCommand(who, text);
const click = (who: Actor, action: string, value?: string) => world.core.handleAction(who, action, value);
const audits = async (action: string) => world.store.listAuditEntries({ action });

beforeAll(async () => {
  world = await startCoreWorld(['boss@example.com', 'UADA']);
  await ask(boss, 'help');
  await ask(ada, 'help');
  expect((await join(world, mona, 'mentor', { cybersecurity: '5' })).kind).toBe('form_done');
  expect((await join(world, eve, 'mentee', { cybersecurity: '3' })).kind).toBe('form_done');
  await ask(boss, 'admin approve mona@example.com');
  const preview = await ask(ada, 'admin pair');
  const confirmed = await click(ada, 'round.confirm', buttonOf(preview, 'round.confirm').value);
  expect(textOf(confirmed)).toContain('1');
});
afterAll(async () => world?.dispose());

describe('the current program', () => {
  it('shows where the program stands, in the admin’s language, with the next step as a button', async () => {
    const shown = await ask(boss, 'admin programme');
    const text = textOf(shown);
    expect(text).toContain(says('fr', 'oversight.program.title', { program: 'Tandem' }));
    expect(text).toContain(says('fr', 'oversight.program.status.open'));
    expect(text).toContain(says('fr', 'oversight.program.mentors_value', { approved: 1, pending: 0, paused: 0 }));
    expect(text).toContain(says('fr', 'oversight.program.pairs_value', { active: 1, closed: 0, ended: 0 }));
    expect(buttonsOf(shown).map((b) => b.action)).toEqual(['program.close', 'settings.show', 'roles.show']);
    expect(textOf(await ask(ada, 'admin program'))).toContain(says('en', 'oversight.program.status.open'));
  });

  it('refuses everyone else politely and changes nothing', async () => {
    await ask(mallory, 'help');
    const before = (await world.store.listAuditEntries()).length;
    for (const command of ['admin program', 'admin program close', 'admin program archive', 'admin program create Sneaky']) {
      expect(textOf(await ask(mallory, command))).toBe(says('en', 'error.forbidden'));
    }
    const program = (await world.store.findCurrentProgram())!;
    expect(textOf(await click(mallory, 'program.close', program.id))).toBe(says('en', 'error.forbidden'));
    expect(textOf(await click(mallory, 'program.archive.confirm', program.id))).toBe(says('en', 'error.forbidden'));
    expect((await world.store.findCurrentProgram())!.status).toBe('open');
    expect(await world.store.listPrograms()).toHaveLength(1);
    expect((await world.store.listAuditEntries()).length).toBe(before);
  });

  it('explains the program commands when one is mistyped', async () => {
    expect(textOf(await ask(ada, 'admin program dance'))).toBe(says('en', 'oversight.program.usage'));
    expect(textOf(await ask(boss, 'admin programme créer'))).toBe(says('fr', 'oversight.program.name_usage'));
  });
});

describe('closing and reopening sign-up', () => {
  it('closes sign-up: newcomers are told, enrolled people carry on, admins keep their program', async () => {
    const closed = await ask(ada, 'admin program close');
    expect(textOf(closed)).toContain(says('en', 'oversight.program.closed', { program: 'Tandem' }));
    expect(buttonsOf(closed).map((b) => b.action)).toEqual(['program.open', 'settings.show', 'roles.show', 'program.archive']);
    const program = (await world.store.findCurrentProgram())!;
    expect(program.status).toBe('closed');
    expect(await world.store.findOpenProgram()).toBeNull();
    const [entry] = await audits('program.closed');
    expect(entry).toMatchObject({ programId: program.id, targetId: program.id, details: { from: 'open', to: 'closed' } });
    expect(entry!.actorId).toBe((await world.store.findPerson(ada.identity))!.id);

    expect(textOf(await ask(newcomer, 'join mentee'))).toBe(says('en', 'oversight.program.join_closed', { program: 'Tandem' }));
    expect(await world.store.findPerson(newcomer.identity).then((p) => world.store.listEnrollmentsOfPerson(p!.id))).toHaveLength(0);
    // Eve is enrolled: she can still edit her answers, and `me` still knows her program.
    expect((await ask(eve, 'profil')).kind).toBe('form');
    expect((await join(world, eve, 'mentee', { cybersecurity: '2' })).kind).toBe('form_done');
    expect(textOf(await ask(eve, 'moi'))).toContain('Tandem');
    // Admin commands still find the program.
    expect(textOf(await ask(ada, 'admin pending'))).toBe(says('en', 'admin.pending.none'));
  });

  it('says so when sign-up is already closed, and refuses to archive while it is open', async () => {
    expect(textOf(await ask(ada, 'admin program close'))).toContain(says('en', 'oversight.program.already_closed', { program: 'Tandem' }));
    const reopened = await ask(boss, 'admin programme ouvrir');
    expect(textOf(reopened)).toContain(says('fr', 'oversight.program.reopened', { program: 'Tandem' }));
    expect(await audits('program.reopened')).toHaveLength(1);
    const refused = await ask(ada, 'admin program archive');
    expect(textOf(refused)).toContain(says('en', 'oversight.program.archive_open', { program: 'Tandem' }));
    expect(buttonOf(refused, 'program.close')).toBeDefined();
    expect((await world.store.findCurrentProgram())!.status).toBe('open');
  });

  it('refuses to create a second program while one is current', async () => {
    const refused = await ask(ada, 'admin program create Next year');
    expect(textOf(refused)).toBe(says('en', 'oversight.program.create_busy', { program: 'Tandem', status: { trusted: says('en', 'oversight.program.status.open') } }));
    expect(await world.store.listPrograms()).toHaveLength(1);
    expect(await audits('program.created')).toHaveLength(0);
  });

  it('treats a button of another program as expired', async () => {
    const outcome = await click(ada, 'program.close', '00000000-0000-4000-8000-000000000000');
    expect(textOf(outcome)).toBe(says('en', 'error.expired'));
    expect((await world.store.findCurrentProgram())!.status).toBe('open');
  });
});

describe('archiving', () => {
  let programId: string;
  let sessionId: string;

  it('asks to confirm, saying how many pairs and sessions it will end', async () => {
    programId = (await world.store.findCurrentProgram())!.id;
    const pair = (await world.store.listPairs(programId))[0]!;
    const session = await world.store.createSession({
      pairId: pair.id,
      topic: 'cybersecurity',
      startsAt: new Date('2026-12-02T10:00:00Z'),
      durationMinutes: 60,
      createdBy: pair.menteePersonId,
    });
    sessionId = session.id;
    await world.store.enqueueNotifications([
      { recipientId: pair.menteePersonId, kind: 'session.scheduled', subject: `session:${session.id}`, payload: { pairId: pair.id, sessionId: session.id, by: pair.mentorPersonId }, dueAt: new Date('2026-12-01T10:00:00Z'), dedupeKey: `test-reminder:${session.id}` },
    ]);
    const closed = await click(ada, 'program.close', programId);
    expect(closed.kind === 'message' && closed.replaceSource).toBe(true);
    const asked = await click(ada, 'program.archive', programId);
    const text = textOf(asked);
    expect(text).toContain(says('en', 'oversight.program.archive_confirm', { program: 'Tandem' }));
    expect(text).toContain(says('en', 'oversight.program.archive_pairs', { pairs: 1, sessions: 1 }));
    expect(buttonOf(asked, 'program.archive.confirm')).toMatchObject({ value: programId, style: 'danger' });
    expect((await world.store.getProgram(programId))!.status).toBe('closed');
    expect(textOf(await click(ada, 'program.archive.keep', programId))).toBe(says('en', 'oversight.program.archive_kept', { program: 'Tandem' }));
    expect((await world.store.getProgram(programId))!.status).toBe('closed');
  });

  it('archives once: pairs end, sessions and their reminders are cancelled, partners are thanked', async () => {
    const [first, second] = await Promise.all([click(ada, 'program.archive.confirm', programId), click(boss, 'program.archive.confirm', programId)]);
    // Whichever click lands first archives; the other is told it already happened, each in their language.
    const archived = (locale: 'en' | 'fr') => says(locale, 'oversight.program.archived', { program: 'Tandem', pairs: 1, sessions: 1 });
    const already = (locale: 'en' | 'fr') => says(locale, 'oversight.program.already_archived', { program: 'Tandem' });
    expect([
      [archived('en'), already('fr')],
      [already('en'), archived('fr')],
    ]).toContainEqual([textOf(first), textOf(second)]);
    expect((await world.store.getProgram(programId))!.status).toBe('archived');
    expect(await world.store.findCurrentProgram()).toBeNull();
    const [pair] = await world.store.listPairs(programId);
    expect(pair!.status).toBe('ended');
    expect((await world.store.listSessions(pair!.id)).find((s) => s.id === sessionId)!.status).toBe('cancelled');
    expect((await world.store.findNotificationByKey(`test-reminder:${sessionId}`))!.status).toBe('cancelled');
    const entries = await audits('program.archived');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ from: 'closed', endedPairs: 1, cancelledSessions: 1 });

    expect(await outboxFor(world, mona, 'oversight.program.ended')).toEqual([says('en', 'oversight.program.ended_notice', { name: 'Mona', program: 'Tandem', partner: 'Eve' })]);
    expect(await outboxFor(world, eve, 'oversight.program.ended')).toEqual([says('fr', 'oversight.program.ended_notice', { name: 'Eve', program: 'Tandem', partner: 'Mona' })]);
  });

  it('leaves no current program: people are told there is none, admins are told how to start the next', async () => {
    expect(textOf(await ask(newcomer, 'join mentor'))).toBe(says('en', 'error.no_program'));
    expect(textOf(await ask(ada, 'admin program'))).toBe(says('en', 'oversight.program.none'));
    expect(textOf(await ask(mallory, 'admin program'))).toBe(says('en', 'error.forbidden'));
  });
});

describe('the next program', () => {
  it('starts as a draft with the previous settings, admins and managers, the creator as admin', async () => {
    const previous = (await world.store.listPrograms())[0]!;
    await world.store.updateProgramSettings(previous.id, { reminderOffsetsMinutes: [120] });
    await world.store.grantRole(previous.id, (await world.store.findPerson(mona.identity))!.id, 'manager');
    const created = await ask(boss, 'admin programme créer Mentorat inversé 2027');
    const text = textOf(created);
    expect(text).toContain(says('fr', 'oversight.program.created', { program: 'Mentorat inversé 2027' }));
    expect(text).toContain(says('fr', 'oversight.program.created_from', { previous: 'Tandem' }));
    expect(text).toContain(says('fr', 'oversight.program.status.draft'));
    expect(buttonsOf(created).map((b) => b.action)).toEqual(['program.open', 'settings.show', 'roles.show', 'program.archive']);

    const program = (await world.store.findCurrentProgram())!;
    expect(program).toMatchObject({ name: 'Mentorat inversé 2027', slug: 'mentorat-inverse-2027', status: 'draft' });
    expect(program.settings.reminderOffsetsMinutes).toEqual([120]);
    const admins = (await world.store.listRoleHolders(program.id, 'admin')).map((p) => p.name).sort();
    expect(admins).toEqual(['Ada', 'Béatrice']);
    expect((await world.store.listRoleHolders(program.id, 'manager')).map((p) => p.name)).toEqual(['Mona']);
    const [entry] = await audits('program.created');
    expect(entry).toMatchObject({ programId: program.id, details: { name: 'Mentorat inversé 2027', copiedFrom: previous.id, carriedRoles: 3 } });
  });

  it('keeps newcomers out of a draft, then lets them join once open', async () => {
    expect(textOf(await ask(newcomer, 'join mentee'))).toBe(says('en', 'oversight.program.join_draft', { program: 'Mentorat inversé 2027' }));
    expect(textOf(await ask(ada, 'admin program close'))).toContain(says('en', 'oversight.program.close_draft', { program: 'Mentorat inversé 2027' }));
    const opened = await ask(ada, 'admin program open');
    expect(textOf(opened)).toContain(says('en', 'oversight.program.opened', { program: 'Mentorat inversé 2027' }));
    expect(await audits('program.opened')).toHaveLength(1);
    expect((await join(world, newcomer, 'mentee')).kind).toBe('form_done');
    // Last year's participants are not carried over: they join again if they wish.
    expect(textOf(await ask(eve, 'moi'))).toContain(says('fr', 'me.none', { program: 'Mentorat inversé 2027' }));
  });

  it('refuses a name that is too long', async () => {
    expect(textOf(await ask(ada, `admin program create ${'x'.repeat(81)}`))).toBe(says('en', 'oversight.program.name_usage'));
  });
});
