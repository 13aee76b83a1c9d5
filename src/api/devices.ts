import { getPage, iteratePages, request } from './client';
import type { CountedCollection, DeviceActivity, DeviceHistoryEntry, ExtendedDevice } from './extensions';
import type { Attestation, DeviceCredentials } from './types';

export interface ListDevicesParams {
  filter?: string;
  orderby?: string;
  /** Page size, 1..100. */
  top?: number;
  /** Ask for the total count (demo extension, see extensions.ts). */
  count?: boolean;
}

const enc = encodeURIComponent;

function listQuery(params: ListDevicesParams) {
  return {
    $filter: params.filter,
    $orderby: params.orderby,
    $top: params.top,
    $count: params.count ? 'true' : undefined,
  };
}

export function listDevices(params: ListDevicesParams = {}, signal?: AbortSignal) {
  return getPage<ExtendedDevice, CountedCollection<ExtendedDevice>>('/devices', listQuery(params), signal);
}

/** The page after `nextLink`, requested verbatim as IoT Central requires. */
export function listDevicesNext(nextLink: string, signal?: AbortSignal) {
  return getPage<ExtendedDevice, CountedCollection<ExtendedDevice>>(nextLink, undefined, signal);
}

export function iterateDevices(params: ListDevicesParams = {}, signal?: AbortSignal) {
  return iteratePages<ExtendedDevice>('/devices', listQuery(params), signal);
}

export function getDevice(id: string, signal?: AbortSignal) {
  return request<ExtendedDevice>('GET', `/devices/${enc(id)}`, { signal });
}

/** PUT: create, or replace when it exists (Devices_Create). */
export function createOrReplaceDevice(id: string, device: ExtendedDevice, signal?: AbortSignal) {
  return request<ExtendedDevice>('PUT', `/devices/${enc(id)}`, { body: device, signal });
}

/** PATCH as JSON merge patch (Devices_Update). Include the etag you read to detect conflicts. */
export function updateDevice(id: string, patch: Partial<ExtendedDevice>, signal?: AbortSignal) {
  return request<ExtendedDevice>('PATCH', `/devices/${enc(id)}`, { body: patch, signal });
}

export function deleteDevice(id: string, signal?: AbortSignal) {
  return request<undefined>('DELETE', `/devices/${enc(id)}`, { signal });
}

export function getDeviceCredentials(id: string, signal?: AbortSignal) {
  return request<DeviceCredentials>('GET', `/devices/${enc(id)}/credentials`, { signal });
}

export function getDeviceAttestation(id: string, signal?: AbortSignal) {
  return request<Attestation>('GET', `/devices/${enc(id)}/attestation`, { signal });
}

export function createDeviceAttestation(id: string, attestation: Attestation, signal?: AbortSignal) {
  return request<Attestation>('PUT', `/devices/${enc(id)}/attestation`, { body: attestation, signal });
}

export function updateDeviceAttestation(id: string, patch: Partial<Attestation>, signal?: AbortSignal) {
  return request<Attestation>('PATCH', `/devices/${enc(id)}/attestation`, { body: patch, signal });
}

export function deleteDeviceAttestation(id: string, signal?: AbortSignal) {
  return request<undefined>('DELETE', `/devices/${enc(id)}/attestation`, { signal });
}

/** Console server extension: the device's IoT hub connection and last message. */
export function getDeviceActivity(id: string, signal?: AbortSignal) {
  return request<DeviceActivity>('GET', `/extensions/devices/${enc(id)}/activity`, { signal });
}

/** Demo extension: the device's status history. */
export function getDeviceHistory(id: string, signal?: AbortSignal) {
  return request<{ value: DeviceHistoryEntry[] }>('GET', `/extensions/devices/${enc(id)}/history`, { signal });
}
