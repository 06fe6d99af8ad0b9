// The core's entry point: turns commands, clicks and form submissions into use-case calls.
import { commandPrefix, type CoreDeps, type RequestContext } from './context.js';
import { parseCommand, type Command, type ParseError } from './grammar.js';
import { exampleDay } from './format.js';
import { translator, trusted } from './i18n/index.js';
import { textReply, message, type FormValues, type Message, type Outcome } from './messages.js';
import type { Actor, ConversationChannel, Tandem } from './tandem.js';
import { asLocale, type EnrollmentRole, type Person } from './types.js';
import { decideMentor, decideMentorByTarget } from './use-cases/decide-mentor.js';
import { ENROLLMENT_FORM_ID } from './use-cases/enrollment-form.js';
import { startJoin, startProfileEdit } from './use-cases/join-program.js';
import { askToLeave, confirmLeave, keepEnrollment } from './use-cases/leave-program.js';
import { askToForget, askToForgetPerson, confirmForget, confirmForgetPerson, keepData, keepPersonData } from './use-cases/forget-person.js';
import { sendMyData } from './use-cases/my-data.js';
import { decideFromList, listPendingMentors } from './use-cases/list-pending-mentors.js';
import { PAUSE_FORM_ID, pauseEnrollments, pauseForm, resumeEnrollments, submitPauseForm } from './use-cases/pause-enrollment.js';
import { resolvePerson } from './use-cases/resolve-person.js';
import { showExpired } from './use-cases/show-expired.js';
import { showHelp } from './use-cases/show-help.js';
import { showMe } from './use-cases/show-me.js';
import { cancelRound, confirmRound, previewRound, showAllPairs } from './use-cases/pairing-round.js';
import { RESCHEDULE_FORM_ID, scheduleByCommand, scheduleForChosenPair, SESSION_FORM_ID, sessionForm, submitSessionForm } from './use-cases/schedule-session.js';
import { PLAN_FORM_ID, planForm, showPlans, submitPlanForm } from './use-cases/agree-plan.js';
import { listUpcomingSessions } from './use-cases/list-sessions.js';
import { askToCancel, confirmCancel, keepSession, reopenSessionForm, rescheduleForm, submitRescheduleForm } from './use-cases/manage-session.js';
import { submitEnrollment } from './use-cases/submit-enrollment.js';
import { ENGAGEMENT_ACTIONS, ENGAGEMENT_FORMS, reopenEngagementForm, runEngagementAction, runEngagementForm } from './use-cases/engagement-actions.js';
import { feedbackCommand } from './use-cases/session-feedback.js';
import { askEndPair, askEndPairsOf, confirmEndPair, keepPair, listAtRiskPairs, PAIR_ACTIONS, remindPair } from './use-cases/pair-oversight.js';
import { exportProgramData } from './use-cases/export-data.js';
import { dismissDelivery, FAILED_ACTIONS, listFailedDeliveries, retryDelivery } from './use-cases/list-failed.js';
import { askRematch, cancelRematch, confirmRematchNow, previewRematchNow, rematchByTarget, rematchNextRound } from './use-cases/rematch.js';
import { isChannelCommand, postProgramSummary } from './use-cases/program-summary.js';
import { weeklySummaryCommand } from './use-cases/weekly-summary.js';
import { askToArchive, confirmArchive, createProgram, keepProgram, moveProgram, PROGRAM_ACTIONS, showProgram } from './use-cases/manage-program.js';
import { SETTINGS_ACTIONS, SETTINGS_FORM_ID, settingsForm, showSettings, submitSettings } from './use-cases/program-settings.js';
import { changeRole, isProgramAdmin, listRoles } from './use-cases/manage-roles.js';

export function createTandem(deps: CoreDeps): Tandem {
  async function contextFor(actor: Actor): Promise<RequestContext> {
    const person = actor.resolved ?? (await resolvePerson(deps, actor));
    // The current program (newest not archived): joining additionally needs it open (signUpRefusal).
    const program = await deps.store.findCurrentProgram();
    const isAdmin = await isProgramAdmin(deps, person, program);
    const pauseExample = trusted(exampleDay(deps.clock.now(), person.timeZone, person.locale));
    return { ...deps, person, program, isAdmin, t: translator(person.locale, commandPrefix(person.platform), { pauseExample }) };
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
        // Summaries are meant for channels, so they are answered there too.
        if (actor.conversation === 'shared' && !('error' in command && command.error === 'empty') && !('verb' in command && command.verb === 'help') && !isChannelCommand(command)) {
          return Promise.resolve(textReply(ctx.t('error.private_only')));
        }
        return runCommand(ctx, command, actor.channel);
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
      // TANDEM_ADMINS people are recorded as admins on first contact (so they get mentor reviews).
      await isProgramAdmin(deps, person, await deps.store.findCurrentProgram());
      return person;
    },
  };
}

