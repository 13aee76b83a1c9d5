// The requests of the bulk device operations (POST /api/extensions/deviceImports and deviceExports), read
// and checked once for both backends that answer them: the demo backend (mocks/iotcentral) and the gateway
// (server/gateway/device-operations.ts), which takes smaller batches (`max`) because it works through the
// public API device by device.
import type { DeviceExportRequest, DeviceImportRequest } from '../api/extensions';
import { DEVICE_OPERATION_BATCH_MAX as BATCH_MAX } from './device-operation-limits';
import { OPERATION_ID_PATTERN, readBatchIndex } from './device-operation-records';
import { badRequest } from './domain-error';

export function readImportRequest(body: Record<string, unknown>, max = BATCH_MAX): DeviceImportRequest {
  const { devices, template, existing, dryRun, operationId, batch } = body;
  if (!Array.isArray(devices) || devices.length === 0)
    throw badRequest('"devices" must be a list of { id, displayName }.');
  if (devices.length > max) {
    throw badRequest(
      `A request carries at most ${max} devices; this one has ${devices.length}. Send the rest in further requests.`,
    );
  }
  for (const [i, device] of devices.entries()) {
    const d = device as { id?: unknown; displayName?: unknown } | null;
    if (!d || typeof d !== 'object' || typeof d.id !== 'string')
      throw badRequest(`devices[${i}].id must be text.`);
    if (d.displayName !== undefined && typeof d.displayName !== 'string')
      throw badRequest(`devices[${i}].displayName must be text.`);
    const { line } = d as { line?: unknown };
    if (line !== undefined && (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 0))
      throw badRequest(`devices[${i}].line must be the row's line number in the file.`);
  }
  if (existing !== 'skip' && existing !== 'update')
    throw badRequest('"existing" must be "skip" or "update".');
  if (template !== undefined && template !== null && typeof template !== 'string')
    throw badRequest('"template" must be a device template ID.');
  if (dryRun !== undefined && typeof dryRun !== 'boolean')
    throw badRequest('"dryRun" must be true or false.');
  if (operationId !== undefined && (typeof operationId !== 'string' || !OPERATION_ID_PATTERN.test(operationId))) {
    throw badRequest('"operationId" must be up to 64 letters, digits, "-" or "_" (a UUID, for example).');
  }
  return {
    devices: devices as DeviceImportRequest['devices'],
    template: typeof template === 'string' && template !== '' ? template : undefined,
    existing,
    dryRun: dryRun === true,
    operationId: operationId as string | undefined,
    batch: readBatchIndex(batch),
  };
}

function readStringList(body: Record<string, unknown>, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw badRequest(`"${field}" must be a list of device IDs.`);
  return value as string[];
}

export function readExportRequest(body: Record<string, unknown>, max = BATCH_MAX): DeviceExportRequest {
  const ids = readStringList(body, 'ids');
  const excludedIds = readStringList(body, 'excludedIds');
  const { filter, top, skipToken, operationId, batch } = body;
  if (operationId !== undefined && (typeof operationId !== 'string' || !OPERATION_ID_PATTERN.test(operationId))) {
    throw badRequest('"operationId" must be up to 64 letters, digits, "-" or "_" (a UUID, for example).');
  }
  if (ids !== undefined && ids.length > max) {
    throw badRequest(
      `A request carries at most ${max} device IDs; this one has ${ids.length}. Send the rest in further requests.`,
    );
  }
  if (ids !== undefined && filter !== undefined) throw badRequest('Send either "ids" or "filter", not both.');
  if (filter !== undefined && typeof filter !== 'string')
    throw badRequest('"filter" must be an OData $filter expression.');
  if (top !== undefined && (!Number.isInteger(top) || (top as number) < 1 || (top as number) > max)) {
    throw badRequest(`"top" must be a whole number from 1 to ${max}.`);
  }
  if (skipToken !== undefined && typeof skipToken !== 'string')
    throw badRequest('"skipToken" must be the skipToken of the previous page.');
  return {
    ids,
    excludedIds,
    filter: filter as string | undefined,
    top: top as number | undefined,
    skipToken: skipToken as string | undefined,
    operationId: operationId as string | undefined,
    batch: readBatchIndex(batch),
  };
}
