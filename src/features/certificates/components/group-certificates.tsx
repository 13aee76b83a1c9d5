// An X.509 group's primary and secondary CA certificates, for the group's page.
import { Paper, Typography } from '@mui/material';
import type { EnrollmentGroup } from '../../../api/types';
import { SigningCertificatesTable } from './signing-certificates-table';
import { isolateText } from '../../../lib/visible-text';

export interface GroupCertificatesProps {
  group: EnrollmentGroup;
}

export function GroupCertificates({ group }: GroupCertificatesProps) {
  return (
    <Paper variant="outlined" sx={{ mb: 2 }} component="section" aria-labelledby="group-certificates-title">
      <Typography
        id="group-certificates-title"
        variant="h2"
        sx={{ fontSize: '1.15rem', fontWeight: 500, px: 2, pt: 2 }}
      >
        CA certificates (X.509)
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, pb: 1 }}>
        Devices in this group present certificates signed by the primary or the secondary CA. Keep a second CA
        here to roll over without downtime. A certificate attests devices only once it is verified.
      </Typography>
      <SigningCertificatesTable groups={[group]} label={`CA certificates of ${isolateText(group.displayName ?? '')}`} />
    </Paper>
  );
}
