import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkName, DEVICE_NAME_MAX_LENGTH, findForbiddenCharacter, GROUP_NAME_MAX_LENGTH } from './names';

describe('checkName', () => {
  it('accepts ordinary names in any script, emoji, and bidi or zero-width characters', () => {
    for (const name of [
      '',
      'Pump 1',
      'Pompe à chaleur',
      'مضخة ١',
      '温度计',
      '👩‍🔧 kit',
      'Contoso \u202Etxt.exe',
      'a\u200Bb',
    ])
      expect(checkName(name, 'Device name', DEVICE_NAME_MAX_LENGTH)).toBeNull();
  });

  it('refuses every C0 and C1 control character and DEL, naming the rule and where it is', () => {
    for (let code = 0; code <= 0x9f; code++) {
      const isControl = code <= 0x1f || code >= 0x7f;
      const problem = checkName(`ab${String.fromCharCode(code)}`, 'Device name', DEVICE_NAME_MAX_LENGTH);
      if (!isControl) continue;
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      expect(problem).toBe(
        `Device name contains a control character (U+${hex} at character 3): names may not hold control characters (U+0000–U+001F, U+007F–U+009F) such as line breaks, tabs or NUL. Remove it.`,
      );
    }
    expect(checkName('a\u00a0b', 'Device name', DEVICE_NAME_MAX_LENGTH)).toBeNull();
  });

  it('refuses unpaired surrogates, and keeps pairs', () => {
    expect(findForbiddenCharacter('😀')).toBeNull();
    expect(findForbiddenCharacter('a\uD83D')).toEqual({ kind: 'surrogate', codePoint: 0xd83d, position: 2 });
    expect(findForbiddenCharacter('\uDE00a')).toEqual({ kind: 'surrogate', codePoint: 0xde00, position: 1 });
    expect(checkName('x\uD800y', 'Device name', 148)).toContain('unpaired surrogate (U+D800 at character 2)');
  });

  it('applies the length limit first, with the figures', () => {
    expect(checkName('n'.repeat(10_000), 'Enrollment group name', GROUP_NAME_MAX_LENGTH)).toBe(
      'Enrollment group name is 10,000 characters long; the limit is 255.',
    );
    expect(
      checkName('n'.repeat(GROUP_NAME_MAX_LENGTH), 'Enrollment group name', GROUP_NAME_MAX_LENGTH),
    ).toBeNull();
  });

  it('refuses a name of spaces only', () => {
    expect(checkName(' \u3000 ', 'Device name', 148)).toBe(
      'Device name is only spaces: enter visible characters, or leave it empty.',
    );
  });

  it('accepts exactly the strings without control characters, lone surrogates or blankness (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
        const expected =
          ![...name].some((c) => {
            const code = c.codePointAt(0) ?? 0;
            return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff);
          }) &&
          (name === '' || name.trim() !== '');
        expect(checkName(name, 'Device name', 148) === null).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
