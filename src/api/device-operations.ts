// Demo extension endpoints for bulk device operations (see extensions.ts and the README's API notes):
// a CSV import runs on the backend in batches, an export fetches its rows with the keys derived.
import { request } from './client';
import type {
  DeviceExportPage,
  DeviceExportRequest,
  DeviceImportRequest,
  DeviceImportResult,
  DeviceOperationRecord,
  DeviceOperationStart,
  DeviceOperationUpdate,
} from './extensions';

/** A batch is keyed by device ID (create, skip or update each), so sending it twice changes nothing more. */
export function importDevices(body: DeviceImportRequest, signal?: AbortSignal) {
  return request<DeviceImportResult>('POST', '/extensions/deviceImports', { body, signal, isIdempotent: true });
}

/** Reads only. */
export function exportDevices(body: DeviceExportRequest, signal?: AbortSignal) {
  return request<DeviceExportPage>('POST', '/extensions/deviceExports', { body, signal, isIdempotent: true });
}

/** The Device operations' reports, newest first (every tab and operator reads the same). */
export async function listDeviceOperations(signal?: AbortSignal): Promise<DeviceOperationRecord[]> {
  const page = await request<{ value: DeviceOperationRecord[] }>('GET', '/extensions/deviceOperations', { signal });
  return page.value;
}

/** Starts an operation's report; sending it again returns the report that exists. */
export function startDeviceOperation(id: string, body: DeviceOperationStart) {
  return request<DeviceOperationRecord>('PUT', `/extensions/deviceOperations/${encodeURIComponent(id)}`, {
    body,
    isIdempotent: true,
  });
}

/** Says how this page's run of the operation ended, or that it runs again. */
export function updateDeviceOperation(id: string, body: DeviceOperationUpdate) {
  return request<DeviceOperationRecord>('PATCH', `/extensions/deviceOperations/${encodeURIComponent(id)}`, {
    body,
    isIdempotent: true,
  });
}
