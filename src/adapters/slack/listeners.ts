// Bolt listeners: ack in time, validate, call the core, render. Failures reach the one app.error handler.
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Tandem } from '../../core/tandem.js';
import { commandChannel, slackActor } from './actor.js';
import { raceDeadline } from './deadline.js';
import {
  appHomeOpenedSchema,
  blockActionsSchema,
  parsePayload,
  slashCommandSchema,
  teamIdOf,
  viewSubmissionSchema,
} from './payloads.js';
import {
  ACTION_ID_PATTERN,
  actionFromId,
  FORM_CALLBACK_PATTERN,
  formErrorsResponse,
  formIdFromCallbackId,
  isLinkActionId,
  readViewValues,
  renderHome,
  renderModal,
} from './render.js';
import { ephemeral, inChannel, interactionSurface, messageOf, present } from './replies.js';

/** Slack drops a request not acked within 3 s; keep room for the network. */
export const ACK_BUDGET_MS = 2500;

export interface ListenerDeps {
  core: Tandem;
  logger: Logger;
}

export function registerListeners(app: App, { core, logger }: ListenerDeps): void {
  app.command('/tandem', async ({ command, ack, respond, client }) => {
    const body = parsePayload(slashCommandSchema, command, 'slash command');
    const actor = slackActor(client, body.team_id, body.user_id, commandChannel(body.channel_id, body.channel_name));
    const pending = core.handleCommand(actor, body.text);
    const early = await raceDeadline(pending, ACK_BUDGET_MS);
    if (early.inTime && early.value.kind === 'channel') {
      await ack(inChannel(early.value.message));
      return;
    }
    // Forms and files go out after the ack (a modal, an upload into the DM).
    if (early.inTime && early.value.kind !== 'form' && early.value.kind !== 'file') {
      await ack(ephemeral(messageOf(early.value)));
      return;
    }
    await ack();
    const outcome = early.inTime ? early.value : await pending;
    await present(outcome, interactionSurface({ client, userId: body.user_id, triggerId: body.trigger_id, respond, logger }));
  });

  app.action(ACTION_ID_PATTERN, async ({ body, ack, respond, client }) => {
    await ack();
    const payload = parsePayload(blockActionsSchema, body, 'block_actions');
    const [clicked] = payload.actions;
    // Slack opened the link itself; the click is only acked.
    if (!clicked || isLinkActionId(clicked.action_id)) return;
    const actor = slackActor(client, teamIdOf(payload), payload.user.id);
    const outcome = await core.handleAction(actor, actionFromId(clicked.action_id), clicked.value);
    await present(
      outcome,
      interactionSurface({
        client,
        userId: payload.user.id,
        triggerId: payload.trigger_id,
        respond: payload.response_url ? respond : undefined,
        logger,
      }),
    );
    // A click on the Home tab may change what it shows (joined, paused…).
    if (payload.view?.type === 'home') {
      await client.views.publish({ user_id: payload.user.id, view: renderHome(await core.home(actor)) });
    }
  });

  app.view(FORM_CALLBACK_PATTERN, async ({ body, ack, client }) => {
    const payload = parsePayload(viewSubmissionSchema, body, 'view_submission');
    const { view } = payload;
    const actor = slackActor(client, teamIdOf(payload), payload.user.id);
    const pending = core.submitForm(actor, formIdFromCallbackId(view.callback_id), view.private_metadata, readViewValues(view));
    const early = await raceDeadline(pending, ACK_BUDGET_MS);
    if (early.inTime && early.value.kind === 'form_errors') {
      await ack(formErrorsResponse(early.value.errors, Object.keys(view.state.values)));
      return;
    }
    if (early.inTime && early.value.kind === 'form') {
      // The next step of a multi-step form replaces the current one.
      await ack({ response_action: 'update', view: renderModal(early.value.form) });
      return;
    }
    await ack();
    const outcome = early.inTime ? early.value : await pending;
    await present(outcome, interactionSurface({ client, userId: payload.user.id, triggerId: payload.trigger_id, logger }));
  });

  app.event('app_home_opened', async ({ body, client }) => {
    const { team_id: teamId, event } = parsePayload(appHomeOpenedSchema, body, 'app_home_opened');
    if (event.tab !== undefined && event.tab !== 'home') return;
    const actor = slackActor(client, teamId, event.user);
    await client.views.publish({ user_id: event.user, view: renderHome(await core.home(actor)) });
  });
}
