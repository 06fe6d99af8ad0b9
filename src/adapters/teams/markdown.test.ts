import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { untrusted } from '../../core/text.js';
import { escapeMarkdown, splitMarkdown, toTeamsMarkdown } from './markdown.js';

describe('toTeamsMarkdown', () => {
  it('turns template *bold* into **bold** and keeps _italic_', () => {
    expect(toTeamsMarkdown('*Mentor* of _Ada_')).toBe('**Mentor** of _Ada_');
  });

  it('keeps bold around an untrusted value', () => {
    expect(toTeamsMarkdown(`*${untrusted('Ada')}*`)).toBe('**Ada**');
  });

  it('makes every line a paragraph (a single newline does not break a TextBlock line)', () => {
    expect(toTeamsMarkdown('• one\n• two')).toBe('• one\n\n• two');
  });

  it.each([
    ['**x**', '\\*\\*x\\*\\*'],
    ['[link](http://evil)', '\\[link\\]\\(http://evil\\)'],
    ['<at>x</at>', '&lt;at&gt;x&lt;/at&gt;'],
    ['R&D', 'R&amp;D'],
    ['1. first', '1\\. first'],
    ['# title', '\\# title'],
    ['- item', '\\- item'],
    ['![img](x)', '\\!\\[img\\]\\(x\\)'],
    ['a_b_c `code`', 'a\\_b\\_c \\`code\\`'],
    ['back\\slash', 'back\\\\slash'],
    ['{{DATE(2017-02-14T06:08:39Z, SHORT)}}', '{\u200b{DATE\\(2017\\-02\\-14T06:08:39Z, SHORT\\)}}'],
  ])('escapes untrusted %j', (input, expected) => {
    expect(toTeamsMarkdown(`Bio: ${untrusted(input)}`)).toBe(`Bio: ${expected}`);
  });

  it('HTML-escapes template text too', () => {
    expect(toTeamsMarkdown('Q&A <soon>')).toBe('Q&amp;A &lt;soon&gt;');
  });

  it('leaves no raw markup from untrusted text, whatever it is', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const out = escapeMarkdown(value);
        expect(out).not.toMatch(/[<>]/);
        // Every markdown special is preceded by an escaping backslash.
        const unescaped = out.replace(/\\[\s\S]/g, '');
        expect(unescaped).not.toMatch(/[\\*_`[\]()#+\-.!~|]/);
        // Every & starts one of our entities.
        expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      }),
    );
  });
});

describe('splitMarkdown', () => {
  it('keeps short text whole', () => {
    expect(splitMarkdown('a\n\nb', 100)).toEqual(['a\n\nb']);
  });

  it('splits between paragraphs first', () => {
    const text = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)].join('\n\n');
    expect(splitMarkdown(text, 90)).toEqual([`${'a'.repeat(40)}\n\n${'b'.repeat(40)}`, 'c'.repeat(40)]);
  });

  it('splits a long paragraph at a space', () => {
    const words = Array.from({ length: 50 }, (_, i) => `word${i}`).join(' ');
    const pieces = splitMarkdown(words, 60);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(60);
    expect(pieces.join(' ')).toBe(words);
  });

  it('never cuts an escape or an entity', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('*', '&', '<', 'a', ' ', '\\', '😀'), maxLength: 400 }), fc.integer({ min: 8, max: 50 }), (value, max) => {
        const markdown = escapeMarkdown(value);
        const pieces = splitMarkdown(markdown, max);
        for (const piece of pieces) {
          expect(piece.length).toBeLessThanOrEqual(max);
          // A piece never ends with a lone escaping backslash…
          expect(piece.match(/\\+$/)?.[0].length ?? 0).toSatisfy((n: number) => n % 2 === 0);
          // …nor with a cut entity, nor half a surrogate pair.
          expect(piece).not.toMatch(/&[a-z]{0,3}$/);
          expect(piece).not.toMatch(/[\ud800-\udbff]$/);
        }
      }),
    );
  });
});
