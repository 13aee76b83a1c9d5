// A device's page, loaded when first visited: it is not part of the Devices list's first load.
import { DevicePage } from '../../features/devices/components/device-page';
import { renderConnectDialog } from './devices-route';

export function DeviceRoute() {
  return <DevicePage renderConnectDialog={renderConnectDialog} />;
}
