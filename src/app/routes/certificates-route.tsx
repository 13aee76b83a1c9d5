// Administration > Certificates; its rows link to the groups' pages on Device connection.
import { CertificatesPage } from '../../features/certificates/components/certificates-page';
import { routes } from '../../lib/routes';

export function CertificatesRoute() {
  return <CertificatesPage groupPath={routes.enrollmentGroup} deviceConnectionPath={routes.deviceConnection()} />;
}
