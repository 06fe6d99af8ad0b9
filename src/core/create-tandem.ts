// The core's entry point: turns commands, clicks and form submissions into use-case calls.
import { commandPrefix, type CoreDeps, type RequestContext } from './context.js';
import { parseCommand, type Command, type ParseError } from './grammar.js';
import { exampleDay } from './format.js';
import { translator, trusted } from './i18n/index.js';
import { textReply, message, type FormValues, type Message, type Outcome } from './messages.js';
import type { Actor, Tandem } from './tandem.js';
import { asLocale, type EnrollmentRole, type Person } from './types.js';
import { decideMentor, decideMentorByTarget } from './use-cases/decide-mentor.js';
import { ENROLLMENT_FORM_ID } from './use-cases/enrollment-form.js';
import { startJoin, startProfileEdit } from './use-cases/join-program.js';
import { askToLeave, confirmLeave, keepEnrollment } from './use-cases/leave-program.js';
import { decideFromList, listPendingMentors } from './use-cases/list-pending-mentors.js';
import { PAUSE_FORM_ID, pauseEnrollments, pauseForm, resumeEnrollments, submitPauseForm } from './use-cases/pause-enrollment.js';
import { isConfiguredAdmin, resolvePerson } from './use-cases/resolve-person.js';
import { showExpired } from './use-cases/show-expired.js';
import { showHelp } from './use-cases/show-help.js';
import { showMe } from './use-cases/show-me.js';
import { cancelRound, confirmRound, previewRound, showAllPairs } from './use-cases/pairing-round.js';
import { SESSION_FORM_ID, sessionForm, submitSessionForm } from './use-cases/schedule-session.js';
import { submitEnrollment } from './use-cases/submit-enrollment.js';

export function createTandem(deps: CoreDeps): Tandem {
  async function contextFor(actor: Actor): Promise<RequestContext> {
    const person = await resolvePerson(deps, actor);
    const program = await deps.store.findOpenProgram();
    const isAdmin = program ? await adminRole(person, program.id) : false;
    const pauseExample = trusted(exampleDay(deps.clock.now(), person.timeZone, person.locale));
    return { ...deps, person, program, isAdmin, t: translator(person.locale, commandPrefix(person.platform), { pauseExample }) };
  }

  /** TANDEM_ADMINS bootstraps the first admins: recorded as a program role on first contact. */
  async function adminRole(person: Person, programId: string): Promise<boolean> {
    if (await deps.store.hasRole(programId, person.id, 'admin')) return true;
    if (!isConfiguredAdmin(person, deps.settings.admins)) return false;
    await deps.store.grantRole(programId, person.id, 'admin');
    await deps.store.audit({ actorId: null, programId, action: 'role.granted', targetType: 'person', targetId: person.id, details: { role: 'admin', source: 'TANDEM_ADMINS' } });
    return true;
  }

  /** One error handler for the whole core: log, and tell the person in their language that nothing changed. */
  async function guarded(actor: Actor, work: (ctx: RequestContext) => Promise<Outcome>): Promise<Outcome> {
    let locale = deps.settings.defaultLocale;
    try {
      const ctx = await contextFor(actor);
      locale = ctx.person.locale;
      return await work(ctx);
    } catch (error) {
      deps.logger.error({ err: error, platform: actor.identity.platform }, 'request failed');
      locale = asLocale(actor.hint?.locale, locale);
      const t = translator(locale, commandPrefix(actor.identity.platform));
      return textReply(t('error.internal'));
    }
  }

  return {
    handleCommand: (actor, text) =>
      guarded(actor, (ctx) => {
        const command = parseCommand(text);
        // Sign-up forms and statuses are personal: in a shared conversation only the help is answered there.
        if (actor.conversation === 'shared' && !('error' in command && command.error === 'empty') && !('verb' in command && command.verb === 'help')) {
          return Promise.resolve(textReply(ctx.t('error.private_only')));
        }
        return runCommand(ctx, command);
      }),
    handleAction: (actor, action, value) => guarded(actor, (ctx) => runAction(ctx, action, value)),
    submitForm: (actor, formId, state, values) => guarded(actor, (ctx) => runForm(ctx, formId, state, values)),
    async home(actor): Promise<Message> {
      const outcome = await guarded(actor, async (ctx) => {
        const me = await showMe(ctx);
        const help = showHelp(ctx);
        return { kind: 'message', message: message([...me.blocks, { type: 'divider' }, ...help.blocks], me.text) };
      });
      return outcome.kind === 'message' ? outcome.message : message([]);
    },
    async resolvePerson(actor): Promise<Person> {
      const person = await resolvePerson(deps, actor);
      const program = await deps.store.findOpenProgram();
      if (program) await adminRole(person, program.id);
      return person;
    },
  };
}

