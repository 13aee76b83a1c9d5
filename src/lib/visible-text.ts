// Text that cannot deceive: user-controlled strings (device names, group names, template names,
// certificate subjects, CSV cells) are shown with their invisible and control characters made visible,
// as ⟨U+202E⟩, so that "Contoso \u202Etxt.exe" cannot pose as "Contoso exe.txt", a zero-width space
// cannot make two names look alike, and a NUL or a line break cannot hide. Pure code: the UserText
// component (components/user-text.tsx) renders it bidi-isolated; plain-text places (notifications,
// dialog titles) use isolateText.

/**
 * What is made visible: control characters (Cc: C0, DEL, C1), format characters (Cf: bidi embeddings,
 * overrides, isolates and marks, zero-width space and joiners, BOM, soft hyphen, tag characters),
 * line and paragraph separators, lone surrogates, and the other default-ignorable characters that
 * render as nothing (combining grapheme joiner, Hangul fillers, Khmer vowels inherent, Mongolian
 * variation selectors, variation selectors 17–256). A zero-width joiner between two emoji (👩‍🔧) is
 * part of the emoji and stays.
 */
// The class lists lone combining and joining code points on purpose: each is to be matched alone.
/* eslint-disable no-misleading-character-class */
const INVISIBLE =
  /[\p{Cc}\p{Cf}\u2028\u2029\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFFA0\u{E0100}-\u{E01EF}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const INVISIBLE_GLOBAL = new RegExp(INVISIBLE.source, 'gu');
const EMOJI_BEFORE = /\p{Extended_Pictographic}\uFE0F?$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;
/** Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, ... and their presentation forms). */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
/* eslint-enable no-misleading-character-class */

export interface TextSegment {
  text: string;
  /** A made-visible character, such as "⟨U+202E⟩". */
  isMark: boolean;
}

/** "⟨U+202E⟩". */
export function markFor(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

export function hasInvisibles(text: string): boolean {
  return INVISIBLE.test(text);
}

/** The text cut into plain runs and marks, in order; one plain segment when nothing is invisible. */
export function splitInvisibles(text: string): TextSegment[] {
  if (!INVISIBLE.test(text)) return [{ text, isMark: false }];
  const segments: TextSegment[] = [];
  let plain = '';
  let last = 0;
  for (const match of text.matchAll(INVISIBLE_GLOBAL)) {
    const at = match.index;
    const character = match[0];
    // A joiner inside an emoji sequence renders as part of the emoji.
    if (
      character === '\u200D' &&
      EMOJI_BEFORE.test(text.slice(Math.max(0, at - 3), at)) &&
      EMOJI_AFTER.test(text.slice(at + 1, at + 3))
    )
      continue;
    plain += text.slice(last, at);
    if (plain !== '') segments.push({ text: plain, isMark: false });
    plain = '';
    segments.push({ text: markFor(character), isMark: true });
    last = at + character.length;
  }
  plain += text.slice(last);
  if (plain !== '') segments.push({ text: plain, isMark: false });
  return segments;
}

/** "Contoso \u202Etxt.exe" → "Contoso ⟨U+202E⟩txt.exe". */
export function revealInvisibles(text: string): string {
  if (!INVISIBLE.test(text)) return text;
  return splitInvisibles(text)
    .map((s) => s.text)
    .join('');
}

/**
 * For plain-text places (notifications, dialog titles, aria labels): invisibles revealed, and text
 * with right-to-left letters wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, the plain-text
 * form of <bdi>, so it cannot reorder the sentence around it.
 */
export function isolateText(text: string): string {
  const shown = revealInvisibles(text);
  return RIGHT_TO_LEFT.test(shown) ? `\u2068${shown}\u2069` : shown;
}

/**
 * The first `maxLength` characters of `text` (never half a surrogate pair) and whether it was cut.
 * Long values (a 50,000-character ID in an import file) are shown cut, with the whole in a title.
 */
export function truncateText(text: string, maxLength: number): { text: string; isTruncated: boolean } {
  if (text.length <= maxLength) return { text, isTruncated: false };
  let end = maxLength;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { text: `${text.slice(0, end)}…`, isTruncated: true };
}
