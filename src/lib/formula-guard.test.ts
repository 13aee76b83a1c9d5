import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardFormula, unguardFormula } from './formula-guard';

describe('guardFormula', () => {
  it.each(['=HYPERLINK("x")', '+SUM(1,2)', '-2+3', '@cmd', '\tx', '\rx', '-x', '+49 (0) 30', '=', '-'])(
    'neutralises %j, as OWASP says',
    (value) => {
      expect(guardFormula(value)).toBe(`'${value}`);
    },
  );

  it('leaves other text alone', () => {
    for (const value of ['', 'Pump 1', "'quoted", ' =x', 'a=b', '<img src=x>', '—dash', '＝full width'])
      expect(guardFormula(value)).toBe(value);
  });

  it('adds one more apostrophe to a value that already looks guarded, so the import gives it back', () => {
    expect(guardFormula("'=x")).toBe("''=x");
    expect(unguardFormula("''=x")).toBe("'=x");
    expect(unguardFormula("'=cmd")).toBe('=cmd');
    expect(unguardFormula("'quoted")).toBe("'quoted");
    expect(unguardFormula('-x')).toBe('-x');
  });
});

describe('guardFormula, properties', () => {
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', ' '), maxLength: 8 }),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  );

  it('unguardFormula(guardFormula(v)) is v for every text', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(unguardFormula(guardFormula(value))).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('a guarded value never starts with a formula character', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(guardFormula(value)).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 2000 },
    );
  });
});
