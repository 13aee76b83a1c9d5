import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/store';
import { StoreWriteError } from '../store/device-rows';
import type { DeviceRecord } from '../store/types';
import { AssignmentQueue } from './assignments';

const device = (id: string): DeviceRecord => ({
  id,
  displayName: id,
  simulated: false,
  organizations: [],
  etag: 'e',
  history: [],
  template: undefined,
  provisioned: true,
  approvalPending: false,
  blocked: false,
});

describe('AssignmentQueue', () => {
  it('writes the assignments waiting together in one commit, and reports each only after it', async () => {
    const store = createMemoryStore();
    let commits = 0;
    store.subscribe(() => (commits += 1));
    const queue = new AssignmentQueue(store);
    const done = Array.from({ length: 10 }, (_, i) =>
      queue.enqueue(async () => {
        const record = device(`batch-${i}`);
        store.devices.set(record.id, record);
        return { state: { registrationId: record.id, status: 'assigned' }, records: [record] };
      }),
    );
    const states = await Promise.all(done);
    expect(states.map((s) => s.registrationId)).toEqual(Array.from({ length: 10 }, (_, i) => `batch-${i}`));
    expect(commits).toBe(1);
  });

  it('fails every assignment of a batch whose commit fails, and goes on with the next batch', async () => {
    const store = createMemoryStore();
    const queue = new AssignmentQueue(store);
    const commit = store.devices.commit.bind(store.devices);
    store.devices.commit = () => {
      throw new StoreWriteError('The change could not be saved (disk full). Nothing was changed.');
    };
    const failing = [1, 2].map((i) =>
      queue.enqueue(async () => ({ state: { registrationId: `f-${i}`, status: 'assigned' }, records: [] })),
    );
    await expect(Promise.all(failing)).rejects.toBeInstanceOf(StoreWriteError);
    store.devices.commit = commit;
    await expect(queue.enqueue(async () => ({ state: { registrationId: 'ok', status: 'assigned' }, records: [] }))).resolves.toMatchObject({
      registrationId: 'ok',
    });
  });
});
