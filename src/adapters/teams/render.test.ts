import { describe, expect, it } from 'vitest';
import { message, type Form } from '../../core/messages.js';
import { untrusted } from '../../core/text.js';
import type { AdaptiveCard, CardElement } from './adaptive-card.js';
import { readFormValues, renderCard, renderFormCard } from './render.js';

const ELEMENT_TYPES = new Set(['TextBlock', 'FactSet', 'ActionSet', 'Input.Text', 'Input.ChoiceSet', 'Input.Number', 'Input.Toggle']);

/** The shape Teams needs: an AdaptiveCard 1.5 attachment whose elements we know, inputs with unique ids. */
function expectAdaptiveCard(attachment: { contentType: string; content?: unknown }): AdaptiveCard {
  expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const card = attachment.content as AdaptiveCard;
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
  expect(Array.isArray(card.body)).toBe(true);
  const ids = new Set<string>();
  for (const element of card.body) {
    expect(ELEMENT_TYPES).toContain(element.type);
    if (element.type === 'TextBlock') expect(typeof element.text).toBe('string');
    if (element.type.startsWith('Input.')) {
      const id = (element as { id: string }).id;
      expect(id).toBeTruthy();
      expect(ids.has(id)).toBe(false);
      ids.add(id);
    }
    if (element.type === 'ActionSet') for (const action of element.actions) expect(action.type).toBe('Action.Submit');
  }
  for (const action of card.actions ?? []) expect(action).toMatchObject({ type: 'Action.Submit', title: expect.any(String) });
  // What Teams receives is JSON: the card must survive a round trip unchanged.
  expect(JSON.parse(JSON.stringify(card))).toEqual(card);
  return card;
}

function textOf(card: AdaptiveCard): string {
  return card.body
    .filter((element): element is Extract<CardElement, { type: 'TextBlock' }> => element.type === 'TextBlock')
    .map((element) => element.text)
    .join('\n');
}

describe('renderCard', () => {
  it('renders each block type', () => {
    const card = expectAdaptiveCard(
      renderCard(
        message([
          { type: 'header', text: 'Welcome' },
          { type: 'text', text: 'You are a *mentor*' },
          { type: 'divider' },
          { type: 'fields', fields: [{ label: 'Role', value: 'Mentor' }, { label: 'Name', value: untrusted('Ada_L') }] },
          { type: 'context', text: 'Updated today' },
          {
            type: 'actions',
            buttons: [
              { action: 'mentor.approve', label: 'Approve', value: 'e1', style: 'primary' },
              { action: 'mentor.decline', label: 'Decline', value: 'e1', style: 'danger' },
              { action: 'noop', label: 'Later' },
            ],
          },
        ]),
      ),
    );
    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'Welcome', wrap: true, size: 'Large', weight: 'Bolder' },
      { type: 'TextBlock', text: 'You are a **mentor**', wrap: true },
      {
        type: 'FactSet',
        separator: true,
        facts: [
          { title: 'Role', value: 'Mentor' },
          { title: 'Name', value: 'Ada\\_L' },
        ],
      },
      { type: 'TextBlock', text: 'Updated today', wrap: true, isSubtle: true, size: 'Small' },
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.Submit', title: 'Approve', style: 'positive', data: { tandem: 'action', action: 'mentor.approve', value: 'e1' } },
          { type: 'Action.Submit', title: 'Decline', style: 'destructive', data: { tandem: 'action', action: 'mentor.decline', value: 'e1' } },
          { type: 'Action.Submit', title: 'Later', data: { tandem: 'action', action: 'noop' } },
        ],
      },
    ]);
    expect(card.fallbackText).toContain('Welcome');
  });

  it('makes untrusted text inert: Markdown, links, mentions, HTML', () => {
    const hostile = '**x** [link](http://evil) <at>x</at> & <script>';
    const card = expectAdaptiveCard(renderCard(message([{ type: 'text', text: `Bio: ${untrusted(hostile)}` }])));
    const text = textOf(card);
    expect(text).toBe('Bio: \\*\\*x\\*\\* \\[link\\]\\(http://evil\\) &lt;at&gt;x&lt;/at&gt; &amp; &lt;script&gt;');
    expect(text).not.toContain('<at>');
    expect(text).not.toContain('](');
    expect(text).not.toMatch(/(^|[^\\])\*\*x/);
  });

  it('escapes untrusted values in facts and strips marks from button labels', () => {
    const card = expectAdaptiveCard(
      renderCard(
        message([
          { type: 'fields', fields: [{ label: 'Bio', value: untrusted('[a](b)') }] },
          { type: 'actions', buttons: [{ action: 'pair.accept', label: `Meet ${untrusted('Ada *')}` }] },
        ]),
      ),
    );
    expect(card.body[0]).toMatchObject({ facts: [{ title: 'Bio', value: '\\[a\\]\\(b\\)' }] });
    expect(card.body[1]).toMatchObject({ actions: [{ title: 'Meet Ada *' }] });
  });

  it('splits very long text into several TextBlocks', () => {
    const long = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ');
    const card = expectAdaptiveCard(renderCard(message([{ type: 'text', text: untrusted(long) }])));
    expect(card.body.length).toBeGreaterThan(1);
    for (const element of card.body) {
      expect(element.type).toBe('TextBlock');
      expect((element as { text: string }).text.length).toBeLessThanOrEqual(2000);
    }
    expect(textOf(card).replaceAll('\n', ' ')).toBe(long);
  });

  it('falls back to the message text when there are no blocks', () => {
    const card = expectAdaptiveCard(renderCard({ text: 'Hello', blocks: [] }));
    expect(card.body).toEqual([{ type: 'TextBlock', text: 'Hello', wrap: true }]);
  });
});

