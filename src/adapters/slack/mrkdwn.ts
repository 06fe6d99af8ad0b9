// Marked text (core/text.ts) to Slack text: mrkdwn with people's values defused, or plain text.
import { plain, segments } from '../../core/text.js';

/**
 * Slack has no escape for its formatting characters, so in untrusted values they become their
 * fullwidth lookalikes — unless flanked by letters or digits on both sides, where Slack never reads
 * them as formatting (`jean_dupont`, `first_last@example.com` stay as typed).
 */
const LOOKALIKES = new Map([
  ['*', '\uFF0A'],
  ['_', '\uFF3F'],
  ['~', '\uFF5E'],
  ['`', '\uFF40'],
]);
const FULLWIDTH_GREATER_THAN = '\uFF1E';
/** Invisible; keeps `@here` readable while no longer matching a broadcast mention. */
const WORD_JOINER = '\u2060';
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** Template text keeps its *bold* and _italic_; untrusted values are shown literally. */
export function toMrkdwn(text: string): string {
  return segments(text)
    .map((segment) => (segment.untrusted ? defuse(segment.text) : escapeEntities(segment.text)))
    .join('');
}

/** For plain_text objects: Slack shows them literally, so the marks only need to go. */
export function toPlainText(text: string, maxLength?: number): string {
  const value = plain(text);
  return maxLength === undefined ? value : truncate(value, maxLength);
}

export function escapeEntities(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function defuse(value: string): string {
  const chars = Array.from(value);
  const out = chars.map((char, i) => {
    const lookalike = LOOKALIKES.get(char);
    if (lookalike !== undefined) return isWord(chars[i - 1]) && isWord(chars[i + 1]) ? char : lookalike;
    // A ">" opening a line would start a block quote.
    if (char === '>' && (i === 0 || chars[i - 1] === '\n')) return FULLWIDTH_GREATER_THAN;
    return escapeEntities(char);
  });
  return out.join('').replace(/@(?=(?:channel|here|everyone)\b)/gi, `@${WORD_JOINER}`);
}

function isWord(char: string | undefined): boolean {
  return char !== undefined && WORD_CHARACTER.test(char);
}

/** Cuts at a code point boundary and ends with an ellipsis when it had to cut. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `${safeSlice(text, maxLength - 1).trimEnd()}…`;
}

/**
 * Splits mrkdwn into chunks of at most `maxLength` characters, preferring line breaks, then spaces,
 * and never cutting an entity (`&amp;`) or a surrogate pair.
 */
export function splitMrkdwn(text: string, maxLength: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > maxLength) {
    const head = rest.slice(0, maxLength + 1);
    let cut = head.lastIndexOf('\n');
    if (cut < maxLength / 2) cut = head.lastIndexOf(' ');
    if (cut < maxLength / 2) cut = hardCut(rest, maxLength);
    const chunk = rest.slice(0, cut).trimEnd();
    if (chunk) chunks.push(chunk);
    rest = rest.slice(cut).replace(/^[ \n]/, '');
  }
  if (rest.trim()) chunks.push(rest);
  return chunks;
}

function hardCut(text: string, maxLength: number): number {
  let cut = safeSlice(text, maxLength).length;
  const entityStart = text.lastIndexOf('&', cut - 1);
  if (entityStart !== -1 && cut - entityStart < 6 && !text.slice(entityStart, cut).includes(';')) cut = entityStart;
  return cut > 0 ? cut : maxLength;
}

function safeSlice(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  const endsInHighSurrogate = code >= 0xd800 && code <= 0xdbff;
  return text.slice(0, endsInHighSurrogate ? length - 1 : length);
}
