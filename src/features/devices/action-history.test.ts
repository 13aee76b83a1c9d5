// The device actions a tab ran, for Device operations: newest first, a few kept, Undo offered once.
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ACTIONS_KEPT,
  forgetUndo,
  recordFinishedAction,
  resetFinishedActions,
  summarize,
  useFinishedActions,
} from './action-history';
import type { UndoRecord } from './undo';

afterEach(() => act(() => resetFinishedActions()));

const record: UndoRecord = { action: 'block', before: [{ id: 'a' }], afterEtags: new Map() };

describe('action history', () => {
  it('summarizes a run in one line', () => {
    expect(summarize({ succeeded: ['a', 'b'], skipped: [], failed: [], cancelled: [] }, 'blocked')).toBe('2 blocked.');
    expect(
      summarize(
        { succeeded: ['a'], skipped: [{ id: 'b', reason: 'x' }], failed: [{ id: 'c', message: 'y' }], cancelled: ['d'] },
        'restored',
      ),
    ).toBe('1 restored, 1 skipped, 1 failed, 1 cancelled.');
  });

  it('keeps the newest actions first, and offers an Undo once', () => {
    const { result } = renderHook(() => useFinishedActions());
    act(() => {
      for (let i = 0; i < ACTIONS_KEPT + 2; i++) recordFinishedAction({ title: `Block ${i}`, summary: '1 blocked.' });
      recordFinishedAction({ title: 'Block of 1 device', summary: '1 blocked.', undo: record });
    });
    expect(result.current).toHaveLength(ACTIONS_KEPT);
    expect(result.current[0]).toMatchObject({ title: 'Block of 1 device', undo: record });
    act(() => forgetUndo(record));
    expect(result.current[0]?.undo).toBeUndefined();
    expect(result.current[1]?.title).toBe(`Block ${ACTIONS_KEPT + 1}`);
  });
});
