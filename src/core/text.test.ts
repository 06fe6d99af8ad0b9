import { describe, expect, it } from 'vitest';
import { t } from './i18n/index.js';
import { cleanText, plain, plainText, segments, untrusted } from './text.js';

describe('untrusted text', () => {
  it('marks values so renderers can escape them, and cannot be forged from inside', () => {
    const value = untrusted('a\u0003*b*\u0002c');
    expect(segments(`Hi ${value}!`)).toEqual([
      { text: 'Hi ', untrusted: false },
      { text: 'a*b*c', untrusted: true },
      { text: '!', untrusted: false },
    ]);
  });

  it('is what t() makes of string parameters, not of numbers or trusted values', () => {
    const text = t('en', 'validation.too_long', { max: 5, length: 7 });
    expect(segments(text).every((s) => !s.untrusted)).toBe(true);
    const welcome = t('fr', 'join.received.mentee', { name: '<!channel>', program: 'P' });
    expect(segments(welcome).filter((s) => s.untrusted).map((s) => s.text)).toEqual(['<!channel>', 'P']);
    expect(plain(welcome)).toContain('Bienvenue, <!channel> !');
  });

  it('drops Tandem’s own marks for previews, keeping what people typed', () => {
    expect(plainText(`*Merci, ${untrusted('*Rémi*')} !* Tapez \`moi\`, _vite_.`)).toBe('Merci, *Rémi* ! Tapez moi, vite.');
  });

  it('cleans what people type: NFC, no control characters or bidi overrides, trimmed', () => {
    expect(cleanText('  e\u0301te\u0007\u202e\r\nok ')).toBe('éte\nok');
  });
});
