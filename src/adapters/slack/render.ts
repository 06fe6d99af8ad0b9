// The neutral message model (core/messages.ts) as Block Kit: messages, modals, the Home tab, and back.
import type { types } from '@slack/bolt';
import type { Block, Button, Form, FormField, FormValues, Message, Option } from '../../core/messages.js';
import { escapeEntities, splitMrkdwn, toMrkdwn, toPlainText } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;
type InputBlock = types.InputBlock;
type PlainTextOption = types.PlainTextOption;
type PlainTextElement = types.PlainTextElement;

/** Prefix of every action id and modal callback id Tandem renders, so listeners can match them. */
export const ACTION_PREFIX = 'tandem:';
export const FORM_CALLBACK_PREFIX = 'tandem:form:';
export const ACTION_ID_PATTERN = /^tandem:/;
/** Action ids of link buttons: Slack still posts a click on them, which is acked and ignored. */
export const LINK_ACTION_PREFIX = 'tandem:link:';
export const FORM_CALLBACK_PATTERN = /^tandem:form:/;
/** The action id of every form input; the block id carries the field id. */
const INPUT_ACTION_ID = 'value';

// Block Kit limits (docs.slack.dev/reference/block-kit).
const SECTION_TEXT_MAX = 3000;
const FIELD_TEXT_MAX = 2000;
const FIELDS_PER_SECTION = 10;
const HEADER_MAX = 150;
const BUTTONS_PER_ACTIONS = 25;
const BUTTON_TEXT_MAX = 75;
const BUTTON_URL_MAX = 3000;
const VIEW_TITLE_MAX = 24;
const LABEL_MAX = 2000;
const PLACEHOLDER_MAX = 150;
const OPTIONS_MAX = 100;
const OPTION_TEXT_MAX = 75;
const TEXT_INPUT_MAX = 3000;

export function renderBlocks(message: Message): KnownBlock[] {
  return message.blocks.flatMap(renderBlock);
}

/** The notification / screen-reader text sent beside the blocks. It is mrkdwn too, so it is escaped. */
export function renderFallbackText(message: Message): string {
  return toMrkdwn(message.text);
}

export function renderHome(message: Message): types.HomeView {
  return { type: 'home', blocks: renderBlocks(message) };
}

function renderBlock(block: Block): KnownBlock[] {
  switch (block.type) {
    case 'header':
      return toPlainText(block.text).trim() ? [header(block.text)] : [];
    case 'text':
      return sections(block.text);
    case 'fields':
      return chunk(block.fields.filter((f) => f.label || f.value), FIELDS_PER_SECTION).map((fields) => ({
        type: 'section',
        fields: fields.map((f) => ({ type: 'mrkdwn', text: truncateMrkdwn(fieldText(f.label, f.value), FIELD_TEXT_MAX) })),
      }));
    case 'context': {
      const text = toMrkdwn(block.text);
      return text.trim() ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: truncateMrkdwn(text, SECTION_TEXT_MAX) }] }] : [];
    }
    case 'divider':
      return [{ type: 'divider' }];
    case 'preformatted':
      return block.lines.length > 0 ? [codeBlock(block.lines)] : [];
    case 'actions': {
      // A link that is not https is dropped (with its button).
      const buttons = block.buttons.filter((button) => button.url === undefined || safeUrl(button.url, BUTTON_URL_MAX));
      return chunk(buttons, BUTTONS_PER_ACTIONS).map((part) => ({ type: 'actions', elements: renderButtons(part) }));
    }
  }
}

function fieldText(label: string, value: string): string {
  const renderedLabel = toMrkdwn(label);
  const renderedValue = toMrkdwn(value);
  return renderedLabel ? `*${renderedLabel}*\n${renderedValue}` : renderedValue;
}

function sections(text: string): KnownBlock[] {
  return splitMrkdwn(toMrkdwn(text), SECTION_TEXT_MAX).map((chunkText) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: chunkText },
  }));
}

/** A code block: Slack shows it in a fixed-width font with spaces kept; only entities need escaping there. */
function codeBlock(lines: string[]): KnownBlock {
  const kept: string[] = [];
  let length = 8;
  for (const line of lines.map((l) => escapeEntities(l))) {
    if (length + line.length + 1 > SECTION_TEXT_MAX) break;
    kept.push(line);
    length += line.length + 1;
  }
  return { type: 'section', text: { type: 'mrkdwn', text: `\`\`\`\n${kept.join('\n')}\n\`\`\`` } };
}

function header(text: string): KnownBlock {
  return { type: 'header', text: plainText(text, HEADER_MAX) };
}

/** Action ids must be unique within a block: a repeated action gets `#2`, `#3`… */
function renderButtons(buttons: Button[]): types.Button[] {
  const seen = new Map<string, number>();
  return buttons.map((button) => {
    const prefix = button.url !== undefined ? LINK_ACTION_PREFIX : ACTION_PREFIX;
    const count = (seen.get(prefix + button.action) ?? 0) + 1;
    seen.set(prefix + button.action, count);
    return {
      type: 'button',
      action_id: `${prefix}${button.action}${count > 1 ? `#${count}` : ''}`,
      text: plainText(button.label, BUTTON_TEXT_MAX),
      ...(button.url !== undefined ? { url: button.url } : {}),
      ...(button.value !== undefined ? { value: button.value } : {}),
      ...(button.style ? { style: button.style } : {}),
    };
  });
}

/** A click on a link button: Slack opened the URL, the core has nothing to do. */
export function isLinkActionId(actionId: string): boolean {
  return actionId.startsWith(LINK_ACTION_PREFIX);
}

