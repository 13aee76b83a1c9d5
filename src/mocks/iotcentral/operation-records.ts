// The Device operations' reports (GET/PUT/PATCH /api/extensions/deviceOperations): kept in the store, so
// every tab and every operator reads the same report, after a reload too. The page that runs an import or
// an export sends its batches; the batch handlers count each batch into the report in the same commit as
// the batch's writes (countBatch), so the report says what was done, and a batch sent twice counts once.
// The rules are lib/device-operation-records.ts, which the gateway shares.
import { http, HttpResponse } from 'msw';
import {
  findOperation,
  OPERATION_ID_PATTERN,
  publicRecord,
  readOperationStart,
  readOperationUpdate,
  startOperationRecord,
  updateOperationRecord,
} from '../../lib/device-operation-records';
import { badRequest, notFound } from '../../lib/domain-error';
import { handler } from '../http';
import type { Store } from '../store/store';

export function operationRecordHandlers(store: Store) {
  return [
    http.get(
      '*/api/extensions/deviceOperations',
      handler(() => {
        const now = store.now();
        return HttpResponse.json({ value: store.operations.map((op) => publicRecord(op, now)) });
      }),
    ),
    http.put(
      '*/api/extensions/deviceOperations/:operationId',
      handler(async ({ params, json }) => {
        const id = params.operationId as string;
        if (!OPERATION_ID_PATTERN.test(id)) {
          throw badRequest('An operation ID is up to 64 letters, digits, "-" or "_" (a UUID, for example).');
        }
        const isNew = findOperation(store, id) === undefined;
        const entry = startOperationRecord(store, id, readOperationStart(await json()));
        if (isNew) store.changed();
        return HttpResponse.json(publicRecord(entry, store.now()), { status: isNew ? 201 : 200 });
      }),
    ),
    http.patch(
      '*/api/extensions/deviceOperations/:operationId',
      handler(async ({ params, json }) => {
        const update = readOperationUpdate(await json());
        const entry = findOperation(store, params.operationId as string);
        if (!entry) throw notFound(`Device operation "${params.operationId}"`);
        updateOperationRecord(store, entry, update);
        store.changed();
        return HttpResponse.json(publicRecord(entry, store.now()));
      }),
    ),
  ];
}
