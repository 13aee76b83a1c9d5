// The Devices grid's selection as one immutable value and the pure steps that change it (a reducer):
// what the operator selected (lib/device-selection.ts), a snapshot of each selected device as last seen
// (its etag, for the actions), and the filter the selection was made under. use-device-selection.ts keeps
// it in React; nothing here knows React or the grid.
import type { ExtendedDevice } from '../../api/extensions';
import { EMPTY_SELECTION, selectionCount, type DeviceSelection } from '../../lib/device-selection';

export interface SelectionState {
  selection: DeviceSelection;
  /** The selected devices as last seen on a page, by ID (a device selected on another page is not on this one). */
  known: ReadonlyMap<string, ExtendedDevice>;
  /** The filter and search the selection belongs to. */
  filter: string | undefined;
  /** How many devices a change of filter cleared, until that is told (then undefined). */
  clearedCount?: number;
}

/** The grid's own model: rows included, or every row but those excluded. */
export interface GridSelectionModel {
  type: 'include' | 'exclude';
  ids: ReadonlySet<string | number>;
}

export type SelectionEvent =
  /** The grid changed its model (a checkbox, Space, the header checkbox) while showing `rows`. */
  | { type: 'grid'; model: GridSelectionModel; rows: readonly ExtendedDevice[] }
  /** "Select all N devices matching this view". */
  | { type: 'selectAllMatching'; count: number }
  | { type: 'clear' }
  /** The search or a filter changed: the selection no longer describes what the operator sees. */
  | { type: 'filterChanged'; filter: string | undefined }
  /** The clearing was told to the operator. */
  | { type: 'clearedTold' };

export function initialSelection(filter: string | undefined): SelectionState {
  return { selection: EMPTY_SELECTION, known: new Map(), filter };
}

/** Keeps the snapshots of selected devices only, the freshest from `rows`. */
function snapshots(
  ids: readonly string[],
  previous: ReadonlyMap<string, ExtendedDevice>,
  rows: readonly ExtendedDevice[],
) {
  const onPage = new Map(rows.map((row) => [row.id ?? '', row]));
  const known = new Map<string, ExtendedDevice>();
  for (const id of ids) {
    const device = onPage.get(id) ?? previous.get(id);
    if (device) known.set(id, device);
  }
  return known;
}

export function selectionReducer(state: SelectionState, event: SelectionEvent): SelectionState {
  switch (event.type) {
    case 'grid': {
      const { model, rows } = event;
      const modelIds = [...model.ids].map(String);
      const { selection } = state;
      if (selection.kind === 'filter') {
        // All matching stays all matching while the header checkbox excludes rows; a plain model ends it.
        return model.type === 'exclude'
          ? { ...state, selection: { ...selection, excludedIds: modelIds } }
          : { ...state, selection: EMPTY_SELECTION, known: new Map() };
      }
      // The grid knows only this page: rows selected on other pages stay, this page's follow the model.
      // The header checkbox selects this page (as in IoT Central); "all matching" is a separate choice.
      const pageIds = new Set(rows.map((row) => row.id ?? ''));
      const otherPages = selection.ids.filter((id) => !pageIds.has(id));
      const onPage =
        model.type === 'exclude'
          ? [...pageIds].filter((id) => !model.ids.has(id))
          : modelIds.filter((id) => pageIds.has(id));
      const ids = [...otherPages, ...onPage];
      return { ...state, selection: { kind: 'ids', ids }, known: snapshots(ids, state.known, rows) };
    }
    case 'selectAllMatching':
      return {
        ...state,
        selection: { kind: 'filter', filter: state.filter, count: event.count, excludedIds: [] },
      };
    case 'clear':
      return { ...state, selection: EMPTY_SELECTION, known: new Map() };
    case 'filterChanged': {
      if (event.filter === state.filter) return state;
      const count = selectionCount(state.selection);
      // A selection never disappears silently: the count cleared is kept until it is told.
      return { ...initialSelection(event.filter), ...(count > 0 ? { clearedCount: count } : {}) };
    }
    case 'clearedTold': {
      if (state.clearedCount === undefined) return state;
      const { clearedCount: _told, ...rest } = state;
      return rest;
    }
  }
}

/** The grid's model for a selection. */
export function toGridModel(selection: DeviceSelection): { type: 'include' | 'exclude'; ids: Set<string> } {
  return selection.kind === 'ids'
    ? { type: 'include', ids: new Set(selection.ids) }
    : { type: 'exclude', ids: new Set(selection.excludedIds) };
}

/** The selected devices, each as fresh as known: this page's row, else the snapshot taken when it was selected. */
export function selectedDevices(state: SelectionState, rows: readonly ExtendedDevice[]): ExtendedDevice[] {
  if (state.selection.kind !== 'ids') return [];
  const onPage = new Map(rows.map((row) => [row.id ?? '', row]));
  return state.selection.ids
    .map((id) => onPage.get(id) ?? state.known.get(id))
    .filter((d) => d !== undefined);
}

/** The devices the actions may read, by ID: the snapshots with this page's rows on top. */
export function devicesById(
  state: SelectionState,
  rows: readonly ExtendedDevice[],
): Map<string, ExtendedDevice> {
  const merged = new Map(state.known);
  for (const row of rows) if (row.id) merged.set(row.id, row);
  return merged;
}

/** How many selected devices are on this page (to say when a selection spans several pages). */
export function selectedOnPage(selection: DeviceSelection, rows: readonly ExtendedDevice[]): number {
  if (selection.kind !== 'ids') return rows.length;
  const ids = new Set(selection.ids);
  return rows.filter((row) => ids.has(row.id ?? '')).length;
}
