import { Table, TableBody, TableCell, TableRow } from '@mui/material';
import type { CertificateInfo } from '../../../lib/x509';
import { formatCertificateDate } from '../certificate-upload';
import { UserText } from '../../../components/user-text';

export interface CertificateDetailsProps {
  /** The table's accessible name, e.g. "Primary certificate details". */
  label: string;
  cert: CertificateInfo;
}

/** What an operator checks before enrolling a certificate: names, validity, key and thumbprints. */
export function CertificateDetails({ label, cert }: CertificateDetailsProps) {
  const rows: [string, string, boolean?][] = [
    ['Subject', cert.subject],
    ['Issuer', cert.isSelfSigned ? `${cert.issuer} (self-signed)` : cert.issuer],
    ['Valid from', formatCertificateDate(cert.notBefore)],
    ['Valid to', formatCertificateDate(cert.notAfter)],
    ['Public key', cert.publicKeyDetail],
    ['SHA-1 thumbprint', cert.sha1Thumbprint, true],
    ['SHA-256 thumbprint', cert.sha256Thumbprint, true],
  ];
  return (
    <Table
      size="small"
      aria-label={label}
      sx={{ '& th': { width: 170, whiteSpace: 'nowrap', color: 'text.secondary', verticalAlign: 'top' } }}
    >
      <TableBody>
        {rows.map(([name, value, isHex]) => (
          <TableRow key={name} sx={{ '&:last-child td, &:last-child th': { border: 0 } }}>
            <TableCell component="th" scope="row">
              {name}
            </TableCell>
            <TableCell
              sx={isHex ? { fontFamily: 'monospace', wordBreak: 'break-all' } : { overflowWrap: 'anywhere' }}
            >
              {isHex ? value : <UserText text={value} />}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
