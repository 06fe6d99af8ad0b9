// `admin program [create|open|close|archive]`: the current program's life, draft → open ⇄ closed → archived.
//
// One program is current at a time — the newest one not archived — so every command knows which one
// it is about. A new program can only be created once the current one is archived; it starts as a
// draft with the previous program's settings, admins and managers, and its creator as admin.
import type { CoreDeps, RequestContext } from '../context.js';
import { commandPrefix } from '../context.js';
import { translator, trusted, type MessageKey, type Translator } from '../i18n/index.js';
import { message, textReply, type Block, type Button, type Message, type Outcome } from '../messages.js';
import type { Notification } from '../ports.js';
import { DEFAULT_PROGRAM_SETTINGS } from '../program-defaults.js';
import type { Enrollment, Person, Program, ProgramStatus } from '../types.js';
import { showExpired } from './show-expired.js';

export const PROGRAM_ACTIONS = {
  open: 'program.open',
  close: 'program.close',
  archive: 'program.archive',
  archiveConfirm: 'program.archive.confirm',
  archiveKeep: 'program.archive.keep',
  show: 'program.show',
} as const;

/** Notification kind telling each partner of a pair that the program ended with the archive. */
export const PROGRAM_ENDED_KIND = 'oversight.program.ended';

export async function showProgram(ctx: RequestContext, lead?: string, replaceSource = false): Promise<Outcome> {
  const { t, program } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  if (!program) return { ...textReply(lead ? `${lead}\n\n${t('oversight.program.none')}` : t('oversight.program.none')), replaceSource };
  return { kind: 'message', message: await programCard(ctx, program, lead), replaceSource };
}

async function programCard(ctx: RequestContext, program: Program, lead?: string): Promise<Message> {
  const { t, store } = ctx;
  const [enrollments, pairs, admins, managers] = await Promise.all([
    store.listEnrollments(program.id),
    store.listPairs(program.id),
    store.listRoleHolders(program.id, 'admin'),
    store.listRoleHolders(program.id, 'manager'),
  ]);
  const count = (role: Enrollment['role'], status: Enrollment['status']) => enrollments.filter((e) => e.role === role && e.status === status).length;
  const pairCount = (status: string) => pairs.filter((p) => p.status === status).length;
  const title = t('oversight.program.title', { program: program.name });
  const blocks: Block[] = [
    ...(lead ? [{ type: 'text' as const, text: lead }] : []),
    { type: 'header', text: title },
    {
      type: 'fields',
      fields: [
        { label: t('oversight.program.field.status'), value: t(`oversight.program.status.${program.status}`) },
        {
          label: t('oversight.program.field.mentors'),
          value: t('oversight.program.mentors_value', { approved: count('mentor', 'approved'), pending: count('mentor', 'pending'), paused: count('mentor', 'paused') }),
        },
        { label: t('oversight.program.field.mentees'), value: t('oversight.program.mentees_value', { active: count('mentee', 'approved'), paused: count('mentee', 'paused') }) },
        { label: t('oversight.program.field.pairs'), value: t('oversight.program.pairs_value', { active: pairCount('active'), closed: pairCount('closed'), ended: pairCount('ended') }) },
        { label: t('oversight.program.field.team'), value: t('oversight.program.team_value', { admins: admins.length, managers: managers.length }) },
      ],
    },
  ];
  if (program.status !== 'archived') blocks.push({ type: 'context', text: t(`oversight.program.explain.${program.status}`) });
  const buttons = nextSteps(t, program);
  if (buttons.length) blocks.push({ type: 'actions', buttons });
  return message(blocks, lead ? `${lead}\n${title}` : title);
}

/** The buttons for what can happen next to a program in this status. */
function nextSteps(t: Translator, program: Program): Button[] {
  const value = program.id;
  const settings: Button = { action: 'settings.show', label: t('oversight.program.settings'), value };
  const roles: Button = { action: 'roles.show', label: t('oversight.program.roles'), value };
  switch (program.status) {
    case 'draft':
      return [{ action: PROGRAM_ACTIONS.open, label: t('oversight.program.open'), value, style: 'primary' }, settings, roles, archiveButton(t, value)];
    case 'open':
      return [{ action: PROGRAM_ACTIONS.close, label: t('oversight.program.close'), value }, settings, roles];
    case 'closed':
      return [{ action: PROGRAM_ACTIONS.open, label: t('oversight.program.reopen'), value, style: 'primary' }, settings, roles, archiveButton(t, value)];
    case 'archived':
      return [];
  }
}

function archiveButton(t: Translator, value: string): Button {
  return { action: PROGRAM_ACTIONS.archive, label: t('oversight.program.archive'), value, style: 'danger' };
}

/** The current program, checked against the one a clicked button was about; null when the button is stale. */
function targetProgram(ctx: RequestContext, programId: string | undefined): Program | null {
  const { program } = ctx;
  if (!program) return null;
  if (programId !== undefined && programId !== program.id) return null;
  return program;
}

