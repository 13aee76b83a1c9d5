// CSV injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with =, +, -, @, a tab or
// a carriage return as a formula. Every CSV this app writes passes its text cells through guardFormula,
// which prefixes such a cell with an apostrophe; the import reads it back with unguardFormula.
//
// An exact round trip: a value that already starts with apostrophes followed by one of those characters
// ("'=x") gets one more ("''=x"), and the import removes exactly one, so unguardFormula(guardFormula(v))
// is v for every string, and a value the guard leaves alone is never changed by the import either.
// Columns that are not text (base64 keys, hex thumbprints) are written exactly, never guarded.

/** Apostrophes, then a character that starts a formula. */
const GUARDED = /^'*[=+\-@\t\r]/;

/** "=SUM(1)" → "'=SUM(1)", "-2+3" → "'-2+3", "'=x" → "''=x"; any other text as it is. */
export function guardFormula(value: string): string {
  return GUARDED.test(value) ? `'${value}` : value;
}

/** The inverse of guardFormula: "'=cmd" → "=cmd", "''=x" → "'=x"; "'quoted" and "-x" stay as they are. */
export function unguardFormula(value: string): string {
  return value.charCodeAt(0) === 39 && GUARDED.test(value) ? value.slice(1) : value;
}
