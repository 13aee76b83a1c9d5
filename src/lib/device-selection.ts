// What an operator selected in the Devices grid: some devices by ID (possibly across pages), or
// every device matching the current filter (optionally minus some), with its count.
export type DeviceSelection =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'filter'; filter: string | undefined; count: number; excludedIds: string[] };

export const EMPTY_SELECTION: DeviceSelection = { kind: 'ids', ids: [] };

export function selectionCount(selection: DeviceSelection): number {
  return selection.kind === 'ids' ? selection.ids.length : Math.max(0, selection.count - selection.excludedIds.length);
}
