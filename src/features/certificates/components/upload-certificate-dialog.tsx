// Upload a root or intermediate CA certificate (.pem, .cer or .crt; PEM or DER) to an X.509 group's
// primary or secondary entry. The file is read and checked in the browser first, so a leaf, an
// expired certificate or a stray private key is refused with the reason before anything is sent.
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  Paper,
  Stack,
} from '@mui/material';
import { useState } from 'react';
import type { CertificateEntry } from '../../../api/types';
import { FileDrop } from '../../../components/file-drop';
import { notify } from '../../../components/notifications';
import { certificateLimitText } from '../../../lib/certificate-limits';
import { readCertificateFile } from '../../../lib/read-certificate-file';
import { checkCaCertificate, type CertificateInfo } from '../../../lib/x509';
import { ENTRY_LABELS } from '../certificate-format';
import { useUploadGroupCertificate } from '../mutations';
import { CertificateDetails } from './certificate-details';
import { useLatestCall } from '../../../components/use-latest-call';

export interface UploadCertificateDialogProps {
  open: boolean;
  onClose: () => void;
  groupId: string;
  groupName: string;
  entry: CertificateEntry;
  /** The entry's current certificate, when this replaces it. */
  current?: { sha1Thumbprint: string; etag?: string };
}

export const CERTIFICATE_FILE_TYPES = '.pem,.cer,.crt,.der';

export function UploadCertificateDialog({ open, ...props }: UploadCertificateDialogProps) {
  return open ? <UploadCertificateForm {...props} /> : null;
}

type Chosen = { fileName: string } & ({ info: CertificateInfo } | { error: string });

function UploadCertificateForm({
  onClose,
  groupId,
  groupName,
  entry,
  current,
}: Omit<UploadCertificateDialogProps, 'open'>) {
  const upload = useUploadGroupCertificate();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [isVerifiedOnUpload, setIsVerifiedOnUpload] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const entryLabel = ENTRY_LABELS[entry].toLowerCase();

  const readLatest = useLatestCall(readCertificateFile);
  const handleFile = async (file: File) => {
    setServerError(null);
    // Bounded work: the size is checked before reading, the certificates counted before parsing, in a worker.
    const result = await readLatest(file, 'ca');
    if (!result) return; // another file was picked meanwhile
    if (!result.ok) {
      setChosen({ fileName: file.name, error: result.message });
      return;
    }
    const problem = checkCaCertificate(result.cert, new Date());
    setChosen(
      problem
        ? { fileName: file.name, error: problem.message }
        : { fileName: file.name, info: result.cert },
    );
  };

  const handleUpload = async () => {
    if (!chosen || !('info' in chosen)) return;
    setServerError(null);
    try {
      const result = await upload.mutateAsync({
        groupId,
        entry,
        certificate: chosen.info.derBase64,
        isVerifiedOnUpload,
        etag: current?.etag,
      });
      notify(
        result.verified
          ? `The ${entryLabel} certificate of "${groupName}" was uploaded and marked verified without proof of possession.`
          : `The ${entryLabel} certificate of "${groupName}" was uploaded. It stays Unverified until you verify it.`,
        result.verified ? 'warning' : 'success',
      );
      onClose();
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
    }
  };

  const info = chosen && 'info' in chosen ? chosen.info : undefined;
  return (
    <Dialog open onClose={onClose} aria-labelledby="upload-certificate-title" maxWidth="md">
      <DialogTitle id="upload-certificate-title">
        {current ? 'Replace' : 'Add'} {entryLabel} certificate · {groupName}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            Upload the root or intermediate CA certificate that signs your device certificates: a .pem, .cer
            or .crt file, in PEM or DER. Upload the certificate only, never its private key.
          </DialogContentText>
          {current && (
            <Alert severity="info">
              This replaces the current {entryLabel} certificate (thumbprint{' '}
              <code style={{ wordBreak: 'break-all' }}>{current.sha1Thumbprint}</code>) and its verification
              status.
            </Alert>
          )}
          <FileDrop
            label="Choose a certificate file"
            accept={CERTIFICATE_FILE_TYPES}
            onFile={(file) => void handleFile(file)}
            fileName={chosen?.fileName}
            error={chosen && 'error' in chosen ? chosen.error : undefined}
            helperText={`One root or intermediate CA certificate, PEM or DER (.pem, .cer, .crt or .der), ${certificateLimitText('ca')}.`}
          />
          {info && (
            <Paper variant="outlined">
              <CertificateDetails info={info} label="Certificate to upload" />
            </Paper>
          )}
          <FormControlLabel
            control={
              <Checkbox
                checked={isVerifiedOnUpload}
                onChange={(e) => setIsVerifiedOnUpload(e.target.checked)}
              />
            }
            label="Verified on upload (skip proof of possession)"
          />
          {isVerifiedOnUpload && (
            <Alert severity="warning">
              The certificate is marked verified without proving that you hold its private key. Devices signed
              by this CA can register at once. Use it only for a CA you control; otherwise verify it with a
              verification code.
            </Alert>
          )}
          {serverError && <Alert severity="error">{serverError}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!info || upload.isPending} onClick={() => void handleUpload()}>
          Upload
        </Button>
      </DialogActions>
    </Dialog>
  );
}
