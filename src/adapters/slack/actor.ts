// Who acted on Slack, with a profile fetcher the core calls only when its cached profile is stale.
import type { webApi } from '@slack/bolt';
import type { Actor, ConversationChannel } from '../../core/tandem.js';
import type { PlatformProfile } from '../../core/types.js';
import { platformErrorOf } from './web-api-errors.js';

export function slackActor(client: webApi.WebClient, teamId: string, userId: string, channel?: ConversationChannel): Actor {
  return {
    identity: { platform: 'slack', tenantId: teamId, userId },
    fetchProfile: () => fetchProfile(client, userId),
    ...(channel ? { channel } : {}),
  };
}

/** The channel a slash command was typed in; none for a direct message with the app (D…). */
export function commandChannel(channelId: string | undefined, channelName: string | undefined): ConversationChannel | undefined {
  if (!channelId || channelId.startsWith('D') || channelName === 'directmessage') return undefined;
  return channelName ? { id: channelId, name: channelName } : { id: channelId };
}

async function fetchProfile(client: webApi.WebClient, userId: string): Promise<PlatformProfile | null> {
  let user: webApi.UsersInfoResponse['user'];
  try {
    ({ user } = await client.users.info({ user: userId, include_locale: true }));
  } catch (error) {
    if (platformErrorOf(error) === 'user_not_found') return null;
    throw error;
  }
  if (!user) return null;
  return {
    name: user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || userId,
    email: user.profile?.email || null,
    locale: user.locale || null,
    timeZone: user.tz || null,
  };
}
