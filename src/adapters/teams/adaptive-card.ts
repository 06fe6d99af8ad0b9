// The subset of the Adaptive Card 1.5 schema Tandem renders, typed so an invalid card is a compile error.
// Reference: https://adaptivecards.io/explorer/ (Teams supports 1.5 on desktop, web and mobile).

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_VERSION = '1.5';

interface ElementBase {
  id?: string;
  separator?: boolean;
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge' | 'Padding';
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  /** Markdown (bold, italic, lists, links) — escape anything a person typed. */
  text: string;
  wrap?: boolean;
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  color?: 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
  isSubtle?: boolean;
  /** Adaptive Cards 1.2+: 'Monospace' for text charts. */
  fontType?: 'Default' | 'Monospace';
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  /** Both title and value are Markdown in Teams. */
  facts: { title: string; value: string }[];
}

export interface SubmitAction {
  type: 'Action.Submit';
  /** Plain text: no Markdown in action titles. */
  title: string;
  data: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
  /** 'none' skips input validation and sends no input values (cancel buttons). */
  associatedInputs?: 'auto' | 'none';
}

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: SubmitAction[];
}

interface InputBase extends ElementBase {
  id: string;
  /** Plain text shown above the input. */
  label?: string;
  isRequired?: boolean;
  /** Shown by the client when its own validation (isRequired, maxLength, min/max) fails. */
  errorMessage?: string;
}

export interface TextInput extends InputBase {
  type: 'Input.Text';
  isMultiline?: boolean;
  maxLength?: number;
  placeholder?: string;
  value?: string;
}

export interface ChoiceSetInput extends InputBase {
  type: 'Input.ChoiceSet';
  choices: { title: string; value: string }[];
  style?: 'compact' | 'expanded' | 'filtered';
  isMultiSelect?: boolean;
  /** Comma-separated values when isMultiSelect. */
  value?: string;
  placeholder?: string;
}

export interface NumberInput extends InputBase {
  type: 'Input.Number';
  min?: number;
  max?: number;
  value?: number;
  placeholder?: string;
}

export interface ToggleInput extends InputBase {
  type: 'Input.Toggle';
  title: string;
  value?: string;
  valueOn?: string;
  valueOff?: string;
}

export type CardElement = TextBlock | FactSet | ActionSet | TextInput | ChoiceSetInput | NumberInput | ToggleInput;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: typeof ADAPTIVE_CARD_VERSION;
  body: CardElement[];
  actions?: SubmitAction[];
  /** Plain text for hosts that cannot render the card. */
  fallbackText?: string;
}
