import { request } from './client';
import type { ConnectionSettings } from './extensions';

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
