import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { createDeviceAttestation, createOrReplaceDevice } from '../../api/devices';
import { deviceQueries, templateQueries } from '../../api/queries';

/**
 * IoT Central enrolls TPM devices one by one: creates the device and its individual TPM enrollment
 * (the endorsement key), as an operator would in the Connect dialog.
 */
export function useEnrollTpmDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ deviceId, endorsementKey }: { deviceId: string; endorsementKey: string }) => {
      await createOrReplaceDevice(deviceId, { displayName: `Simulated TPM device ${deviceId.slice(0, 8)}` });
      return createDeviceAttestation(deviceId, { type: 'tpm', tpm: { endorsementKey } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deviceQueries.all() }),
  });
}

/** After devices registered: their status, and any template made from the public model repository. */
export function useRefreshAfterRegistration() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: deviceQueries.all() }),
        queryClient.invalidateQueries({ queryKey: templateQueries.all() }),
      ]),
    [queryClient],
  );
}
