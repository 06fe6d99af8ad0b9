// Roles through the core: admins and managers added and removed by admins, told by DM, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/tandem.js';
import { outboxFor, person, says, startCoreWorld, textOf, type CoreWorld } from './programs-world.js';

let world: CoreWorld;
const boss = person('boss', 'Béatrice', 'fr');
const ada = person('ada', 'Ada', 'en');
const max = person('max', 'Max', 'en');
const maxOnTeams = person('max', 'Max T', 'en', 'teams');
const lou = person('lou', 'Lou', 'fr');
const mallory = person('mallory', 'Mallory', 'en');

const ask = (who: Actor, text: string) => world.core.handleCommand(who, text);
const programId = async () => (await world.store.findCurrentProgram())!.id;
const idOf = async (who: Actor) => (await world.store.findPerson(who.identity))!.id;
const holders = async (role: 'admin' | 'manager') => (await world.store.listRoleHolders(await programId(), role)).map((p) => p.name).sort();
const role = (locale: 'en' | 'fr', name: 'admin' | 'manager') => ({ trusted: says(locale, `oversight.roles.name.${name}`) });

beforeAll(async () => {
  world = await startCoreWorld(['boss@example.com']);
  for (const who of [boss, ada, max, maxOnTeams, lou, mallory]) await ask(who, 'help');
});
afterAll(async () => world?.dispose());

describe('roles', () => {
  it('lists admins and managers, marking those from the server configuration', async () => {
    const text = textOf(await ask(boss, 'admin rôles'));
    expect(text).toContain(says('fr', 'oversight.roles.title', { program: 'Tandem' }));
    expect(text).toContain(`• Béatrice (boss@example.com) — _${says('fr', 'oversight.roles.configured')}_`);
    expect(text).toContain(`${says('fr', 'oversight.roles.managers')}\n• _${says('fr', 'oversight.roles.nobody')}_`);
  });

  it('adds a manager by email, on both of their platforms, tells them, and audits it', async () => {
    const reply = await ask(boss, 'admin rôle ajouter manager MAX@example.com');
    expect(textOf(reply)).toBe(says('fr', 'oversight.roles.granted', { name: 'Max', role: role('fr', 'manager'), program: 'Tandem' }));
    expect(await holders('manager')).toEqual(['Max', 'Max T']);
    expect(await outboxFor(world, max, 'oversight.role.changed')).toEqual([
      says('en', 'oversight.roles.granted_notice.manager', { name: 'Max', by: 'Béatrice', program: 'Tandem' }),
    ]);
    const [entry] = await world.store.listAuditEntries({ action: 'role.granted' }).then((rows) => rows.filter((r) => r.actorId !== null));
    expect(entry).toMatchObject({ actorId: await idOf(boss), programId: await programId(), targetType: 'person', details: { role: 'manager' } });
    expect((entry!.details as { personIds: string[] }).personIds.sort()).toEqual([await idOf(max), await idOf(maxOnTeams)].sort());
    // Again: nothing changes, nothing is written.
    expect(textOf(await ask(boss, 'admin role add manager max@example.com'))).toBe(says('fr', 'oversight.roles.already', { name: 'Max', role: role('fr', 'manager'), program: 'Tandem' }));
    expect((await world.store.listAuditEntries({ action: 'role.granted' })).filter((r) => r.actorId !== null)).toHaveLength(1);
  });

  it('adds an admin by mention: they can run admin commands at once', async () => {
    expect(textOf(await ask(ada, 'admin program'))).toBe(says('en', 'error.forbidden'));
    expect(textOf(await ask(boss, 'admin role add admin <@UADA|ada>'))).toBe(says('fr', 'oversight.roles.granted', { name: 'Ada', role: role('fr', 'admin'), program: 'Tandem' }));
    expect(textOf(await ask(ada, 'admin program'))).toContain(says('en', 'oversight.program.title', { program: 'Tandem' }));
    expect(await outboxFor(world, ada, 'oversight.role.changed')).toEqual([
      says('en', 'oversight.roles.granted_notice.admin', { name: 'Ada', by: 'Béatrice', program: 'Tandem' }),
    ]);
  });

  it('keeps TANDEM_ADMINS people admin and says why', async () => {
    expect(textOf(await ask(ada, 'admin role remove admin boss@example.com'))).toBe(says('en', 'oversight.roles.configured_admin', { name: 'Béatrice' }));
    expect(await holders('admin')).toEqual(['Ada', 'Béatrice']);
  });

  it('removes an admin, who is told and loses access; a removal undone before it goes out is not sent', async () => {
    expect(textOf(await ask(boss, 'admin role retirer admin ada@example.com'))).toBe(says('fr', 'oversight.roles.revoked', { name: 'Ada', role: role('fr', 'admin'), program: 'Tandem' }));
    expect(await holders('admin')).toEqual(['Béatrice']);
    expect(textOf(await ask(ada, 'admin program'))).toBe(says('en', 'error.forbidden'));
    // Granted, then removed before the DM went out: only the removal is told.
    expect(await outboxFor(world, ada, 'oversight.role.changed')).toEqual([says('en', 'oversight.roles.revoked_notice', { name: 'Ada', role: role('en', 'admin'), program: 'Tandem' })]);
    const [revoked] = await world.store.listAuditEntries({ action: 'role.revoked' });
    expect(revoked).toMatchObject({ actorId: await idOf(boss), targetId: await idOf(ada), details: { role: 'admin' } });
    expect(textOf(await ask(boss, 'admin role remove admin ada@example.com'))).toBe(says('fr', 'oversight.roles.not_holder', { name: 'Ada', role: role('fr', 'admin'), program: 'Tandem' }));
  });

  it('explains unknown people and malformed commands', async () => {
    expect(textOf(await ask(boss, 'admin role add manager nobody@example.com'))).toBe(says('fr', 'admin.unknown_person', { target: 'nobody@example.com' }));
    expect(textOf(await ask(boss, 'admin role add manager <@UNOBODY>'))).toBe(says('fr', 'admin.unknown_mention'));
    expect(textOf(await ask(boss, 'admin role add boss max@example.com'))).toBe(says('fr', 'oversight.roles.usage'));
    expect(textOf(await ask(boss, 'admin role add manager'))).toBe(says('fr', 'oversight.roles.usage'));
  });

  it('refuses participants and managers, and changes nothing', async () => {
    const before = (await world.store.listAuditEntries()).length;
    for (const who of [mallory, max]) {
      expect(textOf(await ask(who, 'admin roles'))).toBe(says('en', 'error.forbidden'));
      expect(textOf(await ask(who, `admin role add admin ${who === max ? 'max' : 'mallory'}@example.com`))).toBe(says('en', 'error.forbidden'));
      expect(textOf(await ask(who, 'admin role remove manager max@example.com'))).toBe(says('en', 'error.forbidden'));
    }
    expect(await holders('admin')).toEqual(['Béatrice']);
    expect(await holders('manager')).toEqual(['Max', 'Max T']);
    expect((await world.store.listAuditEntries()).length).toBe(before);
  });
});

