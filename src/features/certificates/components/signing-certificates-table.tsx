import { Box, Chip, Link as MuiLink, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { visuallyHidden } from '../../../components/secret-field';
import type { ExtendedSigningCertificate } from '../../../api/extensions';
import type { EnrollmentGroup } from '../../../api/types';
import { SigningCertificateRow, THUMBPRINT_COLUMN } from './signing-certificate-row';
import { UserText } from '../../../components/user-text';
import { isolateText } from '../../../lib/visible-text';

export interface SigningCertificatesTableProps {
  /** X.509 groups; others are skipped. */
  groups: EnrollmentGroup[];
  /** With it, each group gets a heading row that links to its page. */
  groupPath?: (groupId: string) => string;
  label: string;
}

const ENTRIES = ['primary', 'secondary'] as const;

export function SigningCertificatesTable({ groups, groupPath, label }: SigningCertificatesTableProps) {
  const columnCount = 7;
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox">
            <Box component="span" sx={visuallyHidden}>
              Details
            </Box>
          </TableCell>
          <TableCell>Certificate</TableCell>
          <TableCell>Subject</TableCell>
          <TableCell>Expires</TableCell>
          <TableCell sx={THUMBPRINT_COLUMN}>SHA-1 thumbprint</TableCell>
          <TableCell>Status</TableCell>
          <TableCell align="right">Actions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {groups.flatMap((group) => {
          if (group.attestation.type !== 'x509') return [];
          const certs = group.attestation.x509?.signingCertificates ?? {};
          return (
            <Fragment key={group.id}>
              {groupPath && (
                <TableRow sx={{ bgcolor: 'action.hover' }}>
                  <TableCell colSpan={columnCount} sx={{ py: 1 }}>
                    <MuiLink component={Link} to={groupPath(group.id ?? '')} sx={{ fontWeight: 500 }}>
                      <UserText text={group.displayName} />
                    </MuiLink>
                    {!group.enabled && <Chip label="Group disabled" sx={{ ml: 1 }} />}
                  </TableCell>
                </TableRow>
              )}
              {ENTRIES.map((entry) => (
                <SigningCertificateRow
                  key={entry}
                  groupId={group.id ?? ''}
                  groupName={isolateText(group.displayName)}
                  entry={entry}
                  certificate={certs[entry] as ExtendedSigningCertificate | undefined}
                  columnCount={columnCount}
                />
              ))}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
