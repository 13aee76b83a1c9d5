import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createDeviceAttestation, deleteDeviceAttestation, updateDeviceAttestation } from '../../api/devices';
import { deviceQueries } from '../../api/queries';
import type { EnrollmentRequest } from './enrollment-schemas';

// The device's attestation, credentials and history all sit under its detail key.
const useInvalidateDevice = (deviceId: string) => {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: deviceQueries.detail(deviceId).queryKey });
};

/** PUT (or merge PATCH) the device's individual enrollment. Errors are shown in the dialog. */
export function useSaveIndividualEnrollment(deviceId: string) {
  const invalidate = useInvalidateDevice(deviceId);
  return useMutation({
    mutationFn: ({ attestation, isPatch }: EnrollmentRequest) =>
      isPatch
        ? updateDeviceAttestation(deviceId, attestation)
        : createDeviceAttestation(deviceId, attestation),
    onSuccess: invalidate,
    meta: { isErrorHandledLocally: true },
  });
}

/** DELETE the individual enrollment: the device connects through its enrollment group again. */
export function useRemoveIndividualEnrollment(deviceId: string) {
  const invalidate = useInvalidateDevice(deviceId);
  return useMutation({
    mutationFn: () => deleteDeviceAttestation(deviceId),
    onSuccess: invalidate,
    meta: { isErrorHandledLocally: true },
  });
}
