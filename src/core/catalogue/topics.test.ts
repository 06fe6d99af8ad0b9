import { describe, it, expect } from 'vitest';
import { TOPIC_CATALOGUE } from './topics.js';
import type { Localized, TopicSeed } from './types.js';

const LOCALES = ['en', 'fr'] as const;

/** Every Localized value of a topic, with a readable path for error messages. */
function localizedEntries(topic: TopicSeed): Array<[string, Localized]> {
  const { kit } = topic;
  return [
    ['name', topic.name],
    ['description', topic.description],
    ...kit.keyFigures.map((v, i): [string, Localized] => [`keyFigures[${i}]`, v]),
    ...kit.examples.map((v, i): [string, Localized] => [`examples[${i}]`, v]),
    ['exercise', kit.exercise],
    ...kit.questions.map((v, i): [string, Localized] => [`questions[${i}]`, v]),
    ...kit.resources.map((r, i): [string, Localized] => [`resources[${i}].title`, r.title]),
  ];
}

describe('TOPIC_CATALOGUE', () => {
  it('has at least 10 topics', () => {
    expect(TOPIC_CATALOGUE.length).toBeGreaterThanOrEqual(10);
  });

  it('has unique kebab-case slugs of at most 40 characters', () => {
    const slugs = TOPIC_CATALOGUE.map((t) => t.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) {
      expect(slug, slug).toMatch(/^[a-z0-9-]{2,40}$/);
      expect(slug, slug).not.toMatch(/^-|-$|--/);
    }
  });

  it('includes the core digital topics', () => {
    const slugs = new Set(TOPIC_CATALOGUE.map((t) => t.slug));
    for (const slug of ['genai-assistants', 'linkedin-branding', 'cybersecurity', 'personal-data', 'digital-wellbeing']) {
      expect(slugs.has(slug), slug).toBe(true);
    }
  });

  it('has every localized string non-empty and trimmed in both en and fr', () => {
    for (const topic of TOPIC_CATALOGUE) {
      for (const [path, value] of localizedEntries(topic)) {
        for (const locale of LOCALES) {
          const text = value[locale];
          const where = `${topic.slug}.${path}.${locale}`;
          expect(typeof text, where).toBe('string');
          expect(text.trim().length, where).toBeGreaterThan(0);
          expect(text, where).toBe(text.trim());
        }
      }
    }
  });

  it('keeps names within 40 characters and descriptions within 150', () => {
    for (const topic of TOPIC_CATALOGUE) {
      for (const locale of LOCALES) {
        expect(topic.name[locale].length, `${topic.slug}.name.${locale}`).toBeLessThanOrEqual(40);
        expect(topic.description[locale].length, `${topic.slug}.description.${locale}`).toBeLessThanOrEqual(150);
      }
    }
  });

  it('gives every topic a complete pedagogical kit', () => {
    for (const { slug, kit } of TOPIC_CATALOGUE) {
      expect(kit.keyFigures.length, `${slug}.keyFigures`).toBeGreaterThanOrEqual(2);
      expect(kit.keyFigures.length, `${slug}.keyFigures`).toBeLessThanOrEqual(4);
      expect(kit.examples.length, `${slug}.examples`).toBeGreaterThanOrEqual(2);
      expect(kit.examples.length, `${slug}.examples`).toBeLessThanOrEqual(3);
      expect(kit.exercise, `${slug}.exercise`).toBeDefined();
      expect(kit.questions.length, `${slug}.questions`).toBeGreaterThanOrEqual(2);
      expect(kit.questions.length, `${slug}.questions`).toBeLessThanOrEqual(3);
      expect(kit.resources.length, `${slug}.resources`).toBeGreaterThanOrEqual(1);
      expect(kit.resources.length, `${slug}.resources`).toBeLessThanOrEqual(3);
    }
  });

  it('only uses https URLs for resources', () => {
    for (const { slug, kit } of TOPIC_CATALOGUE) {
      for (const resource of kit.resources) {
        if (resource.url === undefined) continue;
        expect(resource.url, slug).toMatch(/^https:\/\//);
        expect(() => new URL(resource.url as string), resource.url).not.toThrow();
      }
    }
  });
});
