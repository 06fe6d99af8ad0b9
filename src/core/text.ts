// Untrusted text: cleaning what people type, and marking it so renderers escape it.

const OPEN = '\u0002';
const CLOSE = '\u0003';

/** Wrap text typed by a person (or fetched from a platform) so renderers escape it. */
export function untrusted(value: string): string {
  return `${OPEN}${value.replaceAll(OPEN, '').replaceAll(CLOSE, '')}${CLOSE}`;
}

/** Control characters other than tab and newline, and the Unicode bidi overrides. */
const UNWANTED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Normalize what a person typed: NFC, no control characters, trimmed. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(UNWANTED, '').trim();
}

export function hasControlCharacters(value: string): boolean {
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(value);
}

export interface TextSegment {
  text: string;
  untrusted: boolean;
}

/** Split marked text into trusted template pieces and untrusted values. */
export function segments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let rest = text;
  while (rest.length > 0) {
    const start = rest.indexOf(OPEN);
    if (start === -1) {
      out.push({ text: rest.replaceAll(CLOSE, ''), untrusted: false });
      break;
    }
    if (start > 0) out.push({ text: rest.slice(0, start).replaceAll(CLOSE, ''), untrusted: false });
    const end = rest.indexOf(CLOSE, start + 1);
    const value = end === -1 ? rest.slice(start + 1) : rest.slice(start + 1, end);
    out.push({ text: value, untrusted: true });
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  return out;
}

/** Marked text as plain text (for fallbacks, logs and tests). */
export function plain(text: string): string {
  return text.replaceAll(OPEN, '').replaceAll(CLOSE, '');
}

/** Marked text as plain text for notification previews: Tandem's own *bold*, _italic_ and `code` marks
 *  are dropped; what people typed is kept exactly as typed. */
export function plainText(text: string): string {
  // Typed values stand aside as placeholders, so marks around them (*Merci, {name} !*) still pair up.
  const typed: string[] = [];
  const template = segments(text)
    .map((segment) => (segment.untrusted ? `\uE000${typed.push(segment.text) - 1}\uE001` : segment.text))
    .join('');
  return template
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,;:!?])/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\uE000(\d+)\uE001/g, (_, index: string) => typed[Number(index)] ?? '');
}
