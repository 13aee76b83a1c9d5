import { describe, expect, it } from 'vitest';
import { deviceKeysCsv, MAX_DERIVE_IDS, parseDeviceIdList } from './device-id-list';

describe('parseDeviceIdList', () => {
  it('splits on new lines, commas, semicolons and spaces, keeping order and dropping duplicates', () => {
    expect(parseDeviceIdList('dev-1\r\ndev-2, dev-3;dev-4\tdev-5  dev-1\n\n')).toEqual({
      ids: ['dev-1', 'dev-2', 'dev-3', 'dev-4', 'dev-5'],
      problems: [],
      tooMany: false,
      lowerCaseFix: undefined,
    });
  });

  it('reports each invalid ID with the device ID rule, and offers lower case where that fixes it', () => {
    const list = parseDeviceIdList('dev-1\nDev-2\nbad_id');
    expect(list.ids).toEqual(['dev-1']);
    expect(list.problems.map((p) => [p.id, p.problem.kind])).toEqual([
      ['Dev-2', 'upper-case'],
      ['bad_id', 'invalid-characters'],
    ]);
    expect(list.problems[1]?.problem.message).toBe(
      'Device ID may contain only lower-case letters, digits and "-" (found "_").',
    );
    expect(list.lowerCaseFix).toBe('dev-1\ndev-2\nbad_id');
  });

  it('flags more than the limit', () => {
    const text = Array.from({ length: MAX_DERIVE_IDS + 1 }, (_, i) => `d-${i}`).join('\n');
    expect(parseDeviceIdList(text).tooMany).toBe(true);
    expect(parseDeviceIdList(text.split('\n').slice(0, MAX_DERIVE_IDS).join('\n')).tooMany).toBe(false);
  });

  it('is empty for blank input', () => {
    expect(parseDeviceIdList(' \n ,, ').ids).toEqual([]);
  });
});

describe('deviceKeysCsv', () => {
  it('writes a header and one line per device', () => {
    expect(deviceKeysCsv([{ deviceId: 'a', deviceKey: 'k1+/=' }])).toBe('deviceId,deviceKey\r\na,k1+/=\r\n');
  });
});