/** `admin program open|close` or their buttons: moves the current program and shows where it stands. */
export async function moveProgram(ctx: RequestContext, step: 'open' | 'close', programId?: string): Promise<Outcome> {
  const { t, store, person } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const fromButton = programId !== undefined;
  if (!ctx.program) return showProgram(ctx);
  const program = targetProgram(ctx, programId);
  if (!program) return showExpired(ctx);
  const from: ProgramStatus[] = step === 'open' ? ['draft', 'closed'] : ['open'];
  const to: ProgramStatus = step === 'open' ? 'open' : 'closed';
  const moved = await store.transaction(async (tx) => {
    if (!(await tx.setProgramStatus(program.id, from, to))) return null;
    await tx.audit({
      actorId: person.id,
      programId: program.id,
      action: step === 'open' ? (program.status === 'closed' ? 'program.reopened' : 'program.opened') : 'program.closed',
      targetType: 'program',
      targetId: program.id,
      details: { from: program.status, to },
    });
    return (await tx.getProgram(program.id))!;
  });
  const now = moved ?? (await store.getProgram(program.id)) ?? program;
  const updated: RequestContext = { ...ctx, program: now };
  let key: MessageKey;
  if (moved) key = step === 'close' ? 'oversight.program.closed' : program.status === 'closed' ? 'oversight.program.reopened' : 'oversight.program.opened';
  else if (now.status === 'archived') key = 'oversight.program.already_archived';
  else if (step === 'open') key = now.status === 'open' ? 'oversight.program.already_open' : 'oversight.program.changed_meanwhile';
  else key = now.status === 'closed' ? 'oversight.program.already_closed' : now.status === 'draft' ? 'oversight.program.close_draft' : 'oversight.program.changed_meanwhile';
  return showProgram(updated, t(key, { program: program.name }), fromButton);
}

/** `admin program archive` or its button: says what archiving will do, and asks to confirm. */
export async function askToArchive(ctx: RequestContext, programId?: string): Promise<Outcome> {
  const { t, store, clock } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  if (!ctx.program) return showProgram(ctx);
  const program = targetProgram(ctx, programId);
  if (!program) return showExpired(ctx);
  if (program.status === 'open') {
    return {
      kind: 'message',
      message: message([
        { type: 'text', text: t('oversight.program.archive_open', { program: program.name }) },
        { type: 'actions', buttons: [{ action: PROGRAM_ACTIONS.close, label: t('oversight.program.close'), value: program.id }] },
      ]),
    };
  }
  const { pairs, sessions } = await activeWork(ctx, program, clock.now());
  const text = t('oversight.program.archive_confirm', { program: program.name });
  return {
    kind: 'message',
    message: message(
      [
        { type: 'text', text },
        {
          type: 'text',
          text: pairs > 0 ? t('oversight.program.archive_pairs', { pairs, sessions }) : t('oversight.program.archive_no_pairs'),
        },
        {
          type: 'actions',
          buttons: [
            { action: PROGRAM_ACTIONS.archiveConfirm, label: t('oversight.program.archive_yes', { program: program.name }), value: program.id, style: 'danger' },
            { action: PROGRAM_ACTIONS.archiveKeep, label: t('oversight.program.archive_keep'), value: program.id },
          ],
        },
      ],
      text,
    ),
    replaceSource: programId !== undefined,
  };
  async function activeWork(c: RequestContext, p: Program, now: Date) {
    const active = (await store.listPairs(p.id)).filter((pair) => pair.status === 'active');
    let upcoming = 0;
    for (const pair of active) upcoming += (await c.store.listSessions(pair.id)).filter((s) => s.status === 'scheduled' && s.startsAt > now).length;
    return { pairs: active.length, sessions: upcoming };
  }
}

export function keepProgram(ctx: RequestContext, programId: string): Outcome {
  const { t, program } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const name = program && program.id === programId ? program.name : t('app.name');
  return { ...textReply(t('oversight.program.archive_kept', { program: name })), replaceSource: true };
}

/**
 * Archives the program once (double clicks, two admins): its active pairs end, their upcoming sessions
 * and pending reminders are cancelled, and both partners are told — all in one transaction.
 */
