// The name rule (lib/names.ts) at the API: every write that takes a name refuses a control character
// or a name over the limit with a 400 that names the rule, and changes nothing.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { importDevices } from '../../api/device-operations';
import { createOrReplaceDevice, getDevice, updateDevice } from '../../api/devices';
import { createEnrollmentGroup, updateEnrollmentGroup } from '../../api/enrollment-groups';
import { store } from '../node';
import { DEFAULT_SAS_GROUP_ID } from '../store/seed';

const CONTROL_RULE =
  /contains a control character \(U\+0000 at character 4\): names may not hold control characters/;

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('names at the API', () => {
  it('PUT and PATCH /devices refuse a control character with a 400 that names the rule', async () => {
    const put = await refusal(createOrReplaceDevice('nul-1', { displayName: 'Bad\u0000name' }));
    expect(put.status).toBe(400);
    expect(put.message).toMatch(/^Device name /);
    expect(put.message).toMatch(CONTROL_RULE);
    expect(store.devices.has('nul-1')).toBe(false);

    const before = await getDevice('thermostat-0001');
    const patch = await refusal(
      updateDevice('thermostat-0001', { displayName: 'Bad\u0000name\u0085', etag: before.etag }),
    );
    expect(patch.status).toBe(400);
    expect(patch.message).toMatch(CONTROL_RULE);
    expect((await getDevice('thermostat-0001')).displayName).toBe(before.displayName);
  });

  it('PUT /devices refuses a C1 character and a name over 148 characters', async () => {
    expect((await refusal(createOrReplaceDevice('c1-1', { displayName: 'x\u009b' }))).message).toContain(
      'U+009B',
    );
    const long = await refusal(createOrReplaceDevice('long-1', { displayName: 'n'.repeat(149) }));
    expect(long.message).toBe('Device name is 149 characters long; the limit is 148.');
  });

  it('the import refuses the row with the same rule and creates nothing', async () => {
    const result = await importDevices({
      devices: [{ id: 'nul-2', displayName: 'Bad\u0000name' }],
      existing: 'skip',
    });
    expect(result.created).toEqual([]);
    expect(result.failed).toEqual([{ id: 'nul-2', reason: expect.stringMatching(CONTROL_RULE) }]);
    expect(store.devices.has('nul-2')).toBe(false);
  });

  it('enrollment groups: a 10,000-character name is refused, on create and on update', async () => {
    const create = await refusal(
      createEnrollmentGroup('huge-name', {
        displayName: 'n'.repeat(10_000),
        type: 'iot',
        enabled: true,
        attestation: { type: 'symmetricKey' },
      }),
    );
    expect(create.status).toBe(400);
    expect(create.message).toBe('Enrollment group name is 10,000 characters long; the limit is 255.');
    expect(store.groups.has('huge-name')).toBe(false);

    const group = store.groups.get(DEFAULT_SAS_GROUP_ID);
    const update = await refusal(
      updateEnrollmentGroup(DEFAULT_SAS_GROUP_ID, { displayName: 'Tab\there', etag: group?.etag }),
    );
    expect(update.message).toMatch(/^Enrollment group name contains a control character \(U\+0009/);
    expect(store.groups.get(DEFAULT_SAS_GROUP_ID)?.displayName).toBe(group?.displayName);
  });
});
