// Neutral messages and forms → Adaptive Cards; submitted card values → form values.
import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import type { Block, Form, FormField, FormValues, Message } from '../../core/messages.js';
import { plain, plainText } from '../../core/text.js';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  ADAPTIVE_CARD_SCHEMA,
  ADAPTIVE_CARD_VERSION,
  type ActionSet,
  type AdaptiveCard,
  type CardElement,
  type SubmitAction,
  type TextBlock,
} from './adaptive-card.js';
import { escapeMarkdown, splitMarkdown, toTeamsMarkdown } from './markdown.js';

/** Long text is split over several TextBlocks so no single block grows unbounded. */
const MAX_TEXT_BLOCK = 2000;

/** Keys of our own Action.Submit data; Teams merges input values into the same object. */
const SUBMIT_KEYS = ['tandem', 'formId', 'state', 'multi', 'toggles'] as const;

/** What our Action.Submit buttons carry back (see `readSubmit`). */
export const submitDataSchema = z.discriminatedUnion('tandem', [
  z.object({ tandem: z.literal('action'), action: z.string().min(1), value: z.string().optional() }),
  z.object({
    tandem: z.literal('form'),
    formId: z.string().min(1),
    state: z.string(),
    multi: z.array(z.string()).default([]),
    toggles: z.array(z.string()).default([]),
  }),
  z.object({ tandem: z.literal('form.cancel'), formId: z.string().optional() }),
]);
export type SubmitData = z.infer<typeof submitDataSchema>;

export function renderCard(message: Message): Attachment {
  const body: CardElement[] = [];
  let separator = false;
  for (const block of message.blocks) {
    if (block.type === 'divider') {
      separator = true;
      continue;
    }
    const elements = renderBlock(block);
    if (separator && elements[0]) elements[0].separator = true;
    if (elements.length > 0) separator = false;
    body.push(...elements);
  }
  if (body.length === 0 && message.text) body.push(...textBlocks(message.text, {}));
  return attachment(card(body, message.text));
}

function renderBlock(block: Exclude<Block, { type: 'divider' }>): CardElement[] {
  switch (block.type) {
    case 'header':
      return textBlocks(block.text, { size: 'Large', weight: 'Bolder' });
    case 'text':
      return textBlocks(block.text, {});
    case 'context':
      return textBlocks(block.text, { isSubtle: true, size: 'Small' });
    case 'preformatted':
      return monospaceLines(block.lines);
    case 'fields':
      return [
        {
          type: 'FactSet',
          facts: block.fields.map((field) => ({ title: toTeamsMarkdown(field.label), value: toTeamsMarkdown(field.value) })),
        },
      ];
    case 'actions': {
      const actions = block.buttons.flatMap((button): (SubmitAction | OpenUrlAction)[] => {
        const style = button.style === 'primary' ? { style: 'positive' as const } : button.style === 'danger' ? { style: 'destructive' as const } : {};
        if (button.url !== undefined) {
          // Only https links (and http to this machine) are rendered; anything else is dropped with its button.
          return isHttpsUrl(button.url) ? [{ type: 'Action.OpenUrl', title: plain(button.label), url: button.url, ...style }] : [];
        }
        return [
          {
            type: 'Action.Submit',
            title: plain(button.label),
            data: { tandem: 'action', action: button.action, ...(button.value === undefined ? {} : { value: button.value }) },
            ...style,
          },
        ];
      });
      if (actions.length === 0) return [];
      // adaptive-card.ts types ActionSet actions as Action.Submit only; Action.OpenUrl is valid Adaptive Card 1.5.
      return [{ type: 'ActionSet', actions } as ActionSet];
    }
  }
}

/** Action.OpenUrl (Adaptive Card 1.0+): opens `url` in the browser or, for Teams deep links, in Teams. */
interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
  style?: SubmitAction['style'];
}

function isHttpsUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    // http only to this machine: a local Tandem's own links (download files) in the Agents Playground.
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname));
  } catch {
    return false;
  }
}

/**
 * The form as an Adaptive Card. Teams merges input values into the submit data at the top level,
 * so field ids must not be one of `tandem`, `formId`, `state`, `multi`, `toggles`.
 */
export function renderFormCard(form: Form, errors: Record<string, string> = {}): Attachment {
  const body: CardElement[] = [...textBlocks(form.title, { size: 'Large', weight: 'Bolder' })];
  if (form.intro) body.push(...textBlocks(form.intro, {}));
  for (const field of form.fields) {
    body.push(...renderField(field, errors[field.id], form.requiredError));
  }
  const multi = form.fields.filter((field) => field.kind === 'select' && field.multiple).map((field) => field.id);
  const toggles = form.fields.filter((field) => field.kind === 'checkbox').map((field) => field.id);
  const actions: SubmitAction[] = [
    {
      type: 'Action.Submit',
      title: plain(form.submitLabel),
      style: 'positive',
      data: { tandem: 'form', formId: form.id, state: form.state, multi, toggles },
    },
    {
      type: 'Action.Submit',
      title: plain(form.cancelLabel),
      associatedInputs: 'none',
      data: { tandem: 'form.cancel', formId: form.id },
    },
  ];
  return attachment({ ...card(body, form.title), actions });
}