/** Only absolute https URLs become links. */
function safeUrl(url: string, maxLength: number): boolean {
  if (url.length > maxLength) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The core action a Block Kit action id stands for: `tandem:mentor.approve#2` → `mentor.approve`. */
export function actionFromId(actionId: string): string {
  const action = actionId.startsWith(ACTION_PREFIX) ? actionId.slice(ACTION_PREFIX.length) : actionId;
  return action.replace(/#\d+$/, '');
}

export function renderModal(form: Form): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${FORM_CALLBACK_PREFIX}${form.id}`,
    private_metadata: form.state,
    title: plainText(form.title, VIEW_TITLE_MAX),
    submit: plainText(form.submitLabel, VIEW_TITLE_MAX),
    close: plainText(form.cancelLabel, VIEW_TITLE_MAX),
    blocks: [...(form.intro ? sections(form.intro) : []), ...form.fields.flatMap(renderField)],
  };
}

/** The form id a modal callback id stands for: `tandem:form:enrollment` → `enrollment`. */
export function formIdFromCallbackId(callbackId: string): string {
  return callbackId.startsWith(FORM_CALLBACK_PREFIX) ? callbackId.slice(FORM_CALLBACK_PREFIX.length) : callbackId;
}

function renderField(field: FormField): KnownBlock[] {
  // A heading may carry markup and several lines (the charter), so it is a section, not a header block.
  if (field.kind === 'heading') return sections(field.text);
  return [renderInput(field)];
}

function renderInput(field: Exclude<FormField, { kind: 'heading' }>): KnownBlock {
  const block: Omit<InputBlock, 'element'> = {
    type: 'input',
    block_id: field.id,
    label: plainText(field.label, LABEL_MAX),
    optional: !field.required,
    ...('hint' in field && field.hint ? { hint: plainText(field.hint, LABEL_MAX) } : {}),
  };
  switch (field.kind) {
    case 'text': {
      const maxLength = Math.min(field.maxLength, TEXT_INPUT_MAX);
      return {
        ...block,
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          multiline: field.multiline,
          max_length: maxLength,
          ...(field.initial ? { initial_value: Array.from(toPlainText(field.initial)).slice(0, maxLength).join('') } : {}),
          ...(field.placeholder ? { placeholder: plainText(field.placeholder, PLACEHOLDER_MAX) } : {}),
        },
      };
    }
    case 'select': {
      const options = field.options.slice(0, OPTIONS_MAX).map(renderOption);
      const initial = options.filter((o) => field.initial?.includes(o.value ?? ''));
      const [first] = initial;
      return {
        ...block,
        element: field.multiple
          ? {
              type: 'multi_static_select',
              action_id: INPUT_ACTION_ID,
              options,
              ...(initial.length > 0 ? { initial_options: initial } : {}),
            }
          : { type: 'static_select', action_id: INPUT_ACTION_ID, options, ...(first ? { initial_option: first } : {}) },
      };
    }
    case 'number':
      return {
        ...block,
        element: {
          type: 'number_input',
          action_id: INPUT_ACTION_ID,
          is_decimal_allowed: false,
          min_value: String(field.min),
          max_value: String(field.max),
          ...(field.initial !== undefined ? { initial_value: String(field.initial) } : {}),
        },
      };
    case 'checkbox': {
      const option: PlainTextOption = { text: plainText(field.optionLabel, OPTION_TEXT_MAX), value: 'true' };
      return {
        ...block,
        element: {
          type: 'checkboxes',
          action_id: INPUT_ACTION_ID,
          options: [option],
          ...(field.initial ? { initial_options: [option] } : {}),
        },
      };
    }
  }
}

function renderOption(option: Option): PlainTextOption {
  return { text: plainText(option.label, OPTION_TEXT_MAX), value: option.value };
}

/** What Slack sends back for one input of a submitted view. */
export interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[] | null;
}

export interface SubmittedView {
  state: { values: Record<string, Record<string, ViewStateValue>> };
}

/** `view.state.values` back into the form's values, keyed by field id (the block id). */
export function readViewValues(view: SubmittedView): FormValues {
  const values: FormValues = {};
  for (const [blockId, actions] of Object.entries(view.state.values)) {
    const input = actions[INPUT_ACTION_ID] ?? Object.values(actions)[0];
    if (input) values[blockId] = readInput(input);
  }
  return values;
}

function readInput(input: ViewStateValue): string | string[] | undefined {
  switch (input.type) {
    case 'static_select':
      return input.selected_option?.value;
    case 'multi_static_select':
      return (input.selected_options ?? []).map((o) => o.value);
    case 'checkboxes':
      return input.selected_options?.some((o) => o.value === 'true') ? 'true' : undefined;
    default:
      return input.value ? input.value : undefined;
  }
}

/**
 * The view_submission answer that keeps the modal open with errors under the fields. Slack only
 * accepts errors keyed by an input block id, so when `inputIds` is given, errors about anything
 * else are shown under the first input.
 */
export function formErrorsResponse(
  errors: Record<string, string>,
  inputIds?: string[],
): { response_action: 'errors'; errors: Record<string, string> } {
  const out: Record<string, string> = {};
  const [firstInput] = inputIds ?? [];
  for (const [fieldId, error] of Object.entries(errors)) {
    const key = !inputIds || inputIds.includes(fieldId) || firstInput === undefined ? fieldId : firstInput;
    const text = toPlainText(error);
    out[key] = out[key] ? `${out[key]}\n${text}` : text;
  }
  return { response_action: 'errors', errors: out };
}

function plainText(text: string, maxLength: number): PlainTextElement {
  return { type: 'plain_text', text: toPlainText(text, maxLength) || ' ', emoji: true };
}

function truncateMrkdwn(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `${splitMrkdwn(text, maxLength - 1)[0] ?? ''}…`;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

