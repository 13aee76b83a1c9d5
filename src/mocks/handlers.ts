// Every demo handler, in one list for the browser worker and the Node test server.
import { dpsHandlers } from './dps/registrations';
import { attestationHandlers } from './iotcentral/attestation';
import { credentialHandlers } from './iotcentral/credentials';
import { deviceOperationHandlers } from './iotcentral/device-operations';
import { deviceTemplateHandlers } from './iotcentral/device-templates';
import { deviceHandlers } from './iotcentral/devices';
import { enrollmentGroupHandlers } from './iotcentral/enrollment-groups';
import { groupCertificateHandlers } from './iotcentral/group-certificates';
import { settingsHandlers } from './iotcentral/settings';
import type { Store } from './store/store';

export function createHandlers(store: Store, options: { onReset?: () => Promise<void> | void } = {}) {
  return [
    ...settingsHandlers(store, options.onReset ?? (() => undefined)),
    ...credentialHandlers(store),
    ...attestationHandlers(store),
    ...deviceHandlers(store),
    ...deviceOperationHandlers(store),
    ...deviceTemplateHandlers(store),
    ...enrollmentGroupHandlers(store),
    ...groupCertificateHandlers(store),
    ...dpsHandlers(store),
  ];
}
