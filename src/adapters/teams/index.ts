// The Teams adapter: the POST /api/messages listener, the proactive Messenger, and their shared CloudAdapter.
// botbuilder is imported only under src/adapters/teams/ (it is in maintenance mode upstream).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from 'pino';
import type { TeamsConfig } from '../../config.js';
import type { Messenger } from '../../core/ports.js';
import type { Tandem } from '../../core/tandem.js';
import { createRequestHandler } from './http.js';
import { TeamsMessenger, type ConversationReferenceStore } from './messenger.js';
import { createTurnLogic } from './turn.js';
import type { OfferDownloads } from '../../exports/download-links.js';

export interface TeamsAdapterOptions {
  config: TeamsConfig;
  core: Tandem;
  store: ConversationReferenceStore;
  logger: Logger;
  /** Stores files (exports, my-data) and gives their download links. */
  downloads?: OfferDownloads;
}

export interface TeamsAdapter {
  /**
   * No MicrosoftAppId: incoming requests are not authenticated and outgoing calls carry no token.
   * Only a Bot Connector on this machine is accepted (Agents Playground, tests).
   */
  localMode: boolean;
  /** Mount on POST /api/messages. Reads the body itself (256 KB max). */
  requestListener: (req: IncomingMessage, res: ServerResponse) => void;
  messenger: Messenger;
  /** Refuses new requests and waits for the turns in progress. */
  stop(): Promise<void>;
}

export function createTeamsAdapter(options: TeamsAdapterOptions): TeamsAdapter {
  const { config, core, store } = options;
  const logger = options.logger;
  const localMode = !config.appId;

  // With no app id botbuilder disables authentication both ways (as for the Bot Framework Emulator):
  // incoming turns get an anonymous identity, outgoing requests use empty credentials and never ask
  // login.microsoftonline.com for a token.
  const auth = new ConfigurationBotFrameworkAuthentication(
    localMode
      ? {}
      : {
          MicrosoftAppId: config.appId,
          MicrosoftAppPassword: config.appPassword,
          MicrosoftAppTenantId: config.tenantId,
          MicrosoftAppType: config.appType,
        },
  );
  const adapter = new CloudAdapter(auth);
  // The one error handler: the core already turns its own failures into localized answers, so what
  // reaches here is unexpected and only logged (the channel still gets 200: nothing to retry).
  adapter.onTurnError = async (ctx, error) => {
    logger.error({ err: error, activityType: ctx.activity.type, activityId: ctx.activity.id }, 'Teams turn failed');
  };

  if (localMode) {
    logger.warn('Teams runs in local mode (no MicrosoftAppId): requests are not authenticated; only a Bot Connector on this machine is reached');
  } else {
    logger.info({ appId: config.appId, appType: config.appType }, 'Teams endpoint ready');
  }

  const messenger = new TeamsMessenger({ adapter, appId: config.appId ?? '', store, localMode });
  const handler = createRequestHandler({ adapter, logic: createTurnLogic({ core, store, logger, messenger, downloads: options.downloads }), logger, localMode });
  return {
    localMode,
    requestListener: handler.listener,
    messenger,
    stop: () => handler.stop(),
  };
}
