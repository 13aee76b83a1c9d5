// Administration > Device connection, with the certificates feature composed into X.509 group pages
// (features do not import each other).
import { GroupCertificates } from '../../features/certificates/components/group-certificates';
import { DeviceConnectionPage } from '../../features/device-connection/components/device-connection-page';
import { EnrollmentGroupPage } from '../../features/device-connection/components/enrollment-group-page';

export function DeviceConnectionRoute() {
  return <DeviceConnectionPage />;
}

export function EnrollmentGroupRoute() {
  return <EnrollmentGroupPage renderCertificates={(group) => <GroupCertificates group={group} />} />;
}