/** `error` comes from the server (shown in red too); `requiredError` is for Teams' own check of an empty required input. */
function renderField(field: FormField, error: string | undefined, requiredError?: string): CardElement[] {
  // Headings carry their own *bold* marks; the rest of their text stays regular.
  if (field.kind === 'heading') return textBlocks(field.text, {}, true);
  const common = {
    id: field.id,
    label: plain(field.label),
    isRequired: field.required,
    ...(error ? { errorMessage: plain(error) } : field.required && requiredError ? { errorMessage: plain(requiredError) } : {}),
  };
  const elements: CardElement[] = [];
  switch (field.kind) {
    case 'text':
      elements.push({
        type: 'Input.Text',
        ...common,
        isMultiline: field.multiline,
        maxLength: field.maxLength,
        ...(field.placeholder ? { placeholder: plain(field.placeholder) } : {}),
        ...(field.initial !== undefined ? { value: plain(field.initial) } : {}),
      });
      break;
    case 'select':
      elements.push({
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        isMultiSelect: field.multiple,
        choices: field.options.map((option) => ({ title: plain(option.label), value: option.value })),
        ...(field.initial && field.initial.length > 0 ? { value: field.initial.join(',') } : {}),
      });
      break;
    case 'number':
      elements.push({
        type: 'Input.Number',
        ...common,
        min: field.min,
        max: field.max,
        ...(field.initial !== undefined ? { value: field.initial } : {}),
      });
      break;
    case 'checkbox':
      elements.push({
        type: 'Input.Toggle',
        ...common,
        title: plain(field.optionLabel),
        value: field.initial ? 'true' : 'false',
        valueOn: 'true',
        valueOff: 'false',
      });
      break;
  }
  // The error right under its input, then the hint.
  if (error) elements.push(...textBlocks(error, { color: 'Attention', size: 'Small' }));
  if ('hint' in field && field.hint) elements.push(...textBlocks(field.hint, { isSubtle: true, size: 'Small' }));
  return elements;
}

/**
 * The values of a submitted form card: multi-selects split into arrays, unticked toggles and
 * empty inputs left out, strings trimmed, our own data keys dropped. Throws when `value` is not
 * the submission of a form card.
 */
export function readFormValues(value: Record<string, unknown>): { formId: string; state: string; values: FormValues } {
  const data = submitDataSchema.parse(value);
  if (data.tandem !== 'form') throw new Error(`not a form submission: ${data.tandem}`);
  const multi = new Set(data.multi);
  const toggles = new Set(data.toggles);
  const values: FormValues = {};
  for (const [key, raw] of Object.entries(value)) {
    if ((SUBMIT_KEYS as readonly string[]).includes(key)) continue;
    const text = inputText(raw);
    if (text === undefined) continue;
    if (multi.has(key)) {
      const selected = text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      values[key] = selected.length > 0 ? selected : undefined;
    } else if (toggles.has(key)) {
      values[key] = text === 'true' ? 'true' : undefined;
    } else {
      values[key] = text === '' ? undefined : text;
    }
  }
  return { formId: data.formId, state: data.state, values };
}

function inputText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) return raw.join(',');
  return undefined;
}

/**
 * Card Markdown has no code blocks: each line is its own tight monospace TextBlock, its spaces made
 * non-breaking so that the columns stay aligned (HTML would collapse runs of spaces).
 */
function monospaceLines(lines: string[]): TextBlock[] {
  return lines.slice(0, 50).map((line, index) => ({
    type: 'TextBlock',
    text: escapeMarkdown(line).replaceAll(' ', '\u00a0'),
    fontType: 'Monospace',
    wrap: false,
    ...(index > 0 ? { spacing: 'None' as const } : {}),
  }));
}

function textBlocks(text: string, style: Omit<TextBlock, 'type' | 'text'>, separator = false): TextBlock[] {
  return splitMarkdown(toTeamsMarkdown(text), MAX_TEXT_BLOCK).map((piece, index) => ({
    type: 'TextBlock',
    text: piece,
    wrap: true,
    ...style,
    ...(separator && index === 0 ? { separator: true } : {}),
  }));
}

function card(body: CardElement[], fallback: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    body,
    fallbackText: plainText(fallback),
  };
}

function attachment(content: AdaptiveCard): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}
