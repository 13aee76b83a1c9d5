// The device client (src/lib/dps-client.ts) against the demo DPS: polling as Retry-After says,
// throttling, timeouts and cancelling. The clock is simulated so no test waits.
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DpsError, registerDevice, type DpsStep } from '../../lib/dps-client';
import { DPS_GLOBAL_ENDPOINT } from '../../lib/dps-protocol';
import { deriveDeviceKey } from '../../lib/sas-keys';
import { demoControls } from '../http';
import { server, store } from '../node';
import { dpsControls } from './registrations';
import { groupPrimaryKey } from './testing';

let clock = 0;
const sleeps: number[] = [];

beforeEach(() => {
  clock = Date.now();
  sleeps.length = 0;
  vi.spyOn(Date, 'now').mockImplementation(() => clock);
  // These tests follow the hints step by step; DPS's own first hint (3 s) is checked in registrations.test.ts.
  dpsControls.retryAfterSeconds = 1;
});
afterEach(() => {
  vi.restoreAllMocks();
  dpsControls.assignmentDelayMs = 1000;
  dpsControls.retryAfterSeconds = 3;
});

const options = async (registrationId: string) => ({
  idScope: store.settings.idScope,
  registrationId,
  credential: {
    type: 'symmetricKey' as const,
    key: await deriveDeviceKey(groupPrimaryKey(), registrationId),
  },
  now: () => clock,
  sleep: async (ms: number) => {
    sleeps.push(ms);
    clock += ms;
  },
});

describe('registerDevice', () => {
  it('polls as Retry-After says until the assignment is done, reporting every step', async () => {
    dpsControls.assignmentDelayMs = 1500;
    const steps: DpsStep[] = [];
    const result = await registerDevice({ ...(await options('poll-1')), onStep: (s) => steps.push(s) });
    expect(result.status).toBe('assigned');
    expect(sleeps).toEqual([1000, 1000]);
    expect(
      steps.map((s) =>
        s.kind === 'request'
          ? s.method
          : s.kind === 'response'
            ? s.status
            : s.kind === 'wait'
              ? `wait ${s.seconds}`
              : s.kind,
      ),
    ).toEqual(['PUT', 202, 'wait 1', 'GET', 202, 'wait 1', 'GET', 200]);
    const put = steps[0];
    expect(put?.kind === 'request' && put.url).toMatch(
      /^https:\/\/global\.azure-devices-provisioning\.net\/0ne[0-9A-F]{8}\/registrations\/poll-1\/register\?api-version=2021-10-01$/,
    );
    expect(put?.kind === 'request' && put.body).toEqual({ registrationId: 'poll-1' });
    const accepted = steps[1];
    expect(accepted?.kind === 'response' && accepted.headers['retry-after']).toBe('1');
    expect(accepted?.kind === 'response' && accepted.headers.location).toMatch(
      /\/registrations\/poll-1\/operations\/5\./,
    );
  });

  it('waits and retries when DPS throttles (429 with Retry-After)', async () => {
    dpsControls.assignmentDelayMs = 0;
    let throttled = 0;
    server.use(
      http.put(`${DPS_GLOBAL_ENDPOINT}/:scope/registrations/:id/register`, () => {
        if (throttled++ > 0) return undefined;
        return HttpResponse.json(
          { errorCode: 429001, message: 'Throttled' },
          { status: 429, headers: { 'Retry-After': '7' } },
        );
      }),
    );
    await expect(registerDevice(await options('throttled-1'))).resolves.toMatchObject({ status: 'assigned' });
    expect(sleeps[0]).toBe(7000);
  });

  it('retries when the demo injects throttling (429 with Retry-After, DPS envelope)', async () => {
    dpsControls.assignmentDelayMs = 0;
    demoControls.faultRate = 1;
    demoControls.faultKinds = ['429'];
    try {
      const raw = await fetch(
        `${DPS_GLOBAL_ENDPOINT}/${store.settings.idScope}/registrations/x/register?api-version=2021-10-01`,
        { method: 'PUT', body: '{}' },
      );
      expect(raw.status).toBe(429);
      expect(raw.headers.get('Retry-After')).toBe('1');
      expect(await raw.json()).toMatchObject({ errorCode: 429001 });
      // DPS throttles until the client has waited twice; the client honours Retry-After and carries on.
      const base = await options('throttled-2');
      await expect(
        registerDevice({
          ...base,
          sleep: async (ms) => {
            await base.sleep(ms);
            if (sleeps.length === 2) demoControls.faultRate = 0;
          },
        }),
      ).resolves.toMatchObject({ status: 'assigned' });
      expect(sleeps).toEqual([1000, 1000, 0]);
    } finally {
      demoControls.faultRate = 0;
    }
  });

  it('gives up after its timeout while DPS keeps assigning', async () => {
    dpsControls.assignmentDelayMs = 10 * 60_000;
    const error = await registerDevice({ ...(await options('slow-1')), timeoutMs: 5000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DpsError);
    expect((error as DpsError).message).toMatch(/did not finish the registration within 5 seconds/);
  });

  it('stops when aborted', async () => {
    dpsControls.assignmentDelayMs = 1500;
    const controller = new AbortController();
    const result = registerDevice({
      ...(await options('abort-1')),
      signal: controller.signal,
      sleep: async () => {
        controller.abort(new Error('Cancelled by the operator'));
        throw controller.signal.reason;
      },
    });
    await expect(result).rejects.toThrow('Cancelled by the operator');
  });
});