describe('the last admin', () => {
  let solo: CoreWorld;
  const zoe = person('zoe', 'Zoé', 'fr');
  const yan = person('yan', 'Yan', 'en');

  beforeAll(async () => {
    // No TANDEM_ADMINS: Zoé is the only admin, by role.
    solo = await startCoreWorld([]);
    await solo.core.handleCommand(zoe, 'help');
    await solo.core.handleCommand(yan, 'help');
    const program = (await solo.store.findCurrentProgram())!;
    await solo.store.grantRole(program.id, (await solo.store.findPerson(zoe.identity))!.id, 'admin');
  });
  afterAll(async () => solo?.dispose());

  it('cannot be removed, not even by themselves, until another admin is added', async () => {
    expect(textOf(await solo.core.handleCommand(zoe, 'admin role retirer admin zoe@example.com'))).toBe(
      says('fr', 'oversight.roles.last_admin', { name: 'Zoé', program: 'Tandem' }),
    );
    expect(await solo.store.listAuditEntries({ action: 'role.revoked' })).toHaveLength(0);
    expect(textOf(await solo.core.handleCommand(zoe, 'admin rôle ajouter admin yan@example.com'))).toBe(
      says('fr', 'oversight.roles.granted', { name: 'Yan', role: role('fr', 'admin'), program: 'Tandem' }),
    );
    expect(textOf(await solo.core.handleCommand(zoe, 'admin role retirer admin zoe@example.com'))).toBe(
      says('fr', 'oversight.roles.revoked_self', { role: role('fr', 'admin'), program: 'Tandem' }),
    );
    expect((await solo.store.listRoleHolders((await solo.store.findCurrentProgram())!.id, 'admin')).map((p) => p.name)).toEqual(['Yan']);
  });

  it('two admins removing each other at once leave one admin', async () => {
    const program = (await solo.store.findCurrentProgram())!;
    await solo.store.grantRole(program.id, (await solo.store.findPerson(zoe.identity))!.id, 'admin');
    await Promise.all([
      solo.core.handleCommand(zoe, 'admin role remove admin yan@example.com'),
      solo.core.handleCommand(yan, 'admin role remove admin zoe@example.com'),
    ]);
    expect(await solo.store.listRoleHolders(program.id, 'admin')).toHaveLength(1);
  });
});
