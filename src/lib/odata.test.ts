import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExtendedDevice } from '../api/extensions';
import { deviceFilterFields } from './device-fields';
import { compileFilter, ODataError, parseOrderBy } from './odata';
import { and, quote } from './odata-text';

const devices: ExtendedDevice[] = [
  { id: 'a-1', displayName: "Bob's thermostat", enabled: true, provisioned: true, simulated: false, template: 'dtmi:t;1' },
  { id: 'b-2', displayName: 'Pump 2', enabled: false, provisioned: false, simulated: true, template: undefined },
  { id: 'c-3', displayName: 'Thermostat 3', enabled: true, provisioned: false, simulated: false, template: 'dtmi:t;1' },
];
const ids = (filter: string) => devices.filter(compileFilter(filter, deviceFilterFields)).map((d) => d.id);

describe('compileFilter', () => {
  it('supports eq and ne on strings and booleans', () => {
    expect(ids("id eq 'a-1'")).toEqual(['a-1']);
    expect(ids('enabled eq false')).toEqual(['b-2']);
    expect(ids('provisioned ne true')).toEqual(['b-2', 'c-3']);
    expect(ids("template eq 'dtmi:t;1'")).toEqual(['a-1', 'c-3']);
    expect(ids('template eq null')).toEqual(['b-2']);
  });

  it('supports and, or, not and parentheses with the usual precedence', () => {
    expect(ids("enabled eq true and provisioned eq false or id eq 'b-2'")).toEqual(['b-2', 'c-3']);
    expect(ids("enabled eq true and (provisioned eq true or id eq 'b-2')")).toEqual(['a-1']);
    expect(ids('not (simulated eq true)')).toEqual(['a-1', 'c-3']);
  });

  it('supports contains(displayName, ...) case-insensitively, with quoted quotes', () => {
    expect(ids("contains(displayName, 'THERMO')")).toEqual(['a-1', 'c-3']);
    expect(ids(`contains(displayName, ${quote("Bob's")})`)).toEqual(['a-1']);
  });

  it('matches everything for an empty filter', () => {
    expect(ids('  ')).toHaveLength(3);
  });

  it.each([
    ["colour eq 'red'", /Unknown field "colour"/],
    ["enabled eq 'yes'", /boolean field/],
    ["displayName has 'x'", /Expected an operator/],
    ["id eq 'open", /Unterminated string/],
    ["(id eq 'a'", /Expected "\)"/],
    ["id eq 'a' id", /Unexpected/],
    ['contains(enabled, true)', /needs a text field/],
    ['id eq #', /Unexpected "#"/],
  ])('rejects %s with a readable message', (filter, message) => {
    expect(() => compileFilter(filter, deviceFilterFields)).toThrow(message);
  });

  it('never throws anything but ODataError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          compileFilter(text, deviceFilterFields);
        } catch (error) {
          expect(error).toBeInstanceOf(ODataError);
          expect((error as Error).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseOrderBy', () => {
  it('parses a field and direction', () => {
    expect(parseOrderBy('displayName desc', ['displayName'])).toEqual({ field: 'displayName', descending: true });
    expect(parseOrderBy('displayName', ['displayName'])).toEqual({ field: 'displayName', descending: false });
    expect(parseOrderBy('', ['displayName'])).toBeUndefined();
  });
  it('rejects other fields', () => {
    expect(() => parseOrderBy('enabled', ['displayName'])).toThrow(/Sortable fields: displayName/);
  });
});

describe('and', () => {
  it('joins present clauses', () => {
    expect(and(undefined, 'a eq 1')).toBe('a eq 1');
    expect(and('a', 'b')).toBe('(a) and (b)');
    expect(and()).toBeUndefined();
  });
});
