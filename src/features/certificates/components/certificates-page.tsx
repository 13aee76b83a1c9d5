// Administration > Certificates: every X.509 group's primary and secondary CA certificates.
import { Alert, Box, Link as MuiLink, Paper, Skeleton } from '@mui/material';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { useEnrollmentGroups } from '../../../api/query-hooks';
import { SigningCertificatesTable } from './signing-certificates-table';
import { LoadErrorAlert } from '../../../components/load-error-alert';

export interface CertificatesPageProps {
  /** Where an enrollment group's page is (another feature's route). */
  groupPath: (groupId: string) => string;
  /** Where groups are created. */
  deviceConnectionPath: string;
}

export function CertificatesPage({ groupPath, deviceConnectionPath }: CertificatesPageProps) {
  const { data: groups, error, isPending, refetch } = useEnrollmentGroups();
  const x509Groups = (groups ?? []).filter((g) => g.attestation.type === 'x509');
  const certificateCount = x509Groups.reduce((count, g) => {
    const certs = g.attestation.type === 'x509' ? (g.attestation.x509?.signingCertificates ?? {}) : {};
    return count + (certs.primary ? 1 : 0) + (certs.secondary ? 1 : 0);
  }, 0);
  const unverifiedCount = x509Groups.reduce((count, g) => {
    const certs = g.attestation.type === 'x509' ? (g.attestation.x509?.signingCertificates ?? {}) : {};
    return count + [certs.primary, certs.secondary].filter((c) => c && !c.verified).length;
  }, 0);

  return (
    <Box>
      <PageHeader
        title="Certificates"
        description="The root and intermediate CA certificates of your X.509 enrollment groups. A CA certificate attests devices only after you verify it: prove that you hold its private key with a one-time verification code."
      />
      {error && <LoadErrorAlert what="the enrollment groups" error={error} onRetry={() => void refetch()} />}
      {isPending && <Skeleton variant="rectangular" height={160} />}
      {groups && x509Groups.length === 0 && (
        <Alert severity="info">
          No enrollment group uses X.509 certificates yet. Create an X.509 group on{' '}
          <MuiLink component={Link} to={deviceConnectionPath}>
            Device connection
          </MuiLink>
          , then upload its CA certificates here.
        </Alert>
      )}
      {groups && x509Groups.length > 0 && (
        <>
          {unverifiedCount > 0 && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              {unverifiedCount === 1
                ? '1 certificate is Unverified'
                : `${unverifiedCount} certificates are Unverified`}
              : devices signed by {unverifiedCount === 1 ? 'it' : 'them'} cannot register until you verify{' '}
              {unverifiedCount === 1 ? 'it' : 'them'}.
            </Alert>
          )}
          {certificateCount === 0 && (
            <Alert severity="info" sx={{ mb: 2 }}>
              No CA certificates yet: upload a root or intermediate CA certificate to a group.
            </Alert>
          )}
          <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
            <SigningCertificatesTable groups={x509Groups} groupPath={groupPath} label="CA certificates" />
          </Paper>
        </>
      )}
    </Box>
  );
}
