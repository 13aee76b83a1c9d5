// The subset of OData that IoT Central's device list understands, parsed into a predicate:
//   comparisons  field (eq|ne|lt|le|gt|ge) literal     literals: 'text' (quote as ''), true, false, null, numbers
//   logic        and, or, not, parentheses
//   function     contains(field, 'text')                case-insensitive
// Used by the demo backend; the UI builds filters with the helpers at the bottom.

import { compareText } from './text-order';

export type FieldType = 'string' | 'boolean';

export interface FieldSpec<T> {
  type: FieldType;
  get: (item: T) => string | boolean | undefined;
}

export type FieldMap<T> = Record<string, FieldSpec<T>>;

export class ODataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ODataError';
  }
}

type Token =
  | { kind: 'ident'; value: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'punct'; value: '(' | ')' | ','; at: number }
  | { kind: 'end'; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', value: c, at: i });
      i++;
    } else if (c === "'") {
      const at = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new ODataError(`Unterminated string starting at position ${at + 1}.`);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ kind: 'string', value, at });
    } else if (/[-0-9]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      if (!match) throw new ODataError(`Unexpected "${c}" at position ${i + 1}.`);
      tokens.push({ kind: 'number', value: Number(match[0]), at: i });
      i += match[0].length;
    } else if (/[A-Za-z_$@]/.test(c)) {
      const match = /^[A-Za-z_$@][A-Za-z0-9_$@.]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'ident', value: match[0], at: i });
      i += match[0].length;
    } else {
      throw new ODataError(`Unexpected "${c}" at position ${i + 1}.`);
    }
  }
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}

const COMPARISONS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;
type Comparison = (typeof COMPARISONS)[number];
type Literal = string | number | boolean | null;

export type Predicate<T> = (item: T) => boolean;

/** Parentheses and `not` may nest this deep: deeper filters are refused before the stack overflows. */
export const MAX_NESTING = 100;

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the filter';
  if (token.kind === 'string') return `'${token.value}'`;
  return `"${String(token.value)}" at position ${token.at + 1}`;
}

function compare(op: Comparison, left: string | boolean | undefined, right: Literal): boolean {
  const l = left === undefined || left === '' ? null : left;
  switch (op) {
    case 'eq':
      return l === right;
    case 'ne':
      return l !== right;
    default: {
      if (l === null || right === null) return false;
      // Lexicographic by code point, as the server's SQL (BINARY collation) compares: no locale, no natural numbers.
      const order = compareText(String(l), String(right));
      return op === 'lt' ? order < 0 : op === 'le' ? order <= 0 : op === 'gt' ? order > 0 : order >= 0;
    }
  }
}

/** A parsed `$filter`: what the in-memory backend evaluates and the server turns into SQL. */
export type FilterNode =
  | { kind: 'and' | 'or'; parts: FilterNode[] }
  | { kind: 'not'; inner: FilterNode }
  | { kind: 'contains'; field: string; value: string }
  | { kind: 'compare'; field: string; op: Comparison; value: Literal }
  | { kind: 'true' };

export type { Comparison, Literal };

