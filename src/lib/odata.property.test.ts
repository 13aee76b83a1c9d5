// Property tests for the $filter parser: filters built from the grammar agree with a reference
// evaluator, and anything else (mutated filters, token soup, deep nesting, names that live on
// Object.prototype) is refused with an ODataError that says what is wrong, never another exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExtendedDevice } from '../api/extensions';
import { deviceFilterFields } from './device-fields';
import { compileFilter, MAX_NESTING, ODataError } from './odata';
import { quote } from './odata-text';
import { compareText } from './text-order';

const STRING_FIELDS = ['id', 'displayName', 'template'] as const;
const BOOLEAN_FIELDS = ['enabled', 'provisioned', 'simulated', 'blocked', 'approvalPending'] as const;
const OPERATORS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;
type Operator = (typeof OPERATORS)[number];

/** A filter as text, and what it means, computed without the parser. */
interface Filter {
  text: string;
  /** True when the text is a primary (needs no parentheses as the operand of `not`). */
  isPrimary: boolean;
  isOr: boolean;
  matches: (device: ExtendedDevice) => boolean;
}

/** What the field holds, as the API documents it (the extension fields fall back as device-fields says). */
function fieldValue(device: ExtendedDevice, field: string): string | boolean | null {
  const value: unknown =
    field === 'blocked'
      ? (device.extensions?.blocked ?? device.enabled === false)
      : field === 'approvalPending'
        ? (device.extensions?.approvalPending ?? false)
        : (device as unknown as Record<string, unknown>)[field];
  return value === undefined || value === '' ? null : (value as string | boolean);
}

function compareReference(
  op: Operator,
  left: string | boolean | null,
  right: string | boolean | null,
): boolean {
  if (op === 'eq') return left === right;
  if (op === 'ne') return left !== right;
  if (left === null || right === null) return false;
  const order = compareText(String(left), String(right));
  return { lt: order < 0, le: order <= 0, gt: order > 0, ge: order >= 0 }[op];
}

const space = fc.constantFrom(' ', '  ', '\t', ' \n ');
/** Keywords are case-insensitive: write them in any case. */
const keyword = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));
const text = fc.string({
  unit: fc.constantFrom('a', 'B', '-', "'", ' ', '0', 'é', '(', ')', ',', '&'),
  maxLength: 8,
});

const comparison: fc.Arbitrary<Filter> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...STRING_FIELDS),
      fc.constantFrom(...OPERATORS),
      fc.option(text, { nil: null }),
      space,
    )
    .chain(([field, op, value, ws]) =>
      keyword(op).map((opText) => ({
        text: `${field}${ws}${opText} ${value === null ? 'null' : quote(value)}`,
        isPrimary: true,
        isOr: false,
        matches: (d: ExtendedDevice) => compareReference(op, fieldValue(d, field), value),
      })),
    ),
  fc
    .tuple(
      fc.constantFrom(...BOOLEAN_FIELDS),
      fc.constantFrom('eq', 'ne') as fc.Arbitrary<Operator>,
      fc.constantFrom(true, false, null),
    )
    .chain(([field, op, value]) =>
      fc.tuple(keyword(op), keyword(String(value))).map(([opText, valueText]) => ({
        text: `${field} ${opText} ${valueText}`,
        isPrimary: true,
        isOr: false,
        matches: (d: ExtendedDevice) => compareReference(op, fieldValue(d, field), value),
      })),
    ),
  fc.tuple(fc.constantFrom(...STRING_FIELDS), text, keyword('contains')).map(([field, needle, fn]) => ({
    text: `${fn}(${field}, ${quote(needle)})`,
    isPrimary: true,
    isOr: false,
    matches: (d: ExtendedDevice) =>
      String(fieldValue(d, field) ?? '')
        .toLowerCase()
        .includes(needle.toLowerCase()),
  })),
);

