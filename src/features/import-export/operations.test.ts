// Leaving the page while it still drives an operation asks first; once the operation is over, it does not.
// The list is the backend's reports with this page's own operations in their place.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceOperationRecord } from '../../api/extensions';
import { addOperation, fromRecord, mergeOperations, resetOperations, updateOperation } from './operations';

function leave(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

const controls = { cancel: () => {}, retry: () => {} };

describe('leaving the page', () => {
  afterEach(() => resetOperations());

  it('asks while an import runs, and not once it is done', () => {
    expect(leave()).toBe(false);
    addOperation({ id: 'op-1', kind: 'import', title: 'Import devices.csv', total: 10 }, controls);
    expect(leave()).toBe(true);
    updateOperation('op-1', { status: 'completed', processed: 10 });
    expect(leave()).toBe(false);
  });
});

describe('mergeOperations', () => {
  const record = (id: string, change: Partial<DeviceOperationRecord> = {}): DeviceOperationRecord => ({
    id,
    kind: 'import',
    title: `Import of ${id}.csv`,
    status: 'completed',
    startedAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:01:00.000Z',
    finishedAt: '2026-12-01T10:01:00.000Z',
    total: 3,
    processed: 3,
    created: 3,
    updated: 0,
    skipped: 0,
    missing: 0,
    failedCount: 0,
    failed: [],
    ...change,
  });
  const since = Date.parse('2026-12-01T09:00:00.000Z');
  const marks = { since, seen: new Set<string>(), hidden: new Set<string>() };

  it("shows the backend's reports, with this page's own in their place, newest first", () => {
    const mine = { ...fromRecord(record('b', { status: 'running', startedAt: '2026-12-01T11:00:00.000Z' })), processed: 1 };
    const merged = mergeOperations([mine], [record('a'), record('b', { startedAt: '2026-12-01T11:00:00.000Z' })], marks);
    expect(merged.map((op) => [op.id, op.status])).toEqual([
      ['b', 'running'],
      ['a', 'completed'],
    ]);
  });

  it('a report that finished before this browser looked is not news; one seen is not; one cleared is gone', () => {
    const old = record('old', { finishedAt: '2026-12-01T08:00:00.000Z' });
    const merged = mergeOperations([], [old, record('new'), record('seen'), record('cleared')], {
      since,
      seen: new Set(['seen']),
      hidden: new Set(['cleared']),
    });
    expect(merged.map((op) => [op.id, op.isSeen])).toEqual([
      ['old', true],
      ['new', false],
      ['seen', true],
    ]);
  });

  it('a running operation is never hidden', () => {
    const merged = mergeOperations([], [record('r', { status: 'running' })], { ...marks, hidden: new Set(['r']) });
    expect(merged.map((op) => op.id)).toEqual(['r']);
  });
});
