import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { message, type Form } from '../../core/messages.js';
import { untrusted } from '../../core/text.js';
import { toMrkdwn } from './mrkdwn.js';
import {
  actionFromId,
  formErrorsResponse,
  formIdFromCallbackId,
  readViewValues,
  renderBlocks,
  renderFallbackText,
  renderModal,
  type ViewStateValue,
} from './render.js';

type Section = types.SectionBlock;
type Input = types.InputBlock;

describe('toMrkdwn', () => {
  it('keeps template formatting and shows untrusted values literally', () => {
    const text = toMrkdwn(`*Welcome* ${untrusted('<!channel> <@U1> *bold* & _it_ ~gone~ `code`')}`);
    expect(text.startsWith('*Welcome* ')).toBe(true);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;@U1&gt;');
    expect(text).toContain('&amp;');
    expect(text).not.toMatch(/[<>]/);
    // No formatting character of the untrusted value survives where Slack could read it.
    expect(text.slice('*Welcome* '.length)).not.toMatch(/[*_~`]/);
    expect(text).toContain('＊bold＊');
  });

  it('leaves formatting characters inside words alone', () => {
    expect(toMrkdwn(untrusted('jean_dupont first_last@example.com 2*3'))).toBe('jean_dupont first_last@example.com 2*3');
  });

  it('defuses broadcast mentions and block quotes', () => {
    const text = toMrkdwn(untrusted('hi @here and @Channel\n> quoted'));
    expect(text).not.toMatch(/@here|@channel/i);
    expect(text).toContain('\n＞ quoted');
  });

  it('escapes &, < and > in template text too', () => {
    expect(toMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
  });
});

describe('renderBlocks', () => {
  it('renders every block type', () => {
    const blocks = renderBlocks(
      message([
        { type: 'header', text: `Hello ${untrusted('<Bob>')}` },
        { type: 'text', text: 'Some *text*' },
        { type: 'fields', fields: [{ label: 'Role', value: untrusted('mentor_*') }] },
        { type: 'context', text: 'small print' },
        { type: 'divider' },
        { type: 'actions', buttons: [{ action: 'mentor.approve', label: 'Approve', value: 'e1', style: 'primary' }] },
      ]),
    );
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context', 'divider', 'actions']);
    // plain_text is shown literally: no entities, no marks.
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Hello <Bob>', emoji: true } });
    expect((blocks[2] as Section).fields?.[0]?.text).toBe('*Role*\nmentor＿＊');
    expect(blocks[5]).toEqual({
      type: 'actions',
      elements: [
        { type: 'button', action_id: 'tandem:mentor.approve', text: { type: 'plain_text', text: 'Approve', emoji: true }, value: 'e1', style: 'primary' },
      ],
    });
  });

  it('truncates a header to 150 characters', () => {
    const [header] = renderBlocks(message([{ type: 'header', text: 'x'.repeat(400) }]));
    const text = (header as types.HeaderBlock).text.text;
    expect(text.length).toBe(150);
    expect(text.endsWith('…')).toBe(true);
  });

  it('splits 10 KB of text into sections of at most 3000 characters, at line breaks', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `Line ${i} ${'lorem ipsum '.repeat(4).trim()}`);
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(10_000);
    const blocks = renderBlocks(message([{ type: 'text', text }])) as Section[];
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const block of blocks) expect(block.text?.text.length).toBeLessThanOrEqual(3000);
    expect(blocks.map((b) => b.text?.text).join('\n')).toBe(text);
  });

  it('never cuts an entity when a long untrusted value has no spaces', () => {
    const blocks = renderBlocks(message([{ type: 'text', text: untrusted('&'.repeat(10_000)) }])) as Section[];
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) {
      expect(block.text?.text.length).toBeLessThanOrEqual(3000);
      expect(block.text?.text).toMatch(/^(?:&amp;)+$/);
    }
  });

  it('puts at most 10 fields in a section', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `V${i}` }));
    const blocks = renderBlocks(message([{ type: 'fields', fields }])) as Section[];
    expect(blocks.map((b) => b.fields?.length)).toEqual([10, 2]);
    expect(blocks[1]?.fields?.[1]).toEqual({ type: 'mrkdwn', text: '*L11*\nV11' });
  });

  it('gives repeated actions unique ids that map back to the core action', () => {
    const [block] = renderBlocks(
      message([
        {
          type: 'actions',
          buttons: [
            { action: 'feedback.rate', label: '1', value: '1' },
            { action: 'feedback.rate', label: '2', value: '2' },
            { action: 'feedback.skip', label: 'Skip' },
            { action: 'feedback.rate', label: '3', value: '3' },
          ],
        },
      ]),
    );
    const ids = (block as types.ActionsBlock).elements.map((e) => (e as types.Button).action_id);
    expect(ids).toEqual(['tandem:feedback.rate', 'tandem:feedback.rate#2', 'tandem:feedback.skip', 'tandem:feedback.rate#3']);
    expect(ids.map((id) => actionFromId(id ?? ''))).toEqual(['feedback.rate', 'feedback.rate', 'feedback.skip', 'feedback.rate']);
  });

  it('splits more than 25 buttons across actions blocks', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({ action: `a${i}`, label: `B${i}` }));
    const blocks = renderBlocks(message([{ type: 'actions', buttons }])) as types.ActionsBlock[];
    expect(blocks.map((b) => b.elements.length)).toEqual([25, 5]);
  });

  it('escapes the fallback text, which Slack reads as mrkdwn too', () => {
    expect(renderFallbackText(message([{ type: 'text', text: `Hi ${untrusted('<!here>')}` }]))).toBe('Hi &lt;!here&gt;');
  });
});

const enrollment: Form = {
  id: 'enrollment',
  title: 'Join the reverse-mentoring program',
  submitLabel: 'Join',
  cancelLabel: 'Cancel',
  state: '{"role":"mentor"}',
  intro: `Hello ${untrusted('*Alice*')}`,
  fields: [
    { kind: 'heading', id: 'about', text: '*About you*\nWho you are' },
    {
      kind: 'text',
      id: 'bio',
      label: 'Bio',
      hint: 'A few words',
      placeholder: 'I work on…',
      multiline: true,
      maxLength: 500,
      required: true,
      initial: untrusted('I <3 *tests*'),
    },
    {
      kind: 'select',
      id: 'topics',
      label: 'Topics',
      options: Array.from({ length: 120 }, (_, i) => ({ value: `t${i}`, label: `Topic ${i} ${'x'.repeat(i === 1 ? 100 : 0)}` })),
      multiple: true,
      required: true,
      initial: ['t1', 't3'],
    },
    { kind: 'select', id: 'cadence', label: 'Cadence', options: [{ value: 'weekly', label: 'Weekly' }, { value: 'monthly', label: 'Monthly' }], multiple: false, required: false, initial: ['monthly'] },
    { kind: 'number', id: 'capacity', label: 'Mentees', min: 1, max: 3, required: true, initial: 2 },
    { kind: 'checkbox', id: 'charter', label: 'Charter', optionLabel: 'I accept the charter', required: true, initial: true },
  ],
};

describe('renderModal', () => {
  const view = renderModal(enrollment);
  const inputs = view.blocks.filter((b): b is Input => b.type === 'input');
  const input = (id: string) => inputs.find((b) => b.block_id === id);

  it('carries the form id, state and labels within Slack limits', () => {
    expect(view.callback_id).toBe('tandem:form:enrollment');
    expect(formIdFromCallbackId(view.callback_id ?? '')).toBe('enrollment');
    expect(view.private_metadata).toBe('{"role":"mentor"}');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.title.text.endsWith('…')).toBe(true);
    expect(view.submit?.text).toBe('Join');
    expect(view.close?.text).toBe('Cancel');
  });

  it('renders the intro and headings as mrkdwn sections', () => {
    expect(view.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Hello ＊Alice＊' } });
    expect(view.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*About you*\nWho you are' } });
  });

  it('renders a text field as a plain_text_input', () => {
    expect(input('bio')).toEqual({
      type: 'input',
      block_id: 'bio',
      label: { type: 'plain_text', text: 'Bio', emoji: true },
      optional: false,
      hint: { type: 'plain_text', text: 'A few words', emoji: true },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: true,
        max_length: 500,
        initial_value: 'I <3 *tests*',
        placeholder: { type: 'plain_text', text: 'I work on…', emoji: true },
      },
    });
  });

  it('renders selects with at most 100 options of at most 75 characters, and their initial options', () => {
    const topics = input('topics')?.element as types.MultiStaticSelect;
    expect(topics.type).toBe('multi_static_select');
    expect(topics.options).toHaveLength(100);
    expect(Math.max(...(topics.options ?? []).map((o) => o.text.text.length))).toBe(75);
    expect(topics.initial_options?.map((o) => o.value)).toEqual(['t1', 't3']);
    const cadence = input('cadence');
    expect(cadence?.optional).toBe(true);
    expect(cadence?.element).toMatchObject({ type: 'static_select', initial_option: { value: 'monthly' } });
  });

  it('renders numbers and checkboxes', () => {
    expect(input('capacity')?.element).toEqual({
      type: 'number_input',
      action_id: 'value',
      is_decimal_allowed: false,
      min_value: '1',
      max_value: '3',
      initial_value: '2',
    });
    const option = { text: { type: 'plain_text', text: 'I accept the charter', emoji: true }, value: 'true' };
    expect(input('charter')?.element).toEqual({ type: 'checkboxes', action_id: 'value', options: [option], initial_options: [option] });
  });

  it('reads submitted values back, keyed by field id', () => {
    expect(readViewValues({ state: { values: submittedAsInitial(inputs) } })).toEqual({
      bio: 'I <3 *tests*',
      topics: ['t1', 't3'],
      cadence: 'monthly',
      capacity: '2',
      charter: 'true',
    });
  });

  it('reads empty inputs as undefined, and an empty multi-select as an empty list', () => {
    const values = readViewValues({
      state: {
        values: {
          bio: { value: { type: 'plain_text_input', value: null } },
          topics: { value: { type: 'multi_static_select', selected_options: [] } },
          cadence: { value: { type: 'static_select', selected_option: null } },
          charter: { value: { type: 'checkboxes', selected_options: [] } },
        },
      },
    });
    expect(values).toEqual({ bio: undefined, topics: [], cadence: undefined, charter: undefined });
  });
});

describe('formErrorsResponse', () => {
  it('strips marks, and moves errors about non-inputs under the first input', () => {
    expect(formErrorsResponse({ bio: `Too long: ${untrusted('x')}`, _form: 'Program closed' }, ['bio', 'topics'])).toEqual({
      response_action: 'errors',
      errors: { bio: 'Too long: x\nProgram closed' },
    });
  });
});

/** What Slack would send back for a modal submitted untouched. */
function submittedAsInitial(inputs: Input[]): Record<string, Record<string, ViewStateValue>> {
  const values: Record<string, Record<string, ViewStateValue>> = {};
  for (const block of inputs) {
    const element = block.element as unknown as Record<string, unknown> & { type: string; action_id: string };
    const state: ViewStateValue = { type: element.type };
    if ('initial_value' in element) state.value = String(element.initial_value);
    if ('initial_option' in element) state.selected_option = element.initial_option as { value: string };
    if ('initial_options' in element) state.selected_options = element.initial_options as { value: string }[];
    values[block.block_id ?? ''] = { [element.action_id]: state };
  }
  return values;
}
