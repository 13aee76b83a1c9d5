import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { demoControls } from '../mocks/http';
import { server, store } from '../mocks/node';
import { isRetryable, ApiError } from './client';
import { configureApi } from './config';
import { getDevice, listDevices, updateDevice } from './devices';
import { listEnrollmentGroups } from './enrollment-groups';
import { updateConnectionSettings } from './settings';

const fail = (status: number, headers: Record<string, string> = {}) =>
  HttpResponse.json({ error: { code: `E${status}`, message: `failed with ${status}` } }, { status, headers });

describe('client retries', () => {
  it('retries a GET after server errors and a dropped connection, then succeeds', async () => {
    let calls = 0;
    server.use(
      http.get('*/api/devices/:id', () => {
        calls += 1;
        if (calls === 1) return fail(500);
        if (calls === 2) return HttpResponse.error();
        return undefined;
      }),
    );
    expect((await getDevice('thermostat-0001')).id).toBe('thermostat-0001');
    expect(calls).toBe(3);
  });

  it('honours Retry-After on 429, for any method', async () => {
    let calls = 0;
    const started = Date.now();
    server.use(
      http.patch('*/api/devices/:id', () => {
        calls += 1;
        return calls === 1 ? fail(429, { 'Retry-After': '1' }) : undefined;
      }),
    );
    await updateDevice('thermostat-0001', { displayName: 'Renamed' });
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(store.devices.get('thermostat-0001')?.displayName).toBe('Renamed');
  });

  it('never resends a PATCH whose answer was lost, since it may have been applied', async () => {
    let calls = 0;
    server.use(
      http.patch('*/api/devices/:id', () => {
        calls += 1;
        return HttpResponse.error();
      }),
    );
    await expect(updateDevice('thermostat-0001', { enabled: false })).rejects.toMatchObject({ status: 0, code: 'NetworkError' });
    expect(calls).toBe(1);
  });

  it('gives up after four attempts and reports the last error', async () => {
    let calls = 0;
    server.use(
      http.get('*/api/devices', () => {
        calls += 1;
        return fail(502);
      }),
    );
    await expect(listDevices()).rejects.toMatchObject({ status: 502 });
    expect(calls).toBe(4);
  });

  it('classifies what is safe to retry', () => {
    const e = (status: number) => new ApiError({ status, code: 'x', message: 'x' });
    expect(isRetryable('GET', e(0))).toBe(true);
    expect(isRetryable('DELETE', e(500))).toBe(true);
    expect(isRetryable('PATCH', e(500))).toBe(false);
    expect(isRetryable('POST', e(0))).toBe(false);
    expect(isRetryable('POST', e(0), true)).toBe(true);
    expect(isRetryable('PATCH', e(429))).toBe(true);
    expect(isRetryable('GET', e(404))).toBe(false);
    expect(isRetryable('PUT', e(412))).toBe(false);
  });

  it('reads through the demo backend injecting faults into 10% of requests', async () => {
    // Four attempts each: a read fails only if all four are faulted (1 in 10,000).
    Object.assign(demoControls, { faultRate: 0.1, faultKinds: ['5xx', 'drop'] });
    for (let i = 0; i < 10; i++) {
      const page = await listDevices({ top: 5 });
      expect(page.value).toHaveLength(5);
    }
  });
});

describe('roles', () => {
  it('answers 403 in the error envelope when an operator calls the admin endpoints', async () => {
    configureApi({ getAuthHeader: () => 'SharedAccessSignature sr=demo&sig=demo&skn=operator&se=4102444800' });
    try {
      await expect(listEnrollmentGroups()).rejects.toMatchObject({ status: 403, code: 'Forbidden' });
      await expect(updateConnectionSettings({ autoApprove: false })).rejects.toMatchObject({ status: 403 });
      // Operators still work on devices.
      expect((await listDevices({ top: 1 })).value).toHaveLength(1);
      expect(store.settings.autoApprove).toBe(true);
    } finally {
      configureApi({ getAuthHeader: () => 'SharedAccessSignature sr=test&sig=test&skn=administrator&se=4102444800' });
    }
  });
});
