// One entry (primary or secondary) of an X.509 group: what is there, its status, and what to do next.
import DeleteIcon from '@mui/icons-material/Delete';
import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@mui/icons-material/KeyboardArrowUp';
import {
  Box,
  Button,
  Chip,
  Collapse,
  IconButton,
  TableCell,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { ExtendedSigningCertificate } from '../../../api/extensions';
import type { CertificateEntry } from '../../../api/types';
import { useConfirm } from '../../../components/confirm-dialog';
import { notify } from '../../../components/notifications';
import { ENTRY_LABELS, expiryState, formatUtc } from '../certificate-format';
import { useDeleteGroupCertificate } from '../mutations';
import { useCertificateInfo } from '../use-certificate-info';
import { CertificateDetails } from './certificate-details';
import { CertificateStatusChip } from './certificate-status-chip';
import { UploadCertificateDialog } from './upload-certificate-dialog';
import { VerifyCertificateDialog } from './verify-certificate-dialog';
import { UserText } from '../../../components/user-text';
import { isolateText } from '../../../lib/visible-text';

/**
 * The SHA-1 column gives way below 1200 px, and the subject narrows, so that Verify, Replace and Delete stay in
 * view (at 1024 px the table was 230 px wider than its place); the row's details show both thumbprints.
 */
export const THUMBPRINT_COLUMN = { display: { xs: 'none', lg: 'table-cell' } } as const;

export interface SigningCertificateRowProps {
  groupId: string;
  /** Shown as it is: isolated (lib/visible-text.ts isolateText) by the caller. */
  groupName: string;
  entry: CertificateEntry;
  certificate: ExtendedSigningCertificate | undefined;
  columnCount: number;
}

export function SigningCertificateRow({
  groupId,
  groupName,
  entry,
  certificate,
  columnCount,
}: SigningCertificateRowProps) {
  const [dialog, setDialog] = useState<'upload' | 'verify' | null>(null);
  const [isOpen, setIsOpen] = useState(false);
  const parsed = useCertificateInfo(certificate?.certificate);
  const info = parsed.status === 'ok' ? parsed.info : undefined;
  const remove = useDeleteGroupCertificate();
  const confirm = useConfirm();
  const entryLabel = ENTRY_LABELS[entry].toLowerCase();
  const of = `${entryLabel} certificate of ${groupName}`;

  const handleDelete = async () => {
    const ok = await confirm({
      title: `Remove the ${entryLabel} certificate?`,
      message: `Devices whose certificates chain only to this CA can no longer register through "${groupName}".`,
      confirmLabel: 'Remove',
      isDestructive: true,
    });
    if (!ok) return;
    try {
      await remove.mutateAsync({ groupId, entry });
      notify(`The ${of} was removed.`, 'success');
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), 'error');
    }
  };

  const expiry = info && expiryState(info, new Date());
  return (
    <>
      <TableRow aria-label={`${ENTRY_LABELS[entry]} certificate of ${groupName}`}>
        <TableCell padding="checkbox">
          {info && (
            <IconButton
              size="small"
              aria-label={`${isOpen ? 'Hide' : 'Show'} details of the ${of}`}
              aria-expanded={isOpen}
              onClick={() => setIsOpen((v) => !v)}
            >
              {isOpen ? <KeyboardArrowUpIcon /> : <KeyboardArrowDownIcon />}
            </IconButton>
          )}
        </TableCell>
        <TableCell>{ENTRY_LABELS[entry]}</TableCell>
        <TableCell sx={{ minWidth: { xs: 140, lg: 180 } }}>
          {!certificate && (
            <Typography variant="body2" color="text.secondary">
              No certificate
            </Typography>
          )}
          {info && (
            <>
              <Typography variant="body2" sx={{ fontWeight: 500 }}>
                <UserText text={info.subjectCommonName ?? info.subject} />
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {info.isSelfSigned
                  ? 'Root CA (self-signed)'
                  : `Issued by ${isolateText(info.issuerCommonName ?? info.issuer)}`}
              </Typography>
            </>
          )}
          {parsed.status === 'error' && <Typography color="error">{parsed.message}</Typography>}
          {certificate && parsed.status === 'none' && (
            <Typography variant="body2" color="text.secondary">
              Details not available: the server returns only the thumbprint.
            </Typography>
          )}
        </TableCell>
        <TableCell sx={{ whiteSpace: 'nowrap' }}>
          {info && formatUtc(info.notAfter).slice(0, 10)}
          {expiry === 'expired' && <Chip label="Expired" color="error" sx={{ ml: 1 }} />}
          {expiry === 'soon' && <Chip label="Expires soon" color="warning" sx={{ ml: 1 }} />}
        </TableCell>
        <TableCell sx={THUMBPRINT_COLUMN}>
          {certificate?.info && (
            <Typography
              variant="body2"
              sx={{ fontFamily: 'monospace', fontSize: '0.78rem', wordBreak: 'break-all', width: '21ch' }}
            >
              {certificate.info.sha1Thumbprint}
            </Typography>
          )}
        </TableCell>
        <TableCell>
          {certificate && <CertificateStatusChip certificate={certificate} />}
          {certificate?.extensions?.verifiedOnUpload && (
            <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.5 }}>
              Proof of possession skipped
            </Typography>
          )}
        </TableCell>
        <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
          {certificate && !certificate.verified && (
            <Button
              variant="contained"
              size="small"
              aria-label={`Verify the ${of}`}
              onClick={() => setDialog('verify')}
              sx={{ mr: 1 }}
            >
              Verify
            </Button>
          )}
          <Button
            size="small"
            variant="outlined"
            aria-label={`${certificate ? 'Replace' : 'Upload'} the ${of}`}
            onClick={() => setDialog('upload')}
          >
            {certificate ? 'Replace' : 'Upload'}
          </Button>
          {certificate && (
            <Tooltip title="Remove">
              <IconButton
                aria-label={`Remove the ${of}`}
                disabled={remove.isPending}
                onClick={() => void handleDelete()}
                sx={{ ml: 0.5 }}
              >
                <DeleteIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          )}
        </TableCell>
      </TableRow>
      {info && (
        <TableRow>
          <TableCell colSpan={columnCount} sx={{ py: 0, borderBottom: isOpen ? undefined : 'none' }}>
            <Collapse in={isOpen} unmountOnExit>
              <Box sx={{ py: 1 }}>
                <CertificateDetails info={info} label={`Details of the ${of}`} />
              </Box>
            </Collapse>
          </TableCell>
        </TableRow>
      )}
      <UploadCertificateDialog
        open={dialog === 'upload'}
        onClose={() => setDialog(null)}
        groupId={groupId}
        groupName={groupName}
        entry={entry}
        current={
          certificate?.info
            ? { sha1Thumbprint: certificate.info.sha1Thumbprint, etag: certificate.etag }
            : undefined
        }
      />
      <VerifyCertificateDialog
        open={dialog === 'verify'}
        onClose={() => setDialog(null)}
        groupId={groupId}
        groupName={groupName}
        entry={entry}
        caInfo={info}
      />
    </>
  );
}
