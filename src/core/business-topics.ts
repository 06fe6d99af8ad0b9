// What flows back from mentee to mentor: business sense, career and leadership.
import type { Locale } from './types.js';

export const BUSINESS_TOPICS: ReadonlyArray<{ slug: string; name: Record<Locale, string> }> = [
  { slug: 'strategy', name: { en: 'Company strategy', fr: 'Stratégie de l’entreprise' } },
  { slug: 'leadership', name: { en: 'Leadership and management', fr: 'Leadership et management' } },
  { slug: 'career', name: { en: 'Career advice', fr: 'Conseils de carrière' } },
  { slug: 'customers', name: { en: 'Customers and markets', fr: 'Clients et marchés' } },
  { slug: 'negotiation', name: { en: 'Negotiation', fr: 'Négociation' } },
  { slug: 'public-speaking', name: { en: 'Public speaking', fr: 'Prise de parole' } },
  { slug: 'finance', name: { en: 'Finance basics', fr: 'Bases de la finance' } },
  { slug: 'networking', name: { en: 'Internal networking', fr: 'Réseau interne' } },
  { slug: 'decision-making', name: { en: 'Decision-making', fr: 'Prise de décision' } },
  { slug: 'change', name: { en: 'Leading change', fr: 'Conduite du changement' } },
];

export function businessTopicName(slug: string, locale: Locale): string {
  return BUSINESS_TOPICS.find((topic) => topic.slug === slug)?.name[locale] ?? slug;
}
