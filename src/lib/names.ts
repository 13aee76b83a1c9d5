// The one rule for the names the API takes (device names, enrollment group names, device template
// names), shared by the forms' schemas, the CSV import and the demo backend: a length limit, no control
// characters, no unpaired surrogates, and not only spaces.
//
// Control characters (C0 U+0000–U+001F, DEL U+007F and C1 U+0080–U+009F) have no use in a name and do
// harm: a NUL made the app's own export unreadable, a line break hid in the grid and split CSV rows, a
// tab or CR turned a cell into a formula. Unpaired surrogates are not Unicode text: UTF-8 (the export)
// cannot encode them. Bidi and zero-width characters (Cf) are allowed, as in IoT Central, and shown
// visibly wherever a name is displayed (lib/visible-text.ts).

/** [inferred] IoT Central's device name limit, as its UI enforces it. */
export const DEVICE_NAME_MAX_LENGTH = 148;
/** [inferred] IoT Central documents no limit; its UI stops enrollment group names at 255 characters. */
export const GROUP_NAME_MAX_LENGTH = 255;
/** [inferred] As for enrollment groups. */
export const TEMPLATE_NAME_MAX_LENGTH = 255;

export type NameLabel = 'Device name' | 'Enrollment group name' | 'Device template name';

/** "U+0000". */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function isControlCharacter(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/** The first control character or unpaired surrogate, with its 1-based position; null when none. */
export function findForbiddenCharacter(
  text: string,
): { kind: 'control' | 'surrogate'; codePoint: number; position: number } | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isControlCharacter(code)) return { kind: 'control', codePoint: code, position: i + 1 };
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return { kind: 'surrogate', codePoint: code, position: i + 1 };
    }
    if (code >= 0xdc00 && code <= 0xdfff) return { kind: 'surrogate', codePoint: code, position: i + 1 };
  }
  return null;
}

/**
 * Null when `name` is acceptable, otherwise what is wrong and how to fix it. The empty name is
 * acceptable here (a device then shows its ID); the callers that require a name say so themselves.
 */
export function checkName(name: string, label: NameLabel, maxLength: number): string | null {
  if (name.length > maxLength) {
    return `${label} is ${name.length.toLocaleString('en-US')} characters long; the limit is ${maxLength}.`;
  }
  const bad = findForbiddenCharacter(name);
  if (bad?.kind === 'control') {
    return `${label} contains a control character (${codePointLabel(bad.codePoint)} at character ${bad.position}): names may not hold control characters (U+0000–U+001F, U+007F–U+009F) such as line breaks, tabs or NUL. Remove it.`;
  }
  if (bad?.kind === 'surrogate') {
    return `${label} contains an unpaired surrogate (${codePointLabel(bad.codePoint)} at character ${bad.position}), which is not valid Unicode text. Type the name again.`;
  }
  if (name.length > 0 && name.trim() === '') {
    return `${label} is only spaces: enter visible characters, or leave it empty.`;
  }
  return null;
}
