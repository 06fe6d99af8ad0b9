// The neutral message model: use cases build these; adapters render them (Block Kit, Adaptive Cards).
// Text uses a tiny markup: *bold*, _italic_, line breaks, and "• " bullets. Values typed by people
// are wrapped in untrusted marks (see text.ts) so renderers escape them for their platform.

export interface Button {
  /** Action id, routed back to the core on click (e.g. "mentor.approve"). */
  action: string;
  label: string;
  /** Opaque value given back with the action. */
  value?: string;
  style?: 'primary' | 'danger';
  /** Opens this https URL instead of calling back (e.g. a Teams chat with the partner). */
  url?: string;
}

export type Block =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'context'; text: string }
  | { type: 'divider' }
  | { type: 'actions'; buttons: Button[] }
  /** Lines in a fixed-width font, kept as they are (text bar charts). Plain text: no markup, nothing people typed. */
  | { type: 'preformatted'; lines: string[] };

export interface Message {
  /** Plain fallback for notifications and screen readers. */
  text: string;
  blocks: Block[];
}

export interface Option {
  value: string;
  label: string;
}

export type FormField =
  | { kind: 'heading'; id: string; text: string }
  | {
      kind: 'text';
      id: string;
      label: string;
      hint?: string;
      placeholder?: string;
      multiline: boolean;
      maxLength: number;
      required: boolean;
      initial?: string;
    }
  | {
      kind: 'select';
      id: string;
      label: string;
      hint?: string;
      options: Option[];
      multiple: boolean;
      required: boolean;
      initial?: string[];
    }
  | { kind: 'number'; id: string; label: string; hint?: string; min: number; max: number; required: boolean; initial?: number }
  | { kind: 'checkbox'; id: string; label: string; optionLabel: string; required: boolean; initial?: boolean };

export interface Form {
  /** Form id routed back on submit (e.g. "enrollment"). */
  id: string;
  title: string;
  submitLabel: string;
  cancelLabel: string;
  /** Opaque state returned on submit. */
  state: string;
  intro?: string;
  fields: FormField[];
  /** Shown next to a required field left empty, for platforms that check before sending (Teams). */
  requiredError?: string;
}

/** Values of a submitted form: one entry per field id; multi-selects give arrays; a ticked checkbox gives "true". */
export type FormValues = Record<string, string | string[] | undefined>;

/** What the core answers to a command, a click or a form submission. */
export type Outcome =
  /** Show this to the person who acted, privately. `replaceSource` asks to update the clicked message in place.
   *  `personal`: never in a shared conversation — Teams sends it to the person's 1:1 chat with the bot instead. */
  | { kind: 'message'; message: Message; replaceSource?: boolean; personal?: boolean }
  /** Post this in the conversation the command came from, visible to everyone there (a program summary). */
  | { kind: 'channel'; message: Message }
  /** Open this form (Slack modal, Teams Adaptive Card form). */
  | { kind: 'form'; form: Form }
  /** Keep the form open and show these localized errors next to the fields. `form` is the same form
   *  prefilled with what was submitted, for platforms that must redraw it (Teams). */
  | { kind: 'form_errors'; errors: Record<string, string>; form: Form }
  /** The form was accepted: close it and show this message to the person. */
  | { kind: 'form_done'; message: Message }
  /** Hand this file to the person who acted, privately, with the message beside it
   *  (Slack: uploaded into their DM with the message as comment; Teams: an expiring download link). */
  | {
      kind: 'file';
      file: FileAttachment;
      message: Message;
      moreFiles?: FileAttachment[];
      /** Shown under the download links where the platform offers links rather than files (Teams). */
      downloadNote?: string;
    };

/** A file produced for the person who asked (exports, `my-data`); `content` is its text, sent as UTF-8.
 *  `moreFiles` (on the outcome) travel with the first one: one Slack upload, one Teams card of links. */
export interface FileAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** The most common answer: one paragraph, shown privately to the person who acted. */
export function textReply(text: string): Extract<Outcome, { kind: 'message' }> {
  return { kind: 'message', message: message([{ type: 'text', text }]) };
}

export function message(blocks: Block[], text?: string): Message {
  const fallback = text ?? blocks.map(blockText).filter(Boolean).join('\n');
  return { text: fallback, blocks };
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'header':
    case 'text':
    case 'context':
      return block.text;
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
    case 'preformatted':
      return block.lines.join('\n');
    default:
      return '';
  }
}
