// Files for the person who asked (exports, my-data): uploaded into their DM with the app, the message as comment.
import type { webApi } from '@slack/bolt';
import { message, type FileAttachment, type Message } from '../../core/messages.js';
import { renderFallbackText } from './render.js';

/**
 * Slack's external upload: one upload URL per file (files.getUploadURLExternal), the bytes POSTed there,
 * then one files.completeUploadExternal shares them all in the DM with the message as its comment.
 */
export async function uploadToDirect(client: webApi.WebClient, userId: string, files: FileAttachment[], shown: Message): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  const uploaded: { id: string; title: string }[] = [];
  for (const file of files) {
    const bytes = Buffer.from(file.content, 'utf8');
    const target = await client.files.getUploadURLExternal({ filename: file.filename, length: bytes.length });
    if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal returned no upload URL');
    const response = await fetch(target.upload_url, { method: 'POST', headers: { 'content-type': file.contentType }, body: bytes });
    if (!response.ok) throw new Error(`Slack file upload failed: HTTP ${response.status}`);
    uploaded.push({ id: target.file_id, title: file.filename });
  }
  await client.files.completeUploadExternal({
    files: uploaded as [{ id: string; title: string }, ...{ id: string; title: string }[]],
    channel_id: channel,
    // The comment is text only (Slack ignores blocks beside it): every block's text, not just the fallback.
    initial_comment: renderFallbackText(message(shown.blocks)),
  });
}
