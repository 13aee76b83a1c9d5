// Demo extension endpoints for bulk device operations (see extensions.ts and the README's API notes):
// a CSV import runs on the backend in batches, an export fetches its rows with the keys derived.
import { request } from './client';
import type {
  DeviceExportPage,
  DeviceExportRequest,
  DeviceImportRequest,
  DeviceImportResult,
} from './extensions';

/** A batch is keyed by device ID (create, skip or update each), so sending it twice changes nothing more. */
export function importDevices(body: DeviceImportRequest, signal?: AbortSignal) {
  return request<DeviceImportResult>('POST', '/extensions/deviceImports', { body, signal, isIdempotent: true });
}

/** Reads only. */
export function exportDevices(body: DeviceExportRequest, signal?: AbortSignal) {
  return request<DeviceExportPage>('POST', '/extensions/deviceExports', { body, signal, isIdempotent: true });
}
