export type Locale = 'en' | 'fr';
export type Localized = Record<Locale, string>;
export interface KitResource { title: Localized; url?: string }
export interface TopicKit {
  keyFigures: Localized[];      // 2-4 key figures, each one sentence, with source/year in words where known
  examples: Localized[];        // 2-3 concrete workplace examples
  exercise: Localized;          // one hands-on exercise for a 1-hour session
  questions: Localized[];       // 2-3 questionnaire prompts to check understanding / adoption
  resources: KitResource[];     // 1-3 resources; only well-known stable official URLs (e.g. https://www.cnil.fr/, https://support.microsoft.com/...), or omit url
}
export interface TopicSeed { slug: string; name: Localized; description: Localized; kit: TopicKit }
