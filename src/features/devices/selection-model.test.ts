import { describe, expect, it } from 'vitest';
import type { ExtendedDevice } from '../../api/extensions';
import {
  devicesById,
  initialSelection,
  selectedDevices,
  selectedOnPage,
  selectionReducer,
  toGridModel,
  type SelectionEvent,
  type SelectionState,
} from './selection-model';

const device = (id: string, etag = '"1"'): ExtendedDevice => ({ id, etag, displayName: id });
const page1 = ['a', 'b', 'c'].map((id) => device(id));
const page2 = ['d', 'e', 'f'].map((id) => device(id));
const include = (...ids: string[]) => ({ type: 'include' as const, ids: new Set(ids) });

function run(state: SelectionState, ...events: SelectionEvent[]) {
  return events.reduce(selectionReducer, state);
}

describe('selectionReducer', () => {
  it('keeps devices selected on other pages while this page follows the grid', () => {
    const state = run(
      initialSelection(undefined),
      { type: 'grid', model: include('a', 'b'), rows: page1 },
      { type: 'grid', model: include('e'), rows: page2 },
    );
    expect(state.selection).toEqual({ kind: 'ids', ids: ['a', 'b', 'e'] });
    expect(selectedOnPage(state.selection, page2)).toBe(1);
    // Unticking on page 1 drops only page 1's.
    const after = run(state, { type: 'grid', model: include('b'), rows: page1 });
    expect(after.selection).toEqual({ kind: 'ids', ids: ['e', 'b'] });
  });

  it("turns the header checkbox's exclude model into this page's devices", () => {
    const state = run(initialSelection(undefined), {
      type: 'grid',
      model: { type: 'exclude', ids: new Set(['b']) },
      rows: page1,
    });
    expect(state.selection).toEqual({ kind: 'ids', ids: ['a', 'c'] });
  });

  it('keeps a snapshot of each selected device, the freshest seen, and only of selected ones', () => {
    let state = run(initialSelection(undefined), { type: 'grid', model: include('a', 'b'), rows: page1 });
    state = run(state, { type: 'grid', model: include('d'), rows: page2 });
    expect([...state.known.keys()].sort()).toEqual(['a', 'b', 'd']);
    // Page 1 again, with a newer etag for a: the snapshot follows.
    const fresher = [device('a', '"2"'), device('b'), device('c')];
    state = run(state, { type: 'grid', model: include('a'), rows: fresher });
    expect(state.known.get('a')?.etag).toBe('"2"');
    expect(state.known.has('b')).toBe(false);
    expect(selectedDevices(state, page2).map((d) => d.id)).toEqual(['d', 'a']);
    expect(devicesById(state, page2).get('a')?.etag).toBe('"2"');
  });

  it('selects every device matching the view, minus those the operator unticks, until a plain model ends it', () => {
    let state = run(initialSelection("contains(displayName, 'x')"), {
      type: 'selectAllMatching',
      count: 120,
    });
    expect(state.selection).toEqual({
      kind: 'filter',
      filter: "contains(displayName, 'x')",
      count: 120,
      excludedIds: [],
    });
    state = run(state, { type: 'grid', model: { type: 'exclude', ids: new Set(['b']) }, rows: page1 });
    expect(state.selection).toMatchObject({ kind: 'filter', excludedIds: ['b'] });
    expect(toGridModel(state.selection)).toEqual({ type: 'exclude', ids: new Set(['b']) });
    state = run(state, { type: 'grid', model: include(), rows: page1 });
    expect(state.selection).toEqual({ kind: 'ids', ids: [] });
  });

  it('clears on a new filter and keeps the count until it is told; the same filter changes nothing', () => {
    const selected = run(initialSelection(undefined), {
      type: 'grid',
      model: include('a', 'b'),
      rows: page1,
    });
    expect(run(selected, { type: 'filterChanged', filter: undefined })).toBe(selected);
    const cleared = run(selected, { type: 'filterChanged', filter: 'blocked eq true' });
    expect(cleared).toMatchObject({
      selection: { kind: 'ids', ids: [] },
      filter: 'blocked eq true',
      clearedCount: 2,
    });
    expect(run(cleared, { type: 'clearedTold' }).clearedCount).toBeUndefined();
    // Nothing selected: nothing to tell.
    expect(
      run(initialSelection(undefined), { type: 'filterChanged', filter: 'x' }).clearedCount,
    ).toBeUndefined();
  });

  it('clear empties the selection and its snapshots', () => {
    const state = run(
      initialSelection(undefined),
      { type: 'grid', model: include('a'), rows: page1 },
      { type: 'clear' },
    );
    expect(state.selection).toEqual({ kind: 'ids', ids: [] });
    expect(state.known.size).toBe(0);
  });
});
