// `admin roles` and `admin role add|remove admin|manager @person`: who runs the current program.
import type { CoreDeps, RequestContext } from '../context.js';
import type { Target } from '../grammar.js';
import { message, textReply, type Block, type Message, type Outcome } from '../messages.js';
import type { Notification } from '../ports.js';
import { translator, trusted } from '../i18n/index.js';
import { commandPrefix } from '../context.js';
import { untrusted } from '../text.js';
import type { Person, Program, ProgramRole } from '../types.js';
import { isConfiguredAdmin } from './resolve-person.js';

/** Notification kind telling a person they were given or lost a role. */
export const ROLE_CHANGED_KIND = 'oversight.role.changed';

/**
 * Whether the person administers `program` (the current one). With no current program (the last one
 * archived), the admins of the newest program keep the right to start the next. TANDEM_ADMINS people
 * are admins from the first start: recorded as a program role on first contact.
 */
export async function isProgramAdmin(deps: CoreDeps, person: Person, program: Program | null): Promise<boolean> {
  const { store } = deps;
  const scope = program ?? (await store.listPrograms())[0] ?? null;
  if (scope && (await store.hasRole(scope.id, person.id, 'admin'))) return true;
  if (!isConfiguredAdmin(person, deps.settings.admins)) return false;
  if (program) {
    await store.grantRole(program.id, person.id, 'admin');
    await store.audit({ actorId: null, programId: program.id, action: 'role.granted', targetType: 'person', targetId: person.id, details: { role: 'admin', source: 'TANDEM_ADMINS' } });
  }
  return true;
}

export async function listRoles(ctx: RequestContext): Promise<Outcome> {
  const { t, program, store } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  if (!program) return textReply(t('oversight.roles.no_program'));
  const [admins, managers] = await Promise.all([store.listRoleHolders(program.id, 'admin'), store.listRoleHolders(program.id, 'manager')]);
  const line = (person: Person, role: ProgramRole) => {
    const email = person.email ? ` (${untrusted(person.email)})` : '';
    const configured = role === 'admin' && isConfiguredAdmin(person, ctx.settings.admins) ? ` — _${t('oversight.roles.configured')}_` : '';
    return `• ${untrusted(person.name)}${email}${configured}`;
  };
  const section = (title: string, people: Person[], role: ProgramRole) =>
    [title, ...(people.length ? people.map((p) => line(p, role)) : [`• _${t('oversight.roles.nobody')}_`])].join('\n');
  const title = t('oversight.roles.title', { program: program.name });
  return {
    kind: 'message',
    message: message(
      [
        { type: 'header', text: title },
        { type: 'text', text: section(t('oversight.roles.admins'), admins, 'admin') },
        { type: 'text', text: section(t('oversight.roles.managers'), managers, 'manager') },
        { type: 'context', text: t('oversight.roles.hint') },
      ],
      title,
    ),
  };
}

/** The people a target names: the mentioned person (or everyone with the email), with their other platform's record too. */
async function resolveTarget(ctx: RequestContext, target: Target): Promise<Person[]> {
  const { store, person } = ctx;
  const found =
    target.kind === 'email'
      ? await store.findPeopleByEmail(target.email)
      : [await store.findPerson({ platform: person.platform, tenantId: person.tenantId, userId: target.userId })].filter((p) => p !== null);
  const first = found[0];
  if (target.kind === 'user' && first?.email) {
    // The same colleague known on Slack and on Teams holds the role on both.
    const twins = await store.findPeopleByEmail(first.email);
    return [first, ...twins.filter((p) => p.id !== first.id)];
  }
  return found;
}

export async function changeRole(ctx: RequestContext, change: 'add' | 'remove', role: ProgramRole, target: Target): Promise<Outcome> {
  const { t, program, store, person, clock } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  if (!program) return textReply(t('oversight.roles.no_program'));
  const people = await resolveTarget(ctx, target);
  const first = people[0];
  if (!first) return textReply(target.kind === 'email' ? t('admin.unknown_person', { target: target.email }) : t('admin.unknown_mention'));
  const name = first.name;
  const roleName = { trusted: t(`oversight.roles.name.${role}`) };
  const self = people.some((p) => p.id === person.id);
  const now = clock.now();

  if (change === 'remove' && role === 'admin' && people.some((p) => isConfiguredAdmin(p, ctx.settings.admins))) {
    return textReply(t('oversight.roles.configured_admin', { name }));
  }

  const result = await store.transaction(async (tx) => {
    // Two admins removing each other at once must not leave the program without an admin.
    await tx.lockProgram(program.id);
    const holding = [];
    for (const p of people) if (await tx.hasRole(program.id, p.id, role)) holding.push(p);
    if (change === 'add') {
      if (holding.length === people.length) return 'unchanged' as const;
      for (const p of people) await tx.grantRole(program.id, p.id, role, person.id);
    } else {
      if (holding.length === 0) return 'unchanged' as const;
      if (role === 'admin') {
        const remaining = (await tx.listRoleHolders(program.id, 'admin')).filter((a) => !people.some((p) => p.id === a.id));
        if (remaining.length === 0) return 'last_admin' as const;
      }
      for (const p of holding) await tx.revokeRole(program.id, p.id, role);
    }
    await tx.audit({
      actorId: person.id,
      programId: program.id,
      action: change === 'add' ? 'role.granted' : 'role.revoked',
      targetType: 'person',
      targetId: first.id,
      details: { role, personIds: people.map((p) => p.id) },
    });
    if (!self) {
      await tx.enqueueNotifications([
        {
          recipientId: first.id,
          kind: ROLE_CHANGED_KIND,
          payload: { programId: program.id, role, change, by: person.id },
          dueAt: now,
          dedupeKey: `${ROLE_CHANGED_KIND}:${program.id}:${first.id}:${role}:${change}:${now.getTime()}`,
        },
      ]);
    }
    return 'changed' as const;
  });

  const params = { name, role: roleName, program: program.name };
  if (result === 'last_admin') return textReply(t('oversight.roles.last_admin', params));
  if (result === 'unchanged') return textReply(t(change === 'add' ? 'oversight.roles.already' : 'oversight.roles.not_holder', params));
  if (self) return textReply(t(change === 'add' ? 'oversight.roles.granted_self' : 'oversight.roles.revoked_self', params));
  return textReply(t(change === 'add' ? 'oversight.roles.granted' : 'oversight.roles.revoked', params));
}

/** The message telling someone their role changed; null when the change was undone before it went out. */
export async function composeRoleChanged(deps: CoreDeps, notification: Notification, recipient: Person): Promise<Message | null> {
  const { store } = deps;
  const payload = notification.payload as { programId?: string; role?: ProgramRole; change?: 'add' | 'remove'; by?: string };
  const program = await store.getProgram(payload.programId ?? '');
  if (!program || program.status === 'archived' || (payload.role !== 'admin' && payload.role !== 'manager')) return null;
  const holds = await store.hasRole(program.id, recipient.id, payload.role);
  if (holds !== (payload.change === 'add')) return null;
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  const by = await store.getPerson(payload.by ?? '');
  const blocks: Block[] = [
    {
      type: 'text',
      text:
        payload.change === 'add'
          ? t(`oversight.roles.granted_notice.${payload.role}`, { name: recipient.name, by: by?.name ?? t('app.name'), program: program.name })
          : t('oversight.roles.revoked_notice', { name: recipient.name, role: trusted(t(`oversight.roles.name.${payload.role}`)), program: program.name }),
    },
  ];
  return message(blocks);
}

export const ROLE_COMPOSERS = { [ROLE_CHANGED_KIND]: composeRoleChanged };
