import { request } from './client';
import type { ConnectionSettings, DemoControls, DeviceEndpoints } from './extensions';

/** Demo extension: Auto approve and the ID scope (see extensions.ts). */
export function getConnectionSettings(signal?: AbortSignal) {
  return request<ConnectionSettings>('GET', '/extensions/settings', { signal });
}

export function updateConnectionSettings(patch: Partial<ConnectionSettings>, signal?: AbortSignal) {
  return request<ConnectionSettings>('PATCH', '/extensions/settings', { body: patch, signal });
}

/** Demo extension: back to the seed. `devices` seeds that many devices instead of the default 60. */
export function resetDemoData(options: { devices?: number } = {}, signal?: AbortSignal) {
  return request<undefined>('POST', '/extensions/reset', { query: { devices: options.devices }, signal });
}

/** Demo extension: injected latency and faults. */
export function getDemoControls(signal?: AbortSignal) {
  return request<DemoControls>('GET', '/extensions/demo', { signal });
}

export function updateDemoControls(patch: Partial<DemoControls>, signal?: AbortSignal) {
  return request<DemoControls>('PATCH', '/extensions/demo', { body: patch, signal });
}

/** Console server extension: where devices on this machine connect, and the CA they trust. */
export function getDeviceEndpoints(signal?: AbortSignal) {
  return request<DeviceEndpoints>('GET', '/extensions/endpoints', { signal });
}
