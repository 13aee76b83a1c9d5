// The Devices page, composed with what other features contribute: the Connect dialog (loaded
// when first opened) and the Import / Export buttons. The device page is in device-route.tsx.
import { lazy, Suspense } from 'react';
import { useRole } from '../role';
import { DevicesPage } from '../../features/devices/components/devices-page';
import { ImportExportButtons } from '../../features/import-export/components/import-export-buttons';

const ConnectDialog = lazy(async () => ({
  default: (await import('../../features/connect/components/connect-dialog')).ConnectDialog,
}));

function ConnectDialogForRole({ deviceId, onClose }: { deviceId: string; onClose: () => void }) {
  const role = useRole();
  return <ConnectDialog open deviceId={deviceId} onClose={onClose} canReadEnrollmentGroups={role === 'administrator'} />;
}

export function renderConnectDialog(deviceId: string, onClose: () => void) {
  return (
    <Suspense fallback={null}>
      <ConnectDialogForRole deviceId={deviceId} onClose={onClose} />
    </Suspense>
  );
}

export function DevicesRoute() {
  return (
    <DevicesPage
      renderConnectDialog={renderConnectDialog}
      renderToolbarExtras={(selection, matching) => <ImportExportButtons selection={selection} matching={matching} />}
    />
  );
}
