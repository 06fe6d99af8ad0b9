// `summary` typed in a channel by a manager or admin: the program's figures, posted there for everyone.
import { DateTime } from 'luxon';
import type { CoreDeps, RequestContext } from '../context.js';
import type { Translator } from '../i18n/index.js';
import { message, textReply, type Message, type Outcome } from '../messages.js';
import { chartWeeks, publicFigures, type SummaryFigures } from '../summary/figures.js';
import { summaryMessage } from '../summary/compose.js';
import { asSummaryFigures } from '../summary/trend.js';
import type { Command, ParseError } from '../grammar.js';
import type { ConversationChannel } from '../tandem.js';
import type { Person, Program } from '../types.js';
import { isConfiguredAdmin } from './resolve-person.js';

/** Weeks the chart shows, the current one included. */
export const CHART_WEEKS = 8;

export async function postProgramSummary(ctx: RequestContext, channel: ConversationChannel | undefined): Promise<Outcome> {
  const program = await summaryProgram(ctx);
  if (!program) return textReply(ctx.t('summary.no_program'));
  if (!(await maySeeSummary(ctx, program))) return refusal(ctx.t('summary.refused'));
  if (!channel) return textReply(ctx.t(ctx.person.platform === 'slack' ? 'summary.no_channel.slack' : 'summary.no_channel.teams'));

  const summary = await buildSummary(ctx, program, ctx.t, { kind: 'request', requestedBy: ctx.person.id });
  await ctx.store.audit({ actorId: ctx.person.id, programId: program.id, action: 'summary.posted', targetType: 'channel', targetId: channel.id });
  return { kind: 'channel', message: summary };
}

/**
 * Computes the figures now, composes the message against the previous summary, and records these
 * figures for the next one. `record: false` composes only (a digest already recorded on an earlier attempt).
 */
export async function buildSummary(
  deps: CoreDeps,
  program: Program,
  t: Translator,
  options: { kind: 'request' | 'digest'; requestedBy: string | null; previousBefore?: Date; record?: boolean },
): Promise<Message> {
  const now = deps.clock.now();
  const { timeZone } = program.settings;
  const weeks = chartWeeks(DateTime.fromJSDate(now).setZone(timeZone).startOf('week').toISODate()!, CHART_WEEKS);
  const atRiskDays = program.settings.nudgeDays.admins;
  const [data, previousRecord, topics] = await Promise.all([
    deps.store.summaryData(program.id, { now, timeZone, chartFrom: weeks[0]!, atRiskDays }),
    deps.store.latestSummary(program.id, options.previousBefore),
    deps.store.listTopics(),
  ]);
  const figures: SummaryFigures = publicFigures(data, now, weeks);
  if (options.record !== false) {
    await deps.store.saveSummary({ programId: program.id, kind: options.kind, requestedBy: options.requestedBy, figures: { ...figures }, at: now });
  }
  return summaryMessage(t, {
    programName: program.name,
    figures,
    previous: previousRecord ? asSummaryFigures(previousRecord.figures) : null,
    timeZone,
    topics,
    atRiskDays,
    kind: options.kind,
  });
}

/** The program a summary is about: the open one, else the newest one still running (sign-up closed). */
export async function summaryProgram(ctx: RequestContext): Promise<Program | null> {
  return ctx.program ?? (await ctx.store.findCurrentProgram());
}

/** Managers and admins of the program (TANDEM_ADMINS included). */
export async function maySeeSummary(ctx: RequestContext, program: Program): Promise<boolean> {
  if (ctx.isAdmin && ctx.program?.id === program.id) return true;
  return (await isProgramAdmin(ctx, ctx.person, program)) || (await ctx.store.hasRole(program.id, ctx.person.id, 'manager'));
}

export async function isProgramAdmin(ctx: RequestContext, person: Person, program: Program): Promise<boolean> {
  if (ctx.isAdmin && ctx.program?.id === program.id) return true;
  return (await ctx.store.hasRole(program.id, person.id, 'admin')) || isConfiguredAdmin(person, ctx.settings.admins);
}

/** A refusal nobody else may see: never posted in the shared conversation it was asked from. */
export function refusal(text: string): Outcome {
  return { kind: 'message', message: message([{ type: 'text', text }]), personal: true };
}

/** Commands that belong in a channel (answered in shared conversations, unlike personal ones). */
export function isChannelCommand(command: Command | ParseError): boolean {
  return 'verb' in command ? command.verb === 'summary' || command.verb === 'summary.weekly' : command.error === 'summary_usage';
}