const form: Form = {
  id: 'enrollment',
  title: 'Join as *mentor*',
  submitLabel: 'Send',
  cancelLabel: 'Cancel',
  state: 'mentor:v1',
  intro: 'A few questions',
  fields: [
    { kind: 'heading', id: 'about', text: 'About you' },
    { kind: 'text', id: 'bio', label: 'Bio', hint: 'Two lines', placeholder: 'I teach…', multiline: true, maxLength: 500, required: true, initial: untrusted('Hi <b>') },
    {
      kind: 'select',
      id: 'topics',
      label: 'Topics',
      options: [
        { value: 'ai', label: 'AI' },
        { value: 'git', label: 'Git' },
      ],
      multiple: true,
      required: true,
      initial: ['ai', 'git'],
    },
    { kind: 'select', id: 'cadence', label: 'Cadence', options: [{ value: 'weekly', label: 'Weekly' }], multiple: false, required: false },
    { kind: 'number', id: 'capacity', label: 'Mentees', min: 1, max: 5, required: true, initial: 2 },
    { kind: 'checkbox', id: 'charter', label: 'Charter', optionLabel: 'I accept the charter', required: true },
  ],
};

describe('renderFormCard', () => {
  it('renders every field kind with its label', () => {
    const card = expectAdaptiveCard(renderFormCard(form));
    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'Join as **mentor**', wrap: true, size: 'Large', weight: 'Bolder' },
      { type: 'TextBlock', text: 'A few questions', wrap: true },
      { type: 'TextBlock', text: 'About you', wrap: true, separator: true },
      { type: 'Input.Text', id: 'bio', label: 'Bio', isRequired: true, isMultiline: true, maxLength: 500, placeholder: 'I teach…', value: 'Hi <b>' },
      { type: 'TextBlock', text: 'Two lines', wrap: true, isSubtle: true, size: 'Small' },
      {
        type: 'Input.ChoiceSet',
        id: 'topics',
        label: 'Topics',
        isRequired: true,
        style: 'compact',
        isMultiSelect: true,
        choices: [
          { title: 'AI', value: 'ai' },
          { title: 'Git', value: 'git' },
        ],
        value: 'ai,git',
      },
      { type: 'Input.ChoiceSet', id: 'cadence', label: 'Cadence', isRequired: false, style: 'compact', isMultiSelect: false, choices: [{ title: 'Weekly', value: 'weekly' }] },
      { type: 'Input.Number', id: 'capacity', label: 'Mentees', isRequired: true, min: 1, max: 5, value: 2 },
      { type: 'Input.Toggle', id: 'charter', label: 'Charter', isRequired: true, title: 'I accept the charter', value: 'false', valueOn: 'true', valueOff: 'false' },
    ]);
    expect(card.actions).toEqual([
      {
        type: 'Action.Submit',
        title: 'Send',
        style: 'positive',
        data: { tandem: 'form', formId: 'enrollment', state: 'mentor:v1', multi: ['topics'], toggles: ['charter'] },
      },
      { type: 'Action.Submit', title: 'Cancel', associatedInputs: 'none', data: { tandem: 'form.cancel', formId: 'enrollment' } },
    ]);
  });

  it('shows each error under its field', () => {
    const card = expectAdaptiveCard(renderFormCard(form, { bio: `Too long: ${untrusted('<at>')}`, capacity: 'Between 1 and 5' }));
    const bio = card.body.findIndex((element) => 'id' in element && element.id === 'bio');
    expect(card.body[bio]).toMatchObject({ errorMessage: 'Too long: <at>' });
    expect(card.body[bio + 1]).toEqual({ type: 'TextBlock', text: 'Too long: &lt;at&gt;', wrap: true, color: 'Attention', size: 'Small' });
    expect(card.body[bio + 2]).toMatchObject({ type: 'TextBlock', text: 'Two lines' });
    const capacity = card.body.findIndex((element) => 'id' in element && element.id === 'capacity');
    expect(card.body[capacity + 1]).toMatchObject({ type: 'TextBlock', text: 'Between 1 and 5', color: 'Attention' });
    const errors = card.body.filter((element) => element.type === 'TextBlock' && element.color === 'Attention');
    expect(errors).toHaveLength(2);
  });
});