export async function confirmArchive(ctx: RequestContext, programId: string): Promise<Outcome> {
  const { t, store, person, clock } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const program = await store.getProgram(programId);
  if (!program) return showExpired(ctx);
  const now = clock.now();
  const result = await store.transaction(async (tx) => {
    await tx.lockProgram(program.id);
    if (!(await tx.setProgramStatus(program.id, ['draft', 'closed'], 'archived'))) return { status: (await tx.getProgram(program.id))?.status };
    const active = (await tx.listPairs(program.id)).filter((pair) => pair.status === 'active');
    let sessions = 0;
    for (const pair of active) {
      const upcoming = (await tx.listSessions(pair.id)).filter((s) => s.status === 'scheduled' && s.startsAt > now);
      await tx.endPair(pair.id, now);
      await tx.cancelPendingNotifications(`pair:${pair.id}`, 'program archived');
      for (const session of upcoming) await tx.cancelPendingNotifications(`session:${session.id}`, 'program archived');
      sessions += upcoming.length;
      await tx.enqueueNotifications(
        [pair.mentorPersonId, pair.menteePersonId].map((recipientId) => ({
          recipientId,
          kind: PROGRAM_ENDED_KIND,
          subject: `pair:${pair.id}`,
          payload: { programId: program.id, pairId: pair.id },
          dueAt: now,
          dedupeKey: `${PROGRAM_ENDED_KIND}:${pair.id}:${recipientId}`,
        })),
      );
    }
    await tx.audit({
      actorId: person.id,
      programId: program.id,
      action: 'program.archived',
      targetType: 'program',
      targetId: program.id,
      details: { from: program.status, endedPairs: active.length, cancelledSessions: sessions },
    });
    return { pairs: active.length, sessions };
  });
  if ('status' in result) {
    if (result.status === 'archived') return { ...textReply(t('oversight.program.already_archived', { program: program.name })), replaceSource: true };
    if (result.status === 'open') return { ...textReply(t('oversight.program.archive_open', { program: program.name })), replaceSource: true };
    return showExpired(ctx);
  }
  return { ...textReply(t('oversight.program.archived', { program: program.name, pairs: result.pairs, sessions: result.sessions })), replaceSource: true };
}

/** `admin program create <name>`: a draft, only once the current program is archived. */
export async function createProgram(ctx: RequestContext, name: string): Promise<Outcome> {
  const { t, store, person } = ctx;
  if (!ctx.isAdmin) return textReply(t('error.forbidden'));
  const result = await store.transaction(async (tx) => {
    const previous = (await tx.listPrograms())[0] ?? null;
    // Two admins creating at once: the second waits here, then finds the first one's draft current.
    if (previous) await tx.lockProgram(previous.id);
    const current = await tx.findCurrentProgram();
    if (current) return { busy: current, program: null, previous: null };
    const settings = previous ? { ...previous.settings } : { ...DEFAULT_PROGRAM_SETTINGS, timeZone: ctx.settings.defaultTimeZone };
    const program = await tx.createProgram({ name, status: 'draft', settings });
    await tx.grantRole(program.id, person.id, 'admin', person.id);
    let carried = 0;
    if (previous) {
      for (const role of ['admin', 'manager'] as const) {
        for (const holder of await tx.listRoleHolders(previous.id, role)) {
          await tx.grantRole(program.id, holder.id, role, person.id);
          carried++;
        }
      }
    }
    await tx.audit({
      actorId: person.id,
      programId: program.id,
      action: 'program.created',
      targetType: 'program',
      targetId: program.id,
      details: { name, copiedFrom: previous?.id ?? null, carriedRoles: carried },
    });
    return { busy: null, program, previous };
  });
  if (result.busy) {
    const busy = result.busy;
    return textReply(t('oversight.program.create_busy', { program: busy.name, status: trusted(t(`oversight.program.status.${busy.status}`)) }));
  }
  if (!result.program) return showExpired(ctx);
  const lead = [
    t('oversight.program.created', { program: result.program.name }),
    ...(result.previous ? [t('oversight.program.created_from', { previous: result.previous.name })] : []),
  ].join('\n');
  return showProgram({ ...ctx, program: result.program, isAdmin: true }, lead);
}

/**
 * Why this person cannot sign up to (or edit their answers in) `program` now; null when they can.
 * Joining needs open sign-up; people already enrolled may still edit their answers once it closes.
 */
export function signUpRefusal(t: Translator, program: Program, existing: Enrollment | null): string | null {
  if (program.status === 'open') return null;
  const enrolled = existing !== null && existing.status !== 'withdrawn' && existing.status !== 'declined';
  if (program.status === 'closed') return enrolled ? null : t('oversight.program.join_closed', { program: program.name });
  if (program.status === 'draft') return t('oversight.program.join_draft', { program: program.name });
  return t('error.no_program');
}

/** The message telling a partner the program ended with the archive; null when the pair is gone. */
export async function composeProgramEnded(deps: CoreDeps, notification: Notification, recipient: Person): Promise<Message | null> {
  const { store } = deps;
  const payload = notification.payload as { programId?: string; pairId?: string };
  const [program, pair] = await Promise.all([store.getProgram(payload.programId ?? ''), store.getPair(payload.pairId ?? '')]);
  if (!program || !pair) return null;
  const partnerId = pair.mentorPersonId === recipient.id ? pair.menteePersonId : pair.mentorPersonId;
  const partner = await store.getPerson(partnerId);
  const t = translator(recipient.locale, commandPrefix(recipient.platform));
  return message([{ type: 'text', text: t('oversight.program.ended_notice', { name: recipient.name, program: program.name, partner: partner?.name ?? '—' }) }]);
}

export const PROGRAM_COMPOSERS = { [PROGRAM_ENDED_KIND]: composeProgramEnded };
