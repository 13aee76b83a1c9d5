// The device fields that `$filter` and `$orderby` understand, for the demo backend and the tests.
// id, displayName, enabled, provisioned, simulated and template are IoT Central's; blocked and
// approvalPending are the demo's extension fields (see api/extensions.ts).
import type { ExtendedDevice } from '../api/extensions';
import type { FieldMap } from './odata';

export const deviceFilterFields: FieldMap<ExtendedDevice> = {
  id: { type: 'string', get: (d) => d.id },
  displayName: { type: 'string', get: (d) => d.displayName },
  template: { type: 'string', get: (d) => d.template },
  enabled: { type: 'boolean', get: (d) => d.enabled },
  provisioned: { type: 'boolean', get: (d) => d.provisioned },
  simulated: { type: 'boolean', get: (d) => d.simulated },
  blocked: { type: 'boolean', get: (d) => d.extensions?.blocked ?? d.enabled === false },
  approvalPending: { type: 'boolean', get: (d) => d.extensions?.approvalPending ?? false },
};

/**
 * The fields the Devices grid sorts by (`$orderby`). `status` (by its label: Blocked, Provisioned, Registered,
 * Unassociated, Waiting for approval) and `template` (by template ID, unassociated devices first) are the
 * demo's extensions (docs/api-extensions.md).
 */
export const DEVICE_SORT_FIELDS = ['displayName', 'id', 'status', 'template', 'lastActivity'] as const;
export type DeviceSortField = (typeof DEVICE_SORT_FIELDS)[number];

export function isDeviceSortField(field: string): field is DeviceSortField {
  return (DEVICE_SORT_FIELDS as readonly string[]).includes(field);
}
