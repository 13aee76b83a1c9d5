// The grid's selection in React: the pure model of selection-model.ts in a reducer, and the notice when a
// change of filter clears it.
import type { GridRowSelectionModel } from '@mui/x-data-grid';
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import { notify } from '../../../components/notifications';
import type { ExtendedDevice } from '../../../api/extensions';
import { initialSelection, selectionReducer, toGridModel } from '../selection-model';

export function useDeviceSelection(filter: string | undefined, total: number) {
  const [state, dispatch] = useReducer(selectionReducer, filter, initialSelection);
  // A new filter or search clears the selection; the reducer says how many it cleared.
  if (filter !== state.filter) dispatch({ type: 'filterChanged', filter });
  const { clearedCount } = state;
  useEffect(() => {
    if (clearedCount === undefined) return;
    const what = clearedCount === 1 ? '1 device' : `${clearedCount.toLocaleString()} devices`;
    notify(`Selection cleared (${what}): the search or filters changed.`, 'info');
    dispatch({ type: 'clearedTold' });
  }, [clearedCount]);

  const gridModel = useMemo<GridRowSelectionModel>(() => toGridModel(state.selection), [state.selection]);
  const onGridChange = useCallback(
    (model: GridRowSelectionModel, rows: readonly ExtendedDevice[]) =>
      dispatch({ type: 'grid', model: { type: model.type, ids: model.ids }, rows }),
    [],
  );
  const selectAllMatching = useCallback(() => dispatch({ type: 'selectAllMatching', count: total }), [total]);
  const clear = useCallback(() => dispatch({ type: 'clear' }), []);
  return { state, selection: state.selection, gridModel, onGridChange, selectAllMatching, clear };
}
