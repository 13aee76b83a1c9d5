// IoT Central's /devices API (2022-07-31), with the demo's extensions ($count, extension fields).
import { http, HttpResponse } from 'msw';
import { checkDeviceId, checkDeviceName } from '../../lib/device-id';
import { registerByOperator, setEnabled, type LifecycleState } from '../../lib/device-lifecycle';
import { badRequest, DomainError, notFound, unknownTemplate } from '../../lib/domain-error';
import { checkEtag, handler } from '../http';
import type { Store } from '../store/store';
import type { DeviceRecord } from '../store/types';
import { listDevicesPage } from './device-list';
import { toDeviceActivity } from '../hub/hub-rules';
import { addHistory, applyDeviceChange, findDevice, toApiDevice } from './device-records';

function checkTemplate(store: Store, template: unknown): string | undefined {
  if (template === undefined || template === null || template === '') return undefined;
  if (typeof template !== 'string') throw badRequest('"template" must be a device template ID.');
  if (!store.templates.has(template)) throw unknownTemplate(template);
  return template;
}

function checkBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`"${field}" must be true or false.`);
  return value;
}

function checkName(body: Record<string, unknown>, fallback: string): string {
  const name = body.displayName;
  if (name === undefined || name === null || name === '') return fallback;
  if (typeof name !== 'string') throw badRequest('"displayName" must be text.');
  const problem = checkDeviceName(name);
  if (problem) throw badRequest(problem);
  return name;
}

export function createDeviceRecord(
  store: Store,
  id: string,
  fields: { displayName?: string; template?: string; simulated?: boolean; enabled?: boolean },
  action: 'created' | 'imported',
): DeviceRecord {
  const record: DeviceRecord = {
    id,
    displayName: fields.displayName ?? id,
    simulated: fields.simulated ?? false,
    organizations: [],
    etag: store.nextEtag(),
    ...registerByOperator(fields.template, fields.enabled ?? true),
    history: [],
  };
  addHistory(store, record, action, 'operator');
  store.devices.set(id, record);
  return record;
}

export function deviceHandlers(store: Store) {
  return [
    http.get(
      '*/api/devices',
      handler(({ url }) => HttpResponse.json(listDevicesPage(store, url))),
    ),

    http.get(
      '*/api/devices/:deviceId',
      handler(({ params }) => HttpResponse.json(toApiDevice(store, findDevice(store, params.deviceId as string)))),
    ),

    http.put(
      '*/api/devices/:deviceId',
      handler(async ({ params, json }) => {
        const id = params.deviceId as string;
        const problem = checkDeviceId(id);
        if (problem) throw badRequest(problem.message);
        const body = await json();
        const existing = store.devices.get(id);
        const fields = {
          displayName: checkName(body, existing?.displayName ?? id),
          template: checkTemplate(store, body.template),
          simulated: checkBoolean(body, 'simulated'),
          enabled: checkBoolean(body, 'enabled'),
        };
        if (existing) {
          checkEtag(body, existing.etag, `Device "${id}"`);
          // Every check comes before the first write: a refused request changes nothing.
          const lifecycle = fields.enabled === undefined ? undefined : enabledTransition({ ...existing, template: fields.template }, fields.enabled);
          applyDeviceChange(store, existing, { displayName: fields.displayName, template: fields.template ?? null, simulated: fields.simulated, lifecycle });
          store.changed(existing);
          return HttpResponse.json(toApiDevice(store, existing));
        }
        const record = createDeviceRecord(store, id, fields, 'created');
        store.changed();
        return HttpResponse.json(toApiDevice(store, record));
      }),
    ),

    http.patch(
      '*/api/devices/:deviceId',
      handler(async ({ params, json }) => {
        const record = findDevice(store, params.deviceId as string);
        const body = await json();
        checkEtag(body, record.etag, `Device "${record.id}"`);
        // Every field is checked before the first write: a refused request changes nothing.
        const name = 'displayName' in body ? checkName(body, record.id) : undefined;
        const template = 'template' in body ? checkTemplate(store, body.template) : record.template;
        const simulated = checkBoolean(body, 'simulated');
        const enabled = checkBoolean(body, 'enabled');
        const lifecycle = enabled === undefined ? undefined : enabledTransition({ ...record, template }, enabled);
        applyDeviceChange(store, record, { displayName: name, template: template ?? null, simulated, lifecycle });
        store.changed(record);
        return HttpResponse.json(toApiDevice(store, record));
      }),
    ),

    http.delete(
      '*/api/devices/:deviceId',
      handler(({ params }) => {
        const id = params.deviceId as string;
        if (!store.devices.delete(id)) throw notFound(`Device "${id}"`);
        store.changed();
        return new HttpResponse(null, { status: 204 });
      }),
    ),

    http.get(
      '*/api/extensions/devices/:deviceId/history',
      handler(({ params }) => HttpResponse.json({ value: findDevice(store, params.deviceId as string).history })),
    ),

    http.get(
      '*/api/extensions/devices/:deviceId/activity',
      handler(({ params }) => HttpResponse.json(toDeviceActivity(store, findDevice(store, params.deviceId as string)))),
    ),
  ];
}

/** The state PATCH/PUT { enabled } leads to; a 409 when the transition is not allowed. Writes nothing. */
function enabledTransition(record: DeviceRecord, enabled: boolean): LifecycleState {
  const result = setEnabled(record, enabled);
  if (!result.ok) throw new DomainError(409, 'Conflict', result.error.message);
  return result.state;
}
