// The core's tiny markup → the Markdown subset Teams renders in Adaptive Cards, escaping untrusted text.
import { segments } from '../../core/text.js';

/** Characters with a Markdown meaning in Teams (emphasis, code, links, lists, headings, images). */
const MARKDOWN_SPECIALS = /[\\*_`[\]()#+\-.!~|]/g;

/** Teams runs card text through an HTML sanitizer: a raw `<` can break the card, `<at>` can mention. */
function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Text a person typed, made inert: no Markdown, no HTML, no `{{DATE()}}` functions. */
export function escapeMarkdown(value: string): string {
  return escapeHtml(value)
    .replace(MARKDOWN_SPECIALS, (char) => `\\${char}`)
    .replaceAll('{{', '{\u200b{');
}

/** Template text: `*bold*` becomes `**bold**`; `_italic_` is the same in both. */
function convertTemplate(value: string): string {
  return escapeHtml(value).replaceAll('*', '**');
}

/**
 * Renders marked text (see core/text.ts) as Teams Markdown. A single newline does not break a
 * line in an Adaptive Card TextBlock, so every line becomes its own paragraph.
 */
export function toTeamsMarkdown(text: string): string {
  const markdown = segments(text)
    .map((segment) => (segment.untrusted ? escapeMarkdown(segment.text) : convertTemplate(segment.text)))
    .join('');
  return markdown
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n');
}

/**
 * Splits Markdown into pieces of at most `max` characters, between paragraphs when possible,
 * else at a space, and never inside an escape (`\*`), an entity (`&amp;`) or a surrogate pair.
 */
export function splitMarkdown(markdown: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const paragraph of markdown.split('\n\n')) {
    const joined = current === '' ? paragraph : `${current}\n\n${paragraph}`;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current !== '') pieces.push(current);
    let rest = paragraph;
    while (rest.length > max) {
      const cut = safeCut(rest, max);
      pieces.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
    current = rest;
  }
  if (current !== '' || pieces.length === 0) pieces.push(current);
  return pieces;
}

function safeCut(text: string, max: number): number {
  const space = text.lastIndexOf(' ', max);
  let cut = space > max / 2 ? space : max;
  // Never split "\x": an odd run of backslashes before the cut means the last one escapes the next char.
  let backslashes = 0;
  while (cut - 1 - backslashes >= 0 && text[cut - 1 - backslashes] === '\\') backslashes += 1;
  if (backslashes % 2 === 1) cut -= 1;
  // Never split "&amp;" / "&lt;" / "&gt;".
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp !== -1 && cut - amp < 5 && !text.slice(amp, cut).includes(';')) cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return Math.max(cut, 1);
}
