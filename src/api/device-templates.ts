import { listAll, request } from './client';
import type { ExtendedDeviceTemplate } from './extensions';

export function listDeviceTemplates(signal?: AbortSignal) {
  return listAll<ExtendedDeviceTemplate>('/deviceTemplates', undefined, signal);
}

export function getDeviceTemplate(id: string, signal?: AbortSignal) {
  return request<ExtendedDeviceTemplate>('GET', `/deviceTemplates/${encodeURIComponent(id)}`, { signal });
}
