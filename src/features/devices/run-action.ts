// Running a device action: the devices of a selection, and one device's run with its retries. Loaded when an
// action first runs (mutations.ts), so that the first load carries only what draws the grid.
import { getDevice, iterateDevices } from '../../api/devices';
import { ApiError } from '../../api/client';
import type { ExtendedDevice } from '../../api/extensions';
import type { BulkOutcome } from '../../lib/bulk';
import { skipReason } from '../../lib/device-actions';
import type { DeviceSelection } from '../../lib/device-selection';
import type { DeviceAction } from './actions';

/** Collects the devices of a selection: the known rows, or every device matching the filter. */
export async function resolveSelection(
  selection: DeviceSelection,
  known: Map<string, ExtendedDevice>,
  signal: AbortSignal,
  onFound: (n: number) => void,
): Promise<ExtendedDevice[]> {
  if (selection.kind === 'ids') return selection.ids.map((id) => known.get(id) ?? { id });
  const excluded = new Set(selection.excludedIds);
  const devices: ExtendedDevice[] = [];
  for await (const page of iterateDevices({ filter: selection.filter, top: 100 }, signal)) {
    for (const device of page) if (!excluded.has(device.id ?? '')) devices.push(device);
    onFound(devices.length);
  }
  return devices;
}

/** Enough that at 10% failing requests, 10,000 devices all get through (0.1^6 per device). */
const ATTEMPTS = 6;

/** A failure after which the request may or may not have been applied (the client gave up retrying). */
function isUncertain(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);
}

/**
 * Runs an action on one device of a bulk run. When an answer is lost or the server fails, it looks
 * at the device before trying again, so an action is never applied twice and a lost success counts.
 */
export async function runDeviceAction(
  action: DeviceAction,
  device: ExtendedDevice,
  signal: AbortSignal | undefined,
  options: { template?: string; onApplied?: (after: ExtendedDevice | undefined) => void } = {},
): Promise<BulkOutcome> {
  if (action.name === 'migrate' && action.isDone(device, options)) {
    return { kind: 'skipped', reason: 'already uses that template' };
  }
  const reason = skipReason(action.name, device);
  if (reason) return { kind: 'skipped', reason };
  const id = device.id ?? '';
  let current = device;
  let mayHaveApplied = false;
  for (let attempt = 1; ; attempt++) {
    try {
      options.onApplied?.(await action.run(current, signal, options));
      return { kind: 'done' };
    } catch (error) {
      if (action.name === 'delete' && error instanceof ApiError && error.status === 404) {
        if (!mayHaveApplied) return { kind: 'skipped', reason: 'already deleted' };
        options.onApplied?.(undefined);
        return { kind: 'done' };
      }
      // A 412 after an uncertain attempt may be our own earlier write: look before calling it a conflict.
      const isOwnConflict = mayHaveApplied && error instanceof ApiError && error.status === 412;
      if ((!isUncertain(error) && !isOwnConflict) || attempt >= ATTEMPTS) throw error;
      mayHaveApplied = true;
      const fresh = await getDevice(id, signal).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404 && action.name === 'delete') return null;
        if (isUncertain(e)) return undefined; // could not look: try again with what we have
        throw e;
      });
      if (fresh === null) {
        options.onApplied?.(undefined);
        return { kind: 'done' };
      }
      if (fresh) {
        if (action.isDone(fresh, options)) {
          options.onApplied?.(fresh);
          return { kind: 'done' };
        }
        current = fresh;
      }
    }
  }
}
