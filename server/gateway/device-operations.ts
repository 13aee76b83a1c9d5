// Import and Export in real-application mode: the gateway answers the demo's extension routes for them
// (POST /extensions/deviceImports and /extensions/deviceExports, the reports at /extensions/deviceOperations)
// itself, so the page's client is the same in both modes, and does the work device by device through the
// public API with the application's token, paced (paced-client.ts). Requests are read, batches counted and
// reports kept by the demo's rules (src/lib/device-operation-*.ts, device-import-batch.ts); reports live in
// the gateway's SQLite file (operation-reports.ts).
//   Import, per device: GET /devices/{id}; 404 → PUT /devices/{id} (with the template, if chosen); found →
//   skipped, unless the operator chose Update and the name or template differ: PUT with its etag.
//   Export, per device: GET /devices/{id} (or a page of GET /devices for a filter), its attestation (404:
//   none of its own) and, for a device without one, GET /devices/{id}/credentials for its group's keys
//   (asked only then: one request fewer per device for the pacing).
import type {
  DeviceExportPage,
  DeviceExportRecord,
  DeviceExportRequest,
  DeviceImportRequest,
  DeviceImportResult,
  DeviceOperationFailure,
} from '../../src/api/extensions';
import type { Attestation, Device, DeviceCredentials } from '../../src/api/types';
import { exportRecordOf } from '../../src/lib/device-export-record';
import {
  importUpdate,
  runImportRows,
  type ImportOutcome,
  type ImportRow,
  type RememberedImports,
} from '../../src/lib/device-import-batch';
import {
  countBatch,
  findOperation,
  listOperationRecords,
  patchOperationRecord,
  publicRecord,
  putOperationRecord,
} from '../../src/lib/device-operation-records';
import { RUNNING_SILENCE_MS } from '../../src/lib/device-operation-limits';
import { readExportRequest, readImportRequest } from '../../src/lib/device-operation-requests';
import { badRequest, DomainError, unknownTemplate } from '../../src/lib/domain-error';
import { API_ROUTES, matchRouteIn, routeTable, type ApiRoute } from '../../src/mocks/routes';
import { ODATA_LIST_OPTIONS } from './allow-list';
import { HttpError } from '../http-body';
import type { OperationReports } from './operation-reports';
import { AppRequestError, type PacedClient } from './paced-client';

/**
 * Devices per import or export request to the gateway, which the capabilities announce to the page. Each
 * device is two or three requests to the application, a few at a time: a batch of 50 takes seconds, so
 * progress and Cancel stay meaningful and a batch ends well within the page's silence limit.
 */
export const GATEWAY_BATCH_SIZE = 50;

/** The query options a filter export's skipToken (the application's nextLink query) may carry. */
const LIST_OPTIONS: ReadonlySet<string> = new Set(ODATA_LIST_OPTIONS);

/** The Retry-After the gateway gives the page when the application stayed busy through every retry. */
const BUSY_RETRY_AFTER_S = 10;

const OPERATION_PATHS = ['/extensions/deviceImports', '/extensions/deviceExports', '/extensions/deviceOperations'];

/** The routes the gateway answers itself: the console's route table says who may call them. */
export const OPERATION_ROUTES: readonly ApiRoute[] = API_ROUTES.filter((route) =>
  OPERATION_PATHS.some((path) => route.path === path || route.path.startsWith(`${path}/`)),
);
const operationTable = routeTable(OPERATION_ROUTES);

export function matchOperationRoute(method: string, pathname: string) {
  return matchRouteIn(operationTable, method, pathname);
}

export interface GatewayAnswer {
  status: number;
  body: unknown;
}

const reasonOf = (error: unknown): string => {
  if (error instanceof AppRequestError) return error.message;
  throw error;
};

