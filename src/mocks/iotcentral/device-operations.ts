// Demo extensions for bulk device operations (api/extensions.ts): the CSV import (device-imports.ts),
// the export (device-exports.ts) and their reports (operation-records.ts). In the page they give it turns (lib/page-turns.ts), so that
// 100,000 devices never freeze it.
import { http, HttpResponse } from 'msw';
import { handler } from '../http';
import type { Store } from '../store/store';
import type { RememberedImports } from '../../lib/device-import-batch';
import { readExportRequest, readImportRequest } from '../../lib/device-operation-requests';
import { exportPage } from './device-exports';
import { runImportBatch } from './device-imports';
import { operationRecordHandlers } from './operation-records';

export function deviceOperationHandlers(store: Store) {
  const remembered: RememberedImports = new Map();
  return [
    http.post(
      '*/api/extensions/deviceImports',
      handler(async ({ json }) => HttpResponse.json(await runImportBatch(store, readImportRequest(await json()), remembered))),
    ),
    http.post(
      '*/api/extensions/deviceExports',
      handler(async ({ json }) => HttpResponse.json(await exportPage(store, readExportRequest(await json())))),
    ),
    ...operationRecordHandlers(store),
  ];
}