async function runCommand(ctx: RequestContext, command: Command | ParseError, channel?: ConversationChannel): Promise<Outcome> {
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
    case 'admin.program':
      if (command.step === 'show') return showProgram(ctx);
      return command.step === 'archive' ? askToArchive(ctx) : moveProgram(ctx, command.step);
    case 'admin.program.create':
      return createProgram(ctx, command.name);
    case 'admin.settings':
      return showSettings(ctx);
    case 'admin.roles':
      return listRoles(ctx);
    case 'admin.role':
      return changeRole(ctx, command.change, command.role, command.target);
    case 'admin.at_risk':
      return listAtRiskPairs(ctx);
    case 'admin.failed':
      return listFailedDeliveries(ctx);
    case 'admin.export':
      return exportProgramData(ctx);
    case 'admin.end':
      return askEndPairsOf(ctx, command.target);
    case 'admin.rematch':
      return rematchByTarget(ctx, command.target, command.now);
    case 'summary':
      return postProgramSummary(ctx, channel);
    case 'summary.weekly':
      return weeklySummaryCommand(ctx, channel, command.schedule);
    case 'my-data':
      return sendMyData(ctx);
    case 'forget-me':
      return askToForget(ctx);
    case 'admin.forget':
      return askToForgetPerson(ctx, command.target);
    case 'plan':
      return showPlans(ctx);
    case 'schedule':
      return scheduleByCommand(ctx, command.words);
    case 'sessions':
      return listUpcomingSessions(ctx);
    case 'feedback':
      return feedbackCommand(ctx);
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
    case 'oversight_usage':
      return message([{ type: 'text', text: t(error.topic === 'role' ? 'oversight.roles.usage' : error.topic === 'program' ? 'oversight.program.usage' : 'oversight.program.name_usage') }]);
    case 'summary_usage':
      return message([{ type: 'text', text: t('summary.usage') }]);
    case 'forget_target':
      return message([{ type: 'text', text: t('privacy.admin.usage') }]);
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
  if (ENGAGEMENT_ACTIONS.has(action)) return runEngagementAction(ctx, action, value);
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
    case 'forget.confirm':
      return confirmForget(ctx, value);
    case 'forget.keep':
      return keepData(ctx);
    case 'forget.admin.confirm':
      return confirmForgetPerson(ctx, value);
    case 'forget.admin.keep':
      return keepPersonData(ctx);
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
    case 'session.command':
      return scheduleForChosenPair(ctx, value);
    case 'session.reschedule':
      return value ? rescheduleForm(ctx, value) : showExpired(ctx);
    case 'session.cancel':
      return value ? askToCancel(ctx, value) : showExpired(ctx);
    case 'session.cancel.confirm':
      return confirmCancel(ctx, value);
    case 'session.cancel.keep':
      return keepSession(ctx, value);
    case 'plan.form':
      return value ? planForm(ctx, value) : showExpired(ctx);
    case FAILED_ACTIONS.page:
      return listFailedDeliveries(ctx, value ?? '0');
    case FAILED_ACTIONS.retry:
      return value ? retryDelivery(ctx, value) : showExpired(ctx);
    case FAILED_ACTIONS.dismiss:
      return value ? dismissDelivery(ctx, value) : showExpired(ctx);
    case PAIR_ACTIONS.atRiskPage:
      return listAtRiskPairs(ctx, value ?? '0');
    case PAIR_ACTIONS.remind:
      return value ? remindPair(ctx, value) : showExpired(ctx);
    case PAIR_ACTIONS.end:
      return value ? askEndPair(ctx, value) : showExpired(ctx);
    case PAIR_ACTIONS.endConfirm:
      return value ? confirmEndPair(ctx, value) : showExpired(ctx);
    case PAIR_ACTIONS.endKeep:
      return keepPair(ctx);
    case PAIR_ACTIONS.rematch:
      return value ? askRematch(ctx, value) : showExpired(ctx);
    case PAIR_ACTIONS.rematchNext:
      return value ? rematchNextRound(ctx, value) : showExpired(ctx);
    case PAIR_ACTIONS.rematchNow:
      return value ? previewRematchNow(ctx, value) : showExpired(ctx);
    case PAIR_ACTIONS.rematchConfirm:
      return value ? confirmRematchNow(ctx, value) : showExpired(ctx);
    case PAIR_ACTIONS.rematchCancel:
      return cancelRematch(ctx);
    case PROGRAM_ACTIONS.show:
      return showProgram(ctx);
    case PROGRAM_ACTIONS.open:
    case PROGRAM_ACTIONS.close:
      return value ? moveProgram(ctx, action === PROGRAM_ACTIONS.open ? 'open' : 'close', value) : showExpired(ctx);
    case PROGRAM_ACTIONS.archive:
      return value ? askToArchive(ctx, value) : showExpired(ctx);
    case PROGRAM_ACTIONS.archiveConfirm:
      return value ? confirmArchive(ctx, value) : showExpired(ctx);
    case PROGRAM_ACTIONS.archiveKeep:
      return keepProgram(ctx, value ?? '');
    case SETTINGS_ACTIONS.show:
      return showSettings(ctx, value);
    case SETTINGS_ACTIONS.edit:
      return settingsForm(ctx, value);
    case 'roles.show':
      return listRoles(ctx);
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
  if (typeof opened.id === 'string' && ENGAGEMENT_FORMS.has(opened.id) && typeof opened.state === 'string') return reopenEngagementForm(ctx, opened.id, opened.state);
  if ((opened.id === RESCHEDULE_FORM_ID || opened.id === PLAN_FORM_ID) && typeof opened.state === 'string') {
    return (await reopenSessionForm(ctx, opened.id, opened.state)) ?? showExpired(ctx);
  }
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
  if (ENGAGEMENT_FORMS.has(formId)) return runEngagementForm(ctx, formId, state, values);
  switch (formId) {
    case ENROLLMENT_FORM_ID:
      return submitEnrollment(ctx, state, values);
    case PAUSE_FORM_ID:
      return submitPauseForm(ctx, values);
    case SESSION_FORM_ID:
      return submitSessionForm(ctx, state, values);
    case SETTINGS_FORM_ID:
      return submitSettings(ctx, state, values);
    case RESCHEDULE_FORM_ID:
      return submitRescheduleForm(ctx, state, values);
    case PLAN_FORM_ID:
      return submitPlanForm(ctx, state, values);
    default:
      return showExpired(ctx);
  }
}

function isRole(value: unknown): value is EnrollmentRole {
  return value === 'mentor' || value === 'mentee';
}
