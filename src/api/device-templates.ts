import { listAll, request } from './client';
import type { ExtendedDeviceTemplate } from './extensions';
import type { DeviceTemplate } from './types';

export function listDeviceTemplates(signal?: AbortSignal) {
  return listAll<ExtendedDeviceTemplate>('/deviceTemplates', undefined, signal);
}

export function getDeviceTemplate(id: string, signal?: AbortSignal) {
  return request<ExtendedDeviceTemplate>('GET', `/deviceTemplates/${encodeURIComponent(id)}`, { signal });
}

export function createDeviceTemplate(id: string, template: DeviceTemplate, signal?: AbortSignal) {
  return request<DeviceTemplate>('PUT', `/deviceTemplates/${encodeURIComponent(id)}`, { body: template, signal });
}
