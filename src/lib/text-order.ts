// One order for text everywhere the backend sorts or compares it.

/**
 * Text order of `$orderby`, `lt` and `gt`: by Unicode code point, as SQLite's BINARY collation orders UTF-8
 * (so the page and the server agree). Plain `<` compares UTF-16 code units, which puts U+E000–U+FFFF after
 * the surrogates of characters above U+FFFF.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit <= 0xdfff ? unit + 0x2000 : unit - 0x800;
}
