// The device list reads the store's records directly; it must answer exactly as filtering API devices
// did: the same fields, the same pages, counts and nextLinks, sorted or not, during a restore too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deviceFilterFields } from '../../lib/device-fields';
import { statusFilter, DEVICE_STATUSES } from '../../lib/device-status';
import { compileFilter } from '../../lib/odata';
import { compareBy } from '../store/sorted-index';
import { recordFilterFields } from '../store/device-rows';
import type { DeviceTable } from '../store/device-table';
import { createMemoryStore, type Store as AnyStore } from '../store/store';
import { createSeed } from '../store/seed';
import type { DeviceRecord } from '../store/types';
import { listDevicesPage } from './device-list';

type Store = AnyStore<DeviceTable>;
import { toApiDevice } from './device-records';

const record = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    displayName: fc.string({ maxLength: 6 }),
    template: fc.option(fc.constantFrom('', 'dtmi:a;1', 'dtmi:b;1'), { nil: undefined }),
    provisioned: fc.boolean(),
    simulated: fc.boolean(),
    blocked: fc.boolean(),
    approvalPending: fc.boolean(),
  })
  .map((r): DeviceRecord => ({ ...r, organizations: [], etag: 'e', history: [] }));

describe('recordFilterFields', () => {
  it('has the API fields, in the same order, and reads the same values from a record', () => {
    const store = createMemoryStore();
    expect(Object.keys(recordFilterFields)).toEqual(Object.keys(deviceFilterFields));
    fc.assert(
      fc.property(record, (r) => {
        const device = toApiDevice(store, r);
        for (const [name, spec] of Object.entries(deviceFilterFields)) {
          expect(recordFilterFields[name]?.type).toBe(spec.type);
          const fromRecord = recordFilterFields[name]?.get(r);
          const fromDevice = spec.get(device);
          // The filter treats undefined and '' alike (no value).
          expect(fromRecord || undefined, name).toEqual(fromDevice || undefined);
          if (spec.type === 'boolean') expect(fromRecord, name).toBe(fromDevice);
        }
      }),
    );
  });
});

/** The list as it was computed before: every record made an API device, then filtered. */
function reference(store: Store, filter: string, orderby: string | undefined, offset: number, top: number) {
  const predicate = compileFilter(filter, deviceFilterFields);
  let records = [...store.devices.values()];
  if (orderby) {
    const [field, direction] = orderby.split(' ') as ['displayName' | 'id', string | undefined];
    records = records.sort(compareBy(field));
    if (direction === 'desc') records.reverse();
  }
  const matching = records.map((r) => toApiDevice(store, r)).filter(predicate);
  return {
    ids: matching.slice(offset, offset + top).map((d) => d.id),
    count: matching.length,
    hasMore: matching.length > offset + top,
  };
}

function storeWith(count: number): Store {
  const store = createMemoryStore(createSeed({ deviceCount: count }));
  // Some deletions and renames, so insertion order and the indexes are not the seed's.
  for (const id of [...store.devices.keys()].filter((_, i) => i % 17 === 5)) store.devices.delete(id);
  for (const id of [...store.devices.keys()].filter((_, i) => i % 13 === 2)) {
    const r = store.devices.get(id);
    if (r) r.displayName = `Renamed ${id.length}`;
  }
  store.changed();
  return store;
}

const FILTERS = [
  '',
  ...DEVICE_STATUSES.map(statusFilter),
  "contains(displayName, 'lab') or contains(id, 'lab')",
  'template eq null',
  'simulated eq true and not (provisioned eq true)',
  "displayName ge 'M'",
];

describe('listDevicesPage', () => {
  const store = storeWith(400);

  it('answers like filtering API devices, for every filter, order and page', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FILTERS),
        fc.constantFrom(undefined, 'displayName', 'displayName desc', 'id', 'id desc'),
        fc.nat({ max: 420 }),
        fc.integer({ min: 1, max: 100 }),
        fc.boolean(),
        (filter, orderby, offset, top, wantsCount) => {
          const url = new URL('https://app.example/api/devices?api-version=2022-07-31');
          if (filter) url.searchParams.set('$filter', filter);
          if (orderby) url.searchParams.set('$orderby', orderby);
          url.searchParams.set('$top', String(top));
          if (wantsCount) url.searchParams.set('$count', 'true');
          if (offset > 0) url.searchParams.set('$skiptoken', btoa(JSON.stringify({ offset })));
          const page = listDevicesPage(store, url);
          const expected = reference(store, filter, orderby, offset, top);
          expect(page.value.map((d) => d.id)).toEqual(expected.ids);
          expect(page.value).toEqual(
            expected.ids.map((id) => toApiDevice(store, store.devices.peek(id as string) as DeviceRecord)),
          );
          expect(page['@odata.count']).toBe(wantsCount ? expected.count : undefined);
          expect(Boolean(page.nextLink)).toBe(expected.hasMore);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts the devices still being restored in an unfiltered list', () => {
    const restoring = storeWith(30);
    restoring.restoringDevices = 1000;
    const page = listDevicesPage(restoring, new URL('https://app.example/api/devices?$top=25&$count=true'));
    expect(page['@odata.count']).toBe(restoring.devices.size + 1000);
    expect(page.value).toHaveLength(25);
    expect(page.nextLink).toBeDefined();
  });
});