const { filter } = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    (tie('filter') as fc.Arbitrary<Filter>).chain((inner) =>
      keyword('not').map((not) => ({
        text: inner.isPrimary ? `${not} ${inner.text}` : `${not} (${inner.text})`,
        isPrimary: true,
        isOr: false,
        matches: (d: ExtendedDevice) => !inner.matches(d),
      })),
    ),
    (tie('filter') as fc.Arbitrary<Filter>).map((inner) => ({
      ...inner,
      text: `(${inner.text})`,
      isPrimary: true,
      isOr: false,
    })),
    fc
      .tuple(
        tie('filter') as fc.Arbitrary<Filter>,
        tie('filter') as fc.Arbitrary<Filter>,
        keyword('and'),
        space,
      )
      .map(([left, right, and, ws]) => {
        // `and` binds tighter than `or`: an `or` operand needs parentheses to keep its meaning.
        const wrap = (f: Filter) => (f.isOr ? `(${f.text})` : f.text);
        return {
          text: `${wrap(left)}${ws}${and} ${wrap(right)}`,
          isPrimary: false,
          isOr: false,
          matches: (d: ExtendedDevice) => left.matches(d) && right.matches(d),
        };
      }),
    fc
      .tuple(tie('filter') as fc.Arbitrary<Filter>, tie('filter') as fc.Arbitrary<Filter>, keyword('or'))
      .map(([left, right, or]) => ({
        text: `${left.text} ${or} ${right.text}`,
        isPrimary: false,
        isOr: true,
        matches: (d: ExtendedDevice) => left.matches(d) || right.matches(d),
      })),
  ),
}));

const device: fc.Arbitrary<ExtendedDevice> = fc.record(
  {
    id: fc.string({ unit: fc.constantFrom('a', 'b', '-', '0'), minLength: 1, maxLength: 4 }),
    displayName: fc.oneof(text, fc.constant('')),
    template: fc.option(fc.constantFrom('dtmi:a;1', 'dtmi:b;1', "it's", ''), { nil: undefined }),
    enabled: fc.boolean(),
    provisioned: fc.boolean(),
    simulated: fc.boolean(),
    extensions: fc.option(fc.record({ blocked: fc.boolean(), approvalPending: fc.boolean() }), {
      nil: undefined,
    }),
  },
  { requiredKeys: ['id', 'displayName', 'enabled', 'provisioned', 'simulated'] },
);

/** A refusal must be an ODataError whose message is a sentence. */
function expectClearRefusal(error: unknown): void {
  expect(error).toBeInstanceOf(ODataError);
  const { message } = error as ODataError;
  expect(message.length).toBeGreaterThan(10);
  expect(message).toMatch(/[.)]$/);
}

/** Compiles, then evaluates on every device; either works or is refused clearly, never anything else. */
function compileAndRun(filterText: string, devices: readonly ExtendedDevice[]): 'ok' | 'refused' {
  let predicate: (d: ExtendedDevice) => boolean;
  try {
    predicate = compileFilter(filterText, deviceFilterFields);
  } catch (error) {
    expectClearRefusal(error);
    return 'refused';
  }
  for (const d of devices) expect(typeof predicate(d)).toBe('boolean');
  return 'ok';
}