/** Parses `$filter` against the fields' names and types; throws ODataError with a readable message. */
export function parseFilter(text: string, fields: Record<string, { type: FieldType }>): FilterNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos] as Token;
  const next = () => tokens[pos++] as Token;
  const isWord = (word: string) => {
    const t = peek();
    return t.kind === 'ident' && t.value.toLowerCase() === word;
  };
  const expect = (value: '(' | ')' | ',') => {
    const t = next();
    if (t.kind !== 'punct' || t.value !== value) throw new ODataError(`Expected "${value}" but found ${describe(t)}.`);
  };
  const field = (): { type: FieldType; name: string } => {
    const t = next();
    if (t.kind !== 'ident') throw new ODataError(`Expected a field name but found ${describe(t)}.`);
    // Own fields only: "constructor" or "__proto__" must not reach Object.prototype.
    const spec = Object.hasOwn(fields, t.value) ? fields[t.value] : undefined;
    if (!spec) {
      throw new ODataError(`Unknown field "${t.value}". Filterable fields: ${Object.keys(fields).join(', ')}.`);
    }
    return { type: spec.type, name: t.value };
  };
  const literal = (): Literal => {
    const t = next();
    if (t.kind === 'string' || t.kind === 'number') return t.value;
    if (t.kind === 'ident') {
      const word = t.value.toLowerCase();
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
    }
    throw new ODataError(`Expected a value ('text', true, false, null or a number) but found ${describe(t)}.`);
  };

  let depth = 0;
  const nested = <R>(parse: () => R): R => {
    depth += 1;
    if (depth > MAX_NESTING) {
      throw new ODataError(`The filter nests "(" and "not" more than ${MAX_NESTING} levels deep; simplify it.`);
    }
    const result = parse();
    depth -= 1;
    return result;
  };

  const primary = (): FilterNode => {
    const t = peek();
    if (t.kind === 'punct' && t.value === '(') {
      next();
      const inner = nested(or);
      expect(')');
      return inner;
    }
    if (isWord('not')) {
      next();
      return { kind: 'not', inner: nested(primary) };
    }
    if (isWord('contains')) {
      next();
      expect('(');
      const f = field();
      if (f.type !== 'string') throw new ODataError(`contains() needs a text field; "${f.name}" is ${f.type}.`);
      expect(',');
      const needle = literal();
      if (typeof needle !== 'string') throw new ODataError('contains() needs a quoted text value.');
      expect(')');
      return { kind: 'contains', field: f.name, value: needle };
    }
    const f = field();
    const opToken = next();
    const op = opToken.kind === 'ident' ? (opToken.value.toLowerCase() as Comparison) : undefined;
    if (!op || !COMPARISONS.includes(op)) {
      throw new ODataError(`Expected an operator (eq, ne, lt, le, gt, ge) after "${f.name}" but found ${describe(opToken)}.`);
    }
    const value = literal();
    if (value !== null && typeof value !== (f.type === 'string' ? 'string' : 'boolean')) {
      throw new ODataError(`"${f.name}" is a ${f.type} field; compare it with ${f.type === 'string' ? "a quoted 'text'" : 'true or false'}.`);
    }
    return { kind: 'compare', field: f.name, op, value };
  };
  // Chains of and/or are kept flat, so a long filter cannot nest deep enough to overflow the stack.
  const chain = (kind: 'and' | 'or', part: () => FilterNode) => (): FilterNode => {
    const parts = [part()];
    while (isWord(kind)) {
      next();
      parts.push(part());
    }
    return parts.length === 1 ? (parts[0] as FilterNode) : { kind, parts };
  };
  const and = chain('and', primary);
  const or = chain('or', and);

  if (text.trim() === '') return { kind: 'true' };
  const node = or();
  const rest = peek();
  if (rest.kind !== 'end') throw new ODataError(`Unexpected ${describe(rest)}.`);
  return node;
}

/** A parsed filter as a predicate over items whose fields `fields` reads. */
export function toPredicate<T>(node: FilterNode, fields: FieldMap<T>): Predicate<T> {
  switch (node.kind) {
    case 'true':
      return () => true;
    case 'not': {
      const inner = toPredicate(node.inner, fields);
      return (item) => !inner(item);
    }
    case 'and':
    case 'or': {
      const parts = node.parts.map((part) => toPredicate(part, fields));
      return node.kind === 'and'
        ? (item) => parts.every((part) => part(item))
        : (item) => parts.some((part) => part(item));
    }
    case 'contains': {
      const get = (fields[node.field] as FieldSpec<T>).get;
      const lower = node.value.toLowerCase();
      return (item) => String(get(item) ?? '').toLowerCase().includes(lower);
    }
    case 'compare': {
      const get = (fields[node.field] as FieldSpec<T>).get;
      const { op, value } = node;
      return (item) => compare(op, get(item), value);
    }
  }
}

/** Parses `$filter` into a predicate; throws ODataError with a readable message on bad input. */
export function compileFilter<T>(text: string, fields: FieldMap<T>): Predicate<T> {
  return toPredicate(parseFilter(text, fields), fields);
}

export interface OrderBy {
  field: string;
  descending: boolean;
}

/** Parses `$orderby` ("displayName", "displayName desc"); throws ODataError for other fields. */
export function parseOrderBy(text: string, allowed: readonly string[]): OrderBy | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const match = /^([A-Za-z_$@][\w$@]*)(?:\s+(asc|desc))?$/i.exec(trimmed);
  if (!match) throw new ODataError(`Cannot order by "${text}": use a field name, optionally followed by asc or desc.`);
  const field = match[1] as string;
  if (!allowed.includes(field)) throw new ODataError(`Cannot order by "${field}". Sortable fields: ${allowed.join(', ')}.`);
  return { field, descending: match[2]?.toLowerCase() === 'desc' };
}