export function createDeviceOperations(options: { client: PacedClient; reports: OperationReports }) {
  const { client, reports } = options;
  const remembered: RememberedImports = new Map();

  /**
   * While a batch runs (a paced one can take a while when the application asks for patience), its report
   * says the page is still there: without this every other tab would read it as stopped after
   * RUNNING_SILENCE_MS.
   */
  async function keepingAlive<T>(operationId: string | undefined, work: () => Promise<T>): Promise<T> {
    const entry = operationId === undefined ? undefined : findOperation(reports, operationId);
    if (!entry) return work();
    const timer = setInterval(() => {
      if (entry.status !== 'running') return;
      entry.updatedAt = reports.now().toISOString();
      reports.save();
    }, RUNNING_SILENCE_MS / 3);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  async function importRow(req: DeviceImportRequest, row: ImportRow): Promise<ImportOutcome> {
    try {
      const params = { deviceId: row.id };
      const found = await client.request<Device>('GET', '/devices/{deviceId}', params);
      if (found.status === 404) {
        if (req.dryRun) return 'created';
        const body = { displayName: row.name, enabled: true, ...(req.template ? { template: req.template } : {}) };
        await client.request('PUT', '/devices/{deviceId}', params, { body });
        return 'created';
      }
      const device = found.body;
      const update = importUpdate(req, row, device);
      if (!update) return 'skipped';
      if (req.dryRun) return 'updated';
      // The device as it is (a PUT replaces it: every writable field it has), with the file's name and the
      // template, if chosen; its etag, in the body as the API defines it and as If-Match, so a device changed
      // since the GET is not overwritten.
      const { id: _id, provisioned: _provisioned, ...writable } = device;
      const body = { ...writable, displayName: update.displayName, ...(update.template ? { template: update.template } : {}) };
      const put = await client.request('PUT', '/devices/{deviceId}', params, {
        body,
        ...(device.etag ? { ifMatch: device.etag } : {}),
      });
      if (put.status === 404) return { reason: 'The device was deleted in IoT Central while this import ran.' };
      return 'updated';
    } catch (error) {
      if (error instanceof AppRequestError && error.status === 412)
        return { reason: 'The device changed in IoT Central while this import ran. Import the same file again.' };
      return { reason: reasonOf(error) };
    }
  }

  async function runImport(req: DeviceImportRequest): Promise<DeviceImportResult> {
    if (req.template !== undefined) {
      const template = await client.request('GET', '/deviceTemplates/{templateId}', { templateId: req.template });
      if (template.status === 404) throw unknownTemplate(req.template);
    }
    const { result, counts } = await keepingAlive(req.dryRun ? undefined : req.operationId, () =>
      runImportRows(req, remembered, (rows) => Promise.all(rows.map((row) => importRow(req, row)))),
    );
    const operation = req.dryRun ? undefined : countBatch(reports, req.operationId, req.batch, counts);
    if (!operation) return result;
    reports.save();
    return { ...result, operation: publicRecord(operation, reports.now()) };
  }

  /** An export row for `device`, or the reason it could not be read. */
  async function exportRow(device: Device & { id: string }): Promise<DeviceExportRecord | { reason: string }> {
    try {
      const params = { deviceId: device.id };
      const attestation = await client.request<Attestation>('GET', '/devices/{deviceId}/attestation', params);
      const type = attestation.status === 404 ? undefined : attestation.body?.type;
      if (type === 'symmetricKey' || type === 'x509' || type === 'tpm')
        return await exportRecordOf(rowName(device), attestation.body, undefined);
      // No attestation of its own (or one the console cannot read): it connects with the keys its
      // credentials carry, its group's.
      const credentials = await client.request<DeviceCredentials>('GET', '/devices/{deviceId}/credentials', params);
      return await exportRecordOf(rowName(device), undefined, credentials.body?.symmetricKey);
    } catch (error) {
      return { reason: reasonOf(error) };
    }
  }

  async function exportIds(ids: readonly string[]) {
    return Promise.all(
      ids.map(async (id) => {
        try {
          const found = await client.request<Device>('GET', '/devices/{deviceId}', { deviceId: id });
          if (found.status === 404) return 'missing' as const;
          return await exportRow({ ...found.body, id });
        } catch (error) {
          return { reason: reasonOf(error) };
        }
      }),
    ).then((rows) => ({ ids, rows }));
  }

  async function exportFilterPage(req: DeviceExportRequest) {
    const query = req.skipToken === undefined ? firstPageQuery(req) : skipTokenQuery(req.skipToken);
    const list = await client.request<{ value: (Device & { id: string })[]; nextLink?: string }>('GET', '/devices', {}, { query });
    const excluded = new Set(req.excludedIds ?? []);
    const devices = (list.body?.value ?? []).filter((device) => !excluded.has(device.id));
    const rows = await Promise.all(devices.map((device) => exportRow(device)));
    const next = list.body?.nextLink;
    return {
      ids: devices.map((device) => device.id),
      rows,
      ...(next ? { skipToken: Buffer.from(new URL(next, 'http://app.invalid').search.slice(1)).toString('base64url') } : {}),
    };
  }

  async function runExport(req: DeviceExportRequest): Promise<DeviceExportPage> {
    const { ids, rows, skipToken } = await keepingAlive(req.operationId, async () =>
      req.ids !== undefined ? { ...(await exportIds(req.ids)), skipToken: undefined } : exportFilterPage(req),
    );
    const value: DeviceExportRecord[] = [];
    const notFound: string[] = [];
    const failed: DeviceOperationFailure[] = [];
    rows.forEach((row, i) => {
      const id = ids[i] as string;
      if (row === 'missing') notFound.push(id);
      else if ('reason' in row) failed.push({ line: 0, id, name: '', reasons: [row.reason] });
      else value.push(row);
    });
    const page: DeviceExportPage = {
      value,
      ...(skipToken ? { skipToken } : {}),
      ...(notFound.length > 0 ? { notFound } : {}),
    };
    const operation = countBatch(reports, req.operationId, req.batch, {
      processed: rows.length,
      missing: notFound.length,
      failed,
    });
    if (!operation) return page;
    reports.save();
    return { ...page, operation: publicRecord(operation, reports.now()) };
  }

  return {
    /** Answers one of OPERATION_ROUTES (the caller checked the session, the role and the site). */
    async answer(route: ApiRoute, pathname: string, body: Record<string, unknown>): Promise<GatewayAnswer> {
      try {
        if (route.path === '/extensions/deviceImports')
          return { status: 200, body: await runImport(readImportRequest(body, GATEWAY_BATCH_SIZE)) };
        if (route.path === '/extensions/deviceExports')
          return { status: 200, body: await runExport(readExportRequest(body, GATEWAY_BATCH_SIZE)) };
        if (route.method === 'GET') return { status: 200, body: listOperationRecords(reports) };
        const id = decodeURIComponent(pathname.split('/').at(-1) ?? '');
        if (route.method === 'PUT') {
          const { record, isNew } = putOperationRecord(reports, id, body);
          if (isNew) reports.save();
          return { status: isNew ? 201 : 200, body: record };
        }
        const record = patchOperationRecord(reports, id, body);
        reports.save();
        return { status: 200, body: record };
      } catch (error) {
        if (error instanceof DomainError) throw new HttpError(error.status, error.code, error.message);
        // A busy application: the page retries the batch (a replay) after the Retry-After.
        if (error instanceof AppRequestError && (error.status === 429 || error.status === 503))
          throw new HttpError(503, 'ServiceUnavailable', error.message, { 'Retry-After': String(BUSY_RETRY_AFTER_S) });
        if (error instanceof AppRequestError) throw new HttpError(502, 'BadGateway', error.message);
        throw error;
      }
    },
  };
}

export type DeviceOperations = ReturnType<typeof createDeviceOperations>;

const rowName = (device: Device & { id: string }) => ({ id: device.id, displayName: device.displayName ?? device.id });

function firstPageQuery(req: DeviceExportRequest): string {
  const top = `$top=${req.top ?? GATEWAY_BATCH_SIZE}`;
  return req.filter ? `${top}&$filter=${encodeURIComponent(req.filter)}` : top;
}

/** The application's nextLink query, kept verbatim as the gateway forwards it; list options only, api-version dropped. */
function skipTokenQuery(token: string): string {
  const parts = Buffer.from(token, 'base64url').toString('utf8').split('&');
  const kept = parts.filter((part) => !part.startsWith('api-version='));
  const keyOf = (part: string) => {
    try {
      return decodeURIComponent(part.split('=')[0] ?? '');
    } catch {
      return '';
    }
  };
  if (kept.some((part) => !LIST_OPTIONS.has(keyOf(part))))
    throw badRequest('The skipToken is not valid. Start the export again.');
  return kept.join('&');
}
