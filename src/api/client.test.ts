import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../mocks/node';
import { ApiError } from './client';
import { configureApi } from './config';
import { createOrReplaceDevice, deleteDevice, getDevice, getDeviceCredentials, iterateDevices, listDevices, updateDevice } from './devices';
import { listDeviceTemplates } from './device-templates';
import { listEnrollmentGroups } from './enrollment-groups';

describe('API client against the demo backend', () => {
  it('lists devices with $filter, $orderby and $top, following nextLink to the end', async () => {
    const first = await listDevices({ top: 10, orderby: 'displayName', count: true });
    expect(first.value).toHaveLength(10);
    expect(first['@odata.count']).toBe(60);
    expect(first.nextLink).toMatch(/^http.*(%24|\$)skiptoken=/);
    const names = first.value.map((d) => d.displayName ?? '');
    // Lexicographic, as OData orders text: "machine 36" before "machine 6".
    expect([...names].sort()).toEqual(names);

    let total = 0;
    let pages = 0;
    for await (const page of iterateDevices({ top: 25 })) {
      total += page.length;
      pages += 1;
    }
    expect(total).toBe(60);
    expect(pages).toBe(3);

    const blocked = await listDevices({ filter: 'blocked eq true', top: 100 });
    expect(blocked.value.length).toBeGreaterThan(0);
    expect(blocked.value.every((d) => d.enabled === false)).toBe(true);
  });

  it('creates, reads, patches and deletes a device', async () => {
    const created = await createOrReplaceDevice('boiler-1', { displayName: 'Boiler', template: 'dtmi:com:example:Thermostat;1' });
    expect(created).toMatchObject({ id: 'boiler-1', enabled: true, provisioned: false });
    const patched = await updateDevice('boiler-1', { displayName: 'Boiler room', etag: created.etag });
    expect(patched.displayName).toBe('Boiler room');
    expect(patched.etag).not.toBe(created.etag);
    expect((await getDevice('boiler-1')).displayName).toBe('Boiler room');
    await deleteDevice('boiler-1');
    await expect(getDevice('boiler-1')).rejects.toMatchObject({ status: 404, code: 'NotFound' });
  });

  it('turns a stale etag into a 412 ApiError with a message that says what to do', async () => {
    const created = await createOrReplaceDevice('boiler-2', { displayName: 'Boiler' });
    await updateDevice('boiler-2', { displayName: 'First edit' });
    const error = await updateDevice('boiler-2', { displayName: 'Second edit', etag: created.etag }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 412, code: 'PreconditionFailed' });
    expect((error as ApiError).message).toMatch(/Refresh/);
  });

  it('maps a bad filter to a 400 ApiError from the error envelope', async () => {
    await expect(listDevices({ filter: "colour eq 'red'" })).rejects.toMatchObject({
      status: 400,
      code: 'InvalidFilter',
      message: expect.stringContaining('Unknown field "colour"'),
    });
  });

  it('rejects upper-case device IDs with the fix in the message', async () => {
    await expect(createOrReplaceDevice('Boiler-3', {})).rejects.toMatchObject({ status: 400, message: expect.stringContaining('boiler-3') });
  });

  it('gets device credentials derived from the SAS group', async () => {
    const credentials = await getDeviceCredentials('thermostat-0001');
    expect(credentials.idScope).toMatch(/^0ne[0-9A-F]{8}$/);
    expect(credentials.symmetricKey?.primaryKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('lists templates and enrollment groups', async () => {
    expect((await listDeviceTemplates()).map((t) => t['@id'])).toContain('dtmi:com:example:Thermostat;1');
    expect((await listEnrollmentGroups()).map((g) => g.id)).toEqual(['SAS-IoT-Devices']);
  });

  it('sends api-version and the configured Authorization header; 401 without one', async () => {
    let seen: URL | undefined;
    server.use(
      http.get('*/api/deviceTemplates', ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ value: [] });
      }),
    );
    await listDeviceTemplates();
    expect(seen?.searchParams.get('api-version')).toBe('2022-07-31');

    server.resetHandlers();
    configureApi({ getAuthHeader: () => undefined });
    try {
      await expect(listDeviceTemplates()).rejects.toMatchObject({ status: 401, code: 'Unauthorized' });
    } finally {
      configureApi({ getAuthHeader: () => 'Bearer test' });
    }
  });

  it('reports a non-JSON server error and a network failure as ApiErrors', async () => {
    server.use(http.get('*/api/devices/:id', () => new HttpResponse('boom', { status: 502, statusText: 'Bad Gateway' })));
    await expect(getDevice('x')).rejects.toMatchObject({ status: 502, code: 'Http502' });
    server.use(http.get('*/api/devices/:id', () => HttpResponse.error()));
    await expect(getDevice('x')).rejects.toMatchObject({ status: 0, code: 'NetworkError' });
  });
});
