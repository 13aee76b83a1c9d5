// Building `$filter` text (the Devices grid's view, the bulk runner): kept apart from the parser (odata.ts),
// which the first page load does not need.

/** Quotes a value as an OData string literal. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Joins clauses with `and`, parenthesising each; empty clauses are dropped. */
export function and(...clauses: (string | undefined)[]): string | undefined {
  const present = clauses.filter((c): c is string => Boolean(c));
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return present.map((c) => `(${c})`).join(' and ');
}