describe('compileFilter, properties', () => {
  it('agrees with a reference evaluator on any filter built from the grammar', () => {
    fc.assert(
      fc.property(filter, fc.array(device, { minLength: 1, maxLength: 8 }), (f, devices) => {
        const predicate = compileFilter(f.text, deviceFilterFields);
        for (const d of devices) expect(predicate(d), `${f.text} on ${JSON.stringify(d)}`).toBe(f.matches(d));
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses a filter with a token deleted, inserted or cut off with an ODataError, or still evaluates it', () => {
    const vocabulary = fc.constantFrom(
      '(',
      ')',
      ',',
      ' and ',
      ' or ',
      ' not ',
      ' eq ',
      'contains',
      "'",
      "''",
      "'x'",
      'true',
      'null',
      '-',
      '1.5',
      'id',
      'enabled',
      'colour',
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      '#',
      '$',
      '@x',
      '%',
    );
    const mutated = fc
      .tuple(filter, fc.nat(), fc.nat(), vocabulary, fc.constantFrom('delete', 'insert', 'truncate'))
      .map(([f, a, b, token, how]) => {
        const at = a % (f.text.length + 1);
        if (how === 'truncate') return f.text.slice(0, at);
        if (how === 'insert') return f.text.slice(0, at) + token + f.text.slice(at);
        return f.text.slice(0, at) + f.text.slice(at + 1 + (b % 6));
      });
    const soup = fc.array(vocabulary, { maxLength: 12 }).map((tokens) => tokens.join(''));
    fc.assert(
      fc.property(
        fc.oneof(mutated, soup, fc.string({ unit: 'binary' })),
        fc.array(device, { maxLength: 4 }),
        (text, devices) => {
          compileAndRun(text, devices);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('names only its own fields: names that live on Object.prototype are unknown fields', () => {
    for (const name of [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '__defineGetter__',
    ]) {
      for (const text of [
        `${name} eq null`,
        `${name} ne 'x'`,
        `contains(${name}, 'x')`,
        `not (${name} eq true)`,
      ]) {
        expect(() => compileFilter(text, deviceFilterFields), text).toThrow(ODataError);
        expect(() => compileFilter(text, deviceFilterFields), text).toThrow(`Unknown field "${name}"`);
      }
    }
  });

  it('refuses nesting deeper than MAX_NESTING with a message, and evaluates anything up to it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.constantFrom('parens', 'not', 'mixed'),
        (levels, how) => {
          const open = how === 'parens' ? '(' : how === 'not' ? 'not ' : 'not (';
          const close = how === 'parens' || how === 'mixed' ? ')' : '';
          const perLevel = how === 'mixed' ? 2 : 1;
          const text = `${open.repeat(levels)}id eq 'a'${close.repeat(levels)}`;
          const result = compileAndRun(text, [
            { id: 'a', displayName: '', enabled: true, provisioned: false, simulated: false },
          ]);
          expect(result).toBe(levels * perLevel > MAX_NESTING ? 'refused' : 'ok');
        },
      ),
      { numRuns: 60 },
    );
    expect(() =>
      compileFilter(`${'('.repeat(50_000)}id eq 'a'${')'.repeat(50_000)}`, deviceFilterFields),
    ).toThrow(/more than 100 levels deep/);
  });

  it('evaluates very long and/or chains without overflowing the stack', () => {
    const devices: ExtendedDevice[] = [
      { id: 'a', displayName: 'A', enabled: true, provisioned: false, simulated: false },
      { id: 'b', displayName: 'B', enabled: false, provisioned: false, simulated: false },
    ];
    const all = Array.from({ length: 50_000 }, () => 'enabled eq true').join(' and ');
    expect(devices.filter(compileFilter(all, deviceFilterFields)).map((d) => d.id)).toEqual(['a']);
    const any = [...Array.from({ length: 50_000 }, () => "id eq 'zzz'"), "id eq 'b'"].join(' or ');
    expect(devices.filter(compileFilter(any, deviceFilterFields)).map((d) => d.id)).toEqual(['b']);
  });

  it('quote() makes any text a literal that contains() finds, case-insensitively', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        fc.string({ maxLength: 6 }),
        (name, needle) => {
          const d: ExtendedDevice = {
            id: 'x',
            displayName: name,
            enabled: true,
            provisioned: false,
            simulated: false,
          };
          const predicate = compileFilter(`contains(displayName, ${quote(needle)})`, deviceFilterFields);
          expect(predicate(d)).toBe(name.toLowerCase().includes(needle.toLowerCase()));
          expect(compileFilter(`displayName eq ${quote(name)}`, deviceFilterFields)(d)).toBe(name !== '');
        },
      ),
      { numRuns: 500 },
    );
  });
});
