import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isolateText, revealInvisibles, splitInvisibles, truncateText } from './visible-text';

describe('revealInvisibles', () => {
  it('shows a right-to-left override, so "Contoso \\u202Etxt.exe" cannot pose as "Contoso exe.txt"', () => {
    expect(revealInvisibles('Contoso \u202Etxt.exe')).toBe('Contoso ⟨U+202E⟩txt.exe');
  });

  it.each([
    [
      'bidi embeddings, overrides, isolates and marks',
      '\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061C',
    ],
    ['zero-width characters and the BOM', '\u200B\u200C\u2060\uFEFF'],
    ['C0, DEL and C1 controls', '\u0000\u0009\u000A\u000D\u001F\u007F\u0085\u009F'],
    ['tag characters and lone surrogates', '\u{E0041}\uDC00\uD800'],
    ['other invisibles', '\u00AD\u034F\u115F\u3164\u2028\u2029\u180E'],
  ])('makes %s visible', (_, text) => {
    const shown = revealInvisibles(`a${text}b`);
    expect(shown).toMatch(/^a(⟨U\+[0-9A-F]{4,5}⟩)+b$/);
    expect(shown.match(/⟨/g)).toHaveLength([...text].length);
  });

  it('leaves ordinary text, other scripts and emoji sequences alone', () => {
    for (const text of ['Pump 1', 'Pompe à chaleur', 'مضخة ١', '温度计', '👩‍🔧 kit', '❤️', 'a\u00A0b', '🏳️‍🌈'])
      expect(revealInvisibles(text)).toBe(text);
    expect(revealInvisibles('a\u200Db')).toBe('a⟨U+200D⟩b');
  });

  it('splits into plain runs and marks', () => {
    expect(splitInvisibles('x\u202Ey\u200B')).toEqual([
      { text: 'x', isMark: false },
      { text: '⟨U+202E⟩', isMark: true },
      { text: 'y', isMark: false },
      { text: '⟨U+200B⟩', isMark: true },
    ]);
  });

  it('leaves nothing that changes direction or hides (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const shown = revealInvisibles(text);
        expect(shown).not.toMatch(/[\p{Cc}\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F\u061C\uFEFF]/u);
        expect(shown).not.toMatch(/\p{Cs}/u);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isolateText', () => {
  it('isolates right-to-left text, and leaves left-to-right text as it is', () => {
    expect(isolateText('مضخة')).toBe('\u2068مضخة\u2069');
    expect(isolateText('Pump 1')).toBe('Pump 1');
    expect(isolateText('a\u202Eb')).toBe('a⟨U+202E⟩b');
  });
});

describe('truncateText', () => {
  it('cuts long text with an ellipsis, never inside a surrogate pair', () => {
    expect(truncateText('abcdef', 10)).toEqual({ text: 'abcdef', isTruncated: false });
    expect(truncateText('abcdef', 3)).toEqual({ text: 'abc…', isTruncated: true });
    expect(truncateText('ab😀cd', 3)).toEqual({ text: 'ab…', isTruncated: true });
  });
});
