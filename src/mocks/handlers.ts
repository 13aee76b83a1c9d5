// Every demo handler, in one list for the browser worker and the Node test server.
import type { DeviceEndpoints } from '../api/extensions';
import { createDps, type DpsOptions } from './dps/registrations';
import { dpsRelayHandlers, type DpsRelay } from './iotcentral/dps-relay';
import { endpointHandlers } from './iotcentral/endpoints';
import { attestationHandlers } from './iotcentral/attestation';
import { credentialHandlers } from './iotcentral/credentials';
import { deviceOperationHandlers } from './iotcentral/device-operations';
import { deviceTemplateHandlers } from './iotcentral/device-templates';
import { deviceHandlers } from './iotcentral/devices';
import { enrollmentGroupHandlers } from './iotcentral/enrollment-groups';
import { groupCertificateHandlers } from './iotcentral/group-certificates';
import { settingsHandlers } from './iotcentral/settings';
import type { Store } from './store/store';

export interface HandlerOptions {
  onReset?: () => Promise<void> | void;
  dps?: DpsOptions;
  /** The console server's device endpoints (GET /api/extensions/endpoints); none in the page. */
  deviceEndpoints?: () => DeviceEndpoints;
  /** The console server's relay to its DPS over HTTPS (POST /api/extensions/dpsRelay); none in the page. */
  dpsRelay?: DpsRelay;
}

export function createHandlers(store: Store, options: HandlerOptions = {}) {
  return createHandlerSets(store, options).all;
}

/**
 * Every demo handler, and the demo DPS whose handlers are among them: the console server's device
 * endpoints answer with `dps.answer` alone, so a device reaches nothing else and no API route is tried.
 */
export function createHandlerSets(store: Store, options: HandlerOptions = {}) {
  const dps = createDps(store, options.dps);
  const all = [
    ...settingsHandlers(store, options.onReset ?? (() => undefined), options.deviceEndpoints !== undefined),
    ...credentialHandlers(store),
    ...attestationHandlers(store),
    ...deviceHandlers(store),
    ...deviceOperationHandlers(store),
    ...deviceTemplateHandlers(store),
    ...enrollmentGroupHandlers(store),
    ...groupCertificateHandlers(store),
    ...endpointHandlers(options.deviceEndpoints),
    ...dpsRelayHandlers(options.dpsRelay),
    ...dps.handlers,
  ];
  return { all, dps };
}
