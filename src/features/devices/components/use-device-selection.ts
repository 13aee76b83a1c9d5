// The grid's selection: devices by ID across pages, or every device matching the view.
import type { GridRowSelectionModel } from '@mui/x-data-grid';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { notify } from '../../../components/notifications';
import type { ExtendedDevice } from '../../../api/extensions';
import { EMPTY_SELECTION, selectionCount, type DeviceSelection } from '../../../lib/device-selection';

export function useDeviceSelection(filter: string | undefined, total: number) {
  const [selection, setSelection] = useState<DeviceSelection>(EMPTY_SELECTION);
  // Snapshots (with etags) of devices seen on any page, for the actions. One map for the page's
  // lifetime: it only grows, and every write happens just before a selection change re-renders.
  const [known] = useState(() => new Map<string, ExtendedDevice>());
  const [lastFilter, setLastFilter] = useState(filter);
  // A new object each time a selection is cleared that way, so that each clearing is told once.
  const [cleared, setCleared] = useState<{ count: number } | null>(null);
  if (filter !== lastFilter) {
    // A new filter or search: the old selection no longer describes what the operator sees. Clear it, and
    // say so: a selection never disappears silently.
    setLastFilter(filter);
    const count = selectionCount(selection);
    if (count > 0) setCleared({ count });
    setSelection(EMPTY_SELECTION);
  }
  useEffect(() => {
    if (!cleared) return;
    const what = cleared.count === 1 ? '1 device' : `${cleared.count.toLocaleString()} devices`;
    notify(`Selection cleared (${what}): the search or filters changed.`, 'info');
  }, [cleared]);

  const gridModel = useMemo<GridRowSelectionModel>(
    () =>
      selection.kind === 'ids'
        ? { type: 'include', ids: new Set(selection.ids) }
        : { type: 'exclude', ids: new Set(selection.excludedIds) },
    [selection],
  );

  // The grid reports its own model; turn it into the selection the operator means. The header
  // checkbox selects this page (as in IoT Central); "all matching" is a separate, explicit choice.
  const onGridChange = useCallback(
    (model: GridRowSelectionModel, rows: ExtendedDevice[]) => {
      for (const row of rows) if (row.id) known.set(row.id, row);
      const pageIds = new Set(rows.map((r) => r.id ?? ''));
      const modelIds = [...model.ids].map(String);
      setSelection((current) => {
        if (current.kind === 'filter') {
          return model.type === 'exclude' ? { ...current, excludedIds: modelIds } : EMPTY_SELECTION;
        }
        const otherPages = current.ids.filter((id) => !pageIds.has(id));
        const onPage = model.type === 'exclude' ? [...pageIds].filter((id) => !model.ids.has(id)) : modelIds.filter((id) => pageIds.has(id));
        return { kind: 'ids', ids: [...otherPages, ...onPage] };
      });
    },
    [known],
  );

  const selectAllMatching = useCallback(() => setSelection({ kind: 'filter', filter, count: total, excludedIds: [] }), [filter, total]);
  const clear = useCallback(() => setSelection(EMPTY_SELECTION), []);
  const selectOne = useCallback((device: ExtendedDevice): DeviceSelection => {
    if (device.id) known.set(device.id, device);
    return { kind: 'ids', ids: [device.id ?? ''] };
  }, [known]);

  return { selection, gridModel, onGridChange, selectAllMatching, clear, selectOne, known };
}
