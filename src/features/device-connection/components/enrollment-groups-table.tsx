import {
  Box,
  Link as MuiLink,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link } from 'react-router';
import type { EnrollmentGroup } from '../../../api/types';
import { ATTESTATION_LABELS, DEVICE_TYPE_LABELS } from '../labels';
import { routes } from '../../../lib/routes';
import { EnrollmentGroupStatusChip } from './enrollment-group-status-chip';
import { UserText } from '../../../components/user-text';

export interface EnrollmentGroupsTableProps {
  groups: EnrollmentGroup[];
}

function CertificatesSummary({ group }: { group: EnrollmentGroup }) {
  if (group.attestation.type !== 'x509') return null;
  const certs = group.attestation.x509?.signingCertificates ?? {};
  const describe = (cert: { verified: boolean } | undefined) =>
    cert === undefined ? 'none' : cert.verified ? 'Verified' : 'Unverified';
  return (
    <Typography variant="body2" color="text.secondary">
      Primary: {describe(certs.primary)} · Secondary: {describe(certs.secondary)}
    </Typography>
  );
}

export function EnrollmentGroupsTable({ groups }: EnrollmentGroupsTableProps) {
  return (
    // On a narrow phone the table scrolls inside its own region, not the page.
    <Box role="region" aria-label="Enrollment groups" tabIndex={0} sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Enrollment groups">
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Attestation type</TableCell>
            <TableCell>Device type</TableCell>
            <TableCell>Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map((group) => (
            <TableRow key={group.id} hover>
              <TableCell>
                <MuiLink component={Link} to={routes.enrollmentGroup(group.id ?? '')} sx={{ fontWeight: 500 }}>
                  <UserText text={group.displayName} maxLength={120} />
                </MuiLink>
                {group.id !== group.displayName && (
                  <Typography
                    variant="body2"
                    color="text.secondary"
                    sx={{ fontFamily: 'monospace', fontSize: '0.8rem' }}
                  >
                    {group.id}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {ATTESTATION_LABELS[group.attestation.type]}
                <CertificatesSummary group={group} />
              </TableCell>
              <TableCell>{DEVICE_TYPE_LABELS[group.type]}</TableCell>
              <TableCell>
                <EnrollmentGroupStatusChip isEnabled={group.enabled} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
