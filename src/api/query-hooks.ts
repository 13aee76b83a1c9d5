// The query hooks more than one feature reads, over the factories of queries.ts. A hook that only one
// feature needs stays in that feature's queries.ts.
import { useQuery } from '@tanstack/react-query';
import { deviceQueries, enrollmentGroupQueries, settingsQueries, templateQueries } from './queries';
import { hasExtension } from './capabilities';

export function useDevice(id: string) {
  return useQuery(deviceQueries.detail(id));
}

export function useDeviceTemplates() {
  return useQuery(templateQueries.list());
}

/** The device's individual enrollment, or null when it connects through an enrollment group. */
export function useDeviceAttestation(id: string) {
  return useQuery(deviceQueries.attestation(id));
}

/** `isEnabled: false` for an Operator, whom the API refuses (403): nothing is asked. */
export function useEnrollmentGroups({ isEnabled = true }: { isEnabled?: boolean } = {}) {
  return useQuery({ ...enrollmentGroupQueries.list(), enabled: isEnabled });
}

/** Auto approve and the ID scope: the demo's extension, never asked of a backend without it. */
export function useConnectionSettings() {
  return useQuery({ ...settingsQueries.connection(), enabled: hasExtension('settings') });
}
