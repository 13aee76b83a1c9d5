// Administration > Certificates; its rows link to the groups' pages on Device connection.
import { CertificatesPage } from '../../features/certificates/components/certificates-page';
import { DEVICE_CONNECTION_PATH, groupPath } from '../../features/device-connection/paths';

export function CertificatesRoute() {
  return <CertificatesPage groupPath={groupPath} deviceConnectionPath={DEVICE_CONNECTION_PATH} />;
}
