// One zod schema per Slack payload Tandem handles: only the fields it reads.
import { z } from 'zod';
import { TandemError } from '../../core/errors.js';

const id = z.string().min(1);

export const slashCommandSchema = z.object({
  team_id: id,
  user_id: id,
  /** Where the command was typed: a channel (C…/G…), or a direct message (D…). */
  channel_id: z.string().optional(),
  channel_name: z.string().optional(),
  text: z.string().default(''),
  trigger_id: id,
  response_url: z.url(),
});

const user = z.object({ id, team_id: id.optional() });
const team = z.object({ id }).nullish();

export const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user,
  team,
  trigger_id: id,
  response_url: z.url().optional(),
  /** Where the clicked button lives: a message, or a view (modal, Home tab). */
  view: z.object({ type: z.string() }).nullish(),
  actions: z.array(z.object({ action_id: id, value: z.string().optional() })).min(1),
});

const viewStateValue = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});

export const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user,
  team,
  trigger_id: id,
  view: z.object({
    callback_id: id,
    private_metadata: z.string().default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), viewStateValue)) }),
  }),
});

export const appHomeOpenedSchema = z.object({
  team_id: id,
  event: z.object({ type: z.literal('app_home_opened'), user: id, tab: z.string().optional() }),
});

/** Parses a payload Slack sent (already signature-checked by Bolt); a mismatch is a bug or an API change. */
export function parsePayload<T extends z.ZodType>(schema: T, payload: unknown, kind: string): z.output<T> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new TandemError('invalid_input', `Unexpected Slack ${kind} payload: ${z.prettifyError(parsed.error)}`, parsed.error);
  }
  return parsed.data;
}

/** The workspace of whoever clicked or submitted (`team` is null for org-wide installs). */
export function teamIdOf(payload: { team?: { id: string } | null; user: { team_id?: string } }): string {
  const teamId = payload.team?.id ?? payload.user.team_id;
  if (!teamId) throw new TandemError('invalid_input', 'Slack payload names no team');
  return teamId;
}