describe('readFormValues', () => {
  it('round-trips a submission as Teams sends it (data merged with input values)', () => {
    const submit = expectAdaptiveCard(renderFormCard(form)).actions?.[0]?.data ?? {};
    const value = { ...submit, bio: '  I like Git  ', topics: 'ai,git', cadence: '', capacity: '3', charter: 'true' };
    expect(readFormValues(value)).toEqual({
      formId: 'enrollment',
      state: 'mentor:v1',
      values: { bio: 'I like Git', topics: ['ai', 'git'], cadence: undefined, capacity: '3', charter: 'true' },
    });
  });

  it('leaves unticked toggles and empty multi-selects undefined', () => {
    const value = { tandem: 'form', formId: 'enrollment', state: 's', multi: ['topics'], toggles: ['charter'], topics: '', charter: 'false' };
    expect(readFormValues(value).values).toEqual({ topics: undefined, charter: undefined });
  });

  it('keeps a typed "false" in a text field', () => {
    const value = { tandem: 'form', formId: 'f', state: 's', multi: [], toggles: [], answer: 'false' };
    expect(readFormValues(value).values).toEqual({ answer: 'false' });
  });

  it('accepts numbers and arrays from hosts that send them typed', () => {
    const value = { tandem: 'form', formId: 'f', state: 's', multi: ['topics'], capacity: 4, topics: ['ai', 'git'] };
    expect(readFormValues(value).values).toEqual({ capacity: '4', topics: ['ai', 'git'] });
  });

  it('rejects what is not a form submission', () => {
    expect(() => readFormValues({ tandem: 'action', action: 'x' })).toThrow();
    expect(() => readFormValues({ bio: 'x' })).toThrow();
  });
});
