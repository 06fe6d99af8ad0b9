// Outbox rows posted in a channel rather than sent to their recipient (the weekly summary): the row's
// payload names the channel, the store keeps what the platform needs to reach it.
import type { Message } from '../core/messages.js';
import { DeliveryError, type Messenger, type Notification, type Store } from '../core/ports.js';
import type { DigestChannel } from '../core/use-cases/weekly-summary.js';

/** The channel a row is posted in, or null for a row sent to its recipient. */
export function channelOf(row: Notification): DigestChannel | null {
  const channel = row.payload.channel as Partial<DigestChannel> | undefined;
  if (typeof channel !== 'object' || channel === null) return null;
  const { platform, tenantId, channelId } = channel;
  if ((platform !== 'slack' && platform !== 'teams') || typeof tenantId !== 'string' || typeof channelId !== 'string') return null;
  return { platform, tenantId, channelId };
}

export async function sendToChannel(store: Store, messenger: Messenger, channel: DigestChannel, message: Message): Promise<{ messageId: string }> {
  if (!messenger.sendToChannel) throw new DeliveryError(`${channel.platform} cannot post in channels`, { permanent: true });
  const ref = await store.getChannelRef(channel.platform, channel.tenantId, channel.channelId);
  return messenger.sendToChannel(ref ?? { ...channel, name: null, reference: null }, message);
}