async function runCommand(ctx: RequestContext, command: Command | ParseError): Promise<Outcome> {
  if ('error' in command) return { kind: 'message', message: explainParseError(ctx, command) };
  switch (command.verb) {
    case 'help':
      return { kind: 'message', message: showHelp(ctx) };
    case 'join':
      return startJoin(ctx, command.role);
    case 'profile':
      return startProfileEdit(ctx);
    case 'me':
      return { kind: 'message', message: await showMe(ctx) };
    case 'leave':
      return askToLeave(ctx);
    case 'pause':
      return pauseEnrollments(ctx, command.until);
    case 'resume':
      return resumeEnrollments(ctx);
    case 'admin.pending':
      return listPendingMentors(ctx);
    case 'admin.decide':
      return decideMentorByTarget(ctx, command.target, command.decision);
    case 'admin.pair':
      return previewRound(ctx);
  }
}

function explainParseError(ctx: RequestContext, error: ParseError): Message {
  const { t } = ctx;
  switch (error.error) {
    case 'join_role':
    case 'pause_date':
    case 'admin_usage':
      return message([{ type: 'text', text: t(`error.${error.error}`) }]);
    case 'admin_target':
      return message([{ type: 'text', text: t('error.admin_target', { verb: error.verb }) }]);
    case 'empty':
    case 'control_characters':
      return showHelp(ctx, t(`error.${error.error}`));
    case 'too_long':
      return showHelp(ctx, t('error.too_long', { length: error.length }));
    case 'unknown_command':
      return showHelp(ctx, t('error.unknown_command', { command: error.command.slice(0, 40) }));
  }
}

async function runAction(ctx: RequestContext, action: string, value: string | undefined): Promise<Outcome> {
  switch (action) {
    case 'join':
    case 'profile.edit':
      return isRole(value) ? startJoin(ctx, value) : startProfileEdit(ctx);
    case 'form.open':
      return reopenForm(ctx, value);
    case 'pause.form':
      return pauseForm(ctx);
    case 'resume':
      return resumeEnrollments(ctx);
    case 'leave':
      return askToLeave(ctx);
    case 'leave.confirm':
      return confirmLeave(ctx);
    case 'leave.keep':
      return keepEnrollment(ctx);
    case 'mentor.approve':
    case 'mentor.decline':
      return value
        ? decideMentor(ctx, value, action === 'mentor.approve' ? 'approve' : 'decline', { fromButton: true })
        : showExpired(ctx);
    case 'round.confirm':
      return value ? confirmRound(ctx, value) : showExpired(ctx);
    case 'round.cancel':
      return value ? cancelRound(ctx, value) : showExpired(ctx);
    case 'round.all':
      return value ? showAllPairs(ctx, value) : showExpired(ctx);
    case 'session.form':
      return value ? sessionForm(ctx, value) : showExpired(ctx);
    case 'form.cancel':
      return { ...textReply(ctx.t('form.cancelled')), replaceSource: true };
    case 'pending.approve':
    case 'pending.decline':
      return value ? decideFromList(ctx, value, action === 'pending.approve' ? 'approve' : 'decline') : showExpired(ctx);
    default:
      return showExpired(ctx);
  }
}

/** A form that could not be opened in time (Slack trigger expired): its button gives it a second chance. */
async function reopenForm(ctx: RequestContext, value: string | undefined): Promise<Outcome> {
  let opened: { id?: unknown; state?: unknown } = {};
  try {
    opened = JSON.parse(value ?? '{}') as typeof opened;
  } catch {
    return showExpired(ctx);
  }
  if (opened.id === PAUSE_FORM_ID) return pauseForm(ctx);
  if (opened.id === SESSION_FORM_ID && typeof opened.state === 'string') {
    try {
      return sessionForm(ctx, String((JSON.parse(opened.state) as { pairId?: unknown }).pairId ?? ''));
    } catch {
      return showExpired(ctx);
    }
  }
  if (opened.id === ENROLLMENT_FORM_ID && typeof opened.state === 'string') {
    try {
      const state = JSON.parse(opened.state) as { role?: unknown };
      if (isRole(state.role)) return startJoin(ctx, state.role);
    } catch {
      // A tampered state: treated as expired below.
    }
  }
  return showExpired(ctx);
}

async function runForm(ctx: RequestContext, formId: string, state: string, values: FormValues): Promise<Outcome> {
  switch (formId) {
    case ENROLLMENT_FORM_ID:
      return submitEnrollment(ctx, state, values);
    case PAUSE_FORM_ID:
      return submitPauseForm(ctx, values);
    case SESSION_FORM_ID:
      return submitSessionForm(ctx, state, values);
    default:
      return showExpired(ctx);
  }
}

function isRole(value: unknown): value is EnrollmentRole {
  return value === 'mentor' || value === 'mentee';
}
