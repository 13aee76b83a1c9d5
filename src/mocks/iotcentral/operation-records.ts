// The Device operations' reports (GET/PUT/PATCH /api/extensions/deviceOperations): kept in the store, so
// every tab and every operator reads the same report, after a reload too. The page that runs an import or
// an export sends its batches; the batch handlers count each batch into the report in the same commit as
// the batch's writes (countBatch), so the report says what was done, and a batch sent twice counts once.
// The rules are lib/device-operation-records.ts, which the gateway shares.
import { http, HttpResponse } from 'msw';
import { listOperationRecords, patchOperationRecord, putOperationRecord } from '../../lib/device-operation-records';
import { handler } from '../http';
import type { Store } from '../store/store';

export function operationRecordHandlers(store: Store) {
  return [
    http.get(
      '*/api/extensions/deviceOperations',
      handler(() => HttpResponse.json(listOperationRecords(store))),
    ),
    http.put(
      '*/api/extensions/deviceOperations/:operationId',
      handler(async ({ params, json }) => {
        const { record, isNew } = putOperationRecord(store, params.operationId as string, await json());
        if (isNew) store.changed();
        return HttpResponse.json(record, { status: isNew ? 201 : 200 });
      }),
    ),
    http.patch(
      '*/api/extensions/deviceOperations/:operationId',
      handler(async ({ params, json }) => {
        const record = patchOperationRecord(store, params.operationId as string, await json());
        store.changed();
        return HttpResponse.json(record);
      }),
    ),
  ];
}
