import { Box, Table, TableBody, TableCell, TableRow } from '@mui/material';
import type { CertificateInfo } from '../../../lib/x509';
import { caKind, formatUtc } from '../certificate-format';
import { UserText } from '../../../components/user-text';

export interface CertificateDetailsProps {
  info: CertificateInfo;
  /** Accessible name of the table. */
  label: string;
}

/** Subject, issuer, validity and thumbprints, as an operator compares them with their own files. */
export function CertificateDetails({ info, label }: CertificateDetailsProps) {
  const rows: [string, string, boolean?][] = [
    ['Type', caKind(info)],
    ['Subject', info.subject],
    ['Issuer', info.issuer],
    ['Valid from', formatUtc(info.notBefore)],
    ['Valid to', formatUtc(info.notAfter)],
    ['SHA-1 thumbprint', info.sha1Thumbprint, true],
    ['SHA-256 thumbprint', info.sha256Thumbprint, true],
    ['Public key', info.publicKeyDetail],
  ];
  return (
    <Table size="small" aria-label={label}>
      <TableBody>
        {rows.map(([name, value, isMono]) => (
          <TableRow key={name}>
            <TableCell
              component="th"
              scope="row"
              sx={{ width: 150, color: 'text.secondary', verticalAlign: 'top' }}
            >
              {name}
            </TableCell>
            <TableCell>
              <Box
                component="span"
                sx={{
                  fontFamily: isMono ? 'monospace' : undefined,
                  wordBreak: isMono ? 'break-all' : 'normal',
                }}
              >
                {isMono ? value : <UserText text={value} />}
              </Box>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
