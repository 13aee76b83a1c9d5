// Proof of possession for an X.509 group's CA certificate: generate a verification code, sign a
// certificate with CN = code using the CA's private key (openssl commands shown), upload it, Verify.
// The demo backend (or IoT Central) checks the CN, the issuer, the signature and the validity.
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Step,
  StepContent,
  StepLabel,
  Stepper,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { CertificateEntry } from '../../../api/types';
import { FileDrop } from '../../../components/file-drop';
import { notify } from '../../../components/notifications';
import { copyToClipboard, SecretField } from '../../../components/secret-field';
import { isolateText } from '../../../lib/visible-text';
import { certificateLimitText } from '../../../lib/certificate-limits';
import { readCertificateFile } from '../../../lib/read-certificate-file';
import { verificationCertificateCommands, type CertificateInfo } from '../../../lib/x509';
import { caFileStem, ENTRY_LABELS } from '../certificate-format';
import { useGenerateVerificationCode, useVerifyCertificate } from '../mutations';
import { CERTIFICATE_FILE_TYPES } from './upload-certificate-dialog';
import { useLatestCall } from '../../../components/use-latest-call';

export interface VerifyCertificateDialogProps {
  open: boolean;
  onClose: () => void;
  groupId: string;
  groupName: string;
  entry: CertificateEntry;
  /** The CA certificate being verified, when known: names the files in the openssl commands. */
  caInfo?: CertificateInfo;
}

export function VerifyCertificateDialog({ open, ...props }: VerifyCertificateDialogProps) {
  return open ? <VerifyCertificateForm {...props} /> : null;
}

/** Brings an element into view when it appears (a ref callback). */
const scrollIntoView = (element: HTMLElement | null) => element?.scrollIntoView?.({ block: 'nearest' }); // jsdom has none

type Chosen = { fileName: string } & ({ info: CertificateInfo } | { error: string });

function VerifyCertificateForm({
  onClose,
  groupId,
  groupName,
  entry,
  caInfo,
}: Omit<VerifyCertificateDialogProps, 'open'>) {
  const generate = useGenerateVerificationCode();
  const verify = useVerifyCertificate();
  const [code, setCode] = useState<string | null>(null);
  const [generateError, setGenerateError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [isVerified, setIsVerified] = useState(false);
  const target = { groupId, entry };
  const caStem = caFileStem(caInfo);
  const commands = code ? verificationCertificateCommands(code, caStem) : [];
  const info = chosen && 'info' in chosen ? chosen.info : undefined;
  const activeStep = isVerified ? 4 : !code ? 0 : !info ? 2 : 3;

  const handleGenerate = async () => {
    setGenerateError(null);
    setVerifyError(null);
    try {
      setCode(await generate.mutateAsync(target));
    } catch (error) {
      setGenerateError(error instanceof Error ? error.message : String(error));
    }
  };

  const readLatest = useLatestCall(readCertificateFile);
  const handleFile = async (file: File) => {
    setVerifyError(null);
    const result = await readLatest(file, 'verification');
    if (!result) return; // another file was picked meanwhile
    setChosen(
      result.ok ? { fileName: file.name, info: result.cert } : { fileName: file.name, error: result.message },
    );
  };

  const handleVerify = async () => {
    if (!info) return;
    setVerifyError(null);
    try {
      await verify.mutateAsync({ ...target, certificate: info.derBase64 });
      setIsVerified(true);
      notify(
        `The ${ENTRY_LABELS[entry].toLowerCase()} certificate of "${groupName}" is verified.`,
        'success',
      );
    } catch (error) {
      setVerifyError(error instanceof Error ? error.message : String(error));
    }
  };

  const handleCopyCommands = async () => {
    if (await copyToClipboard(commands.join('\n'), 'Commands'))
      notify('Commands copied to the clipboard.', 'success');
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="verify-certificate-title" maxWidth="md">
      <DialogTitle id="verify-certificate-title">
        Verify {ENTRY_LABELS[entry].toLowerCase()} certificate · {groupName}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          Prove that you hold the private key of
          {caInfo ? ` "${caInfo.subjectCommonName ?? caInfo.subject}"` : ' this CA certificate'}: sign a
          certificate whose common name (CN) is a one-time verification code. Until then the certificate is
          Unverified and attests no devices.
        </Typography>
        {/* A refusal shows first, where the operator is looking, not below the dialog's fold. */}
        {verifyError && (
          <Alert severity="error" sx={{ mb: 2 }} ref={scrollIntoView}>
            <strong>Not verified.</strong> {verifyError} The certificate stays Unverified.
          </Alert>
        )}
        <Stepper orientation="vertical" activeStep={activeStep} nonLinear>
          <Step completed={code !== null} expanded>
            <StepLabel>Generate verification code</StepLabel>
            <StepContent>
              {code && (
                <Box sx={{ mb: 1.5, maxWidth: 560 }}>
                  <SecretField label="Verification code" value={code} />
                </Box>
              )}
              <Button
                variant={code ? 'outlined' : 'contained'}
                disabled={generate.isPending || isVerified}
                onClick={() => void handleGenerate()}
              >
                {code ? 'Generate a new code' : 'Generate verification code'}
              </Button>
              {code && (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                  The code works once. A new code replaces this one, and a certificate made for this one is
                  then stale.
                </Typography>
              )}
              {generateError && (
                <Alert severity="error" sx={{ mt: 1.5 }}>
                  {generateError}
                </Alert>
              )}
            </StepContent>
          </Step>
          <Step completed={code !== null && info !== undefined} expanded>
            <StepLabel>Make the verification certificate</StepLabel>
            <StepContent>
              {code ? (
                <>
                  <Typography variant="body2" sx={{ mb: 1 }}>
                    Run these commands where the CA's private key is. <code>{caStem}.pem</code> is the CA
                    certificate and <code>{caStem}.key</code> its private key; they write{' '}
                    <code>verification.pem</code>.
                  </Typography>
                  <Box
                    sx={{
                      position: 'relative',
                      bgcolor: 'action.hover',
                      borderRadius: 1,
                      p: 1.5,
                      pr: 6,
                    }}
                  >
                    <Box
                      component="pre"
                      aria-label="openssl commands"
                      sx={{ m: 0, fontSize: '0.8rem', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
                    >
                      {commands.join('\n')}
                    </Box>
                    <Tooltip title="Copy the commands">
                      <IconButton
                        aria-label="Copy the commands"
                        size="small"
                        sx={{ position: 'absolute', top: 6, right: 6 }}
                        onClick={() => void handleCopyCommands()}
                      >
                        <ContentCopyIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  </Box>
                </>
              ) : (
                <Typography variant="body2" color="text.secondary">
                  Generate a code first: the commands include it.
                </Typography>
              )}
            </StepContent>
          </Step>
          <Step completed={info !== undefined && !verifyError} expanded>
            <StepLabel
              error={Boolean(verifyError)}
              optional={
                verifyError ? (
                  <Typography variant="caption" color="error">
                    Refused: see the reason above
                  </Typography>
                ) : undefined
              }
            >
              Upload the verification certificate
            </StepLabel>
            <StepContent>
              <FileDrop
                label="Choose the verification certificate"
                accept={CERTIFICATE_FILE_TYPES}
                disabled={isVerified}
                onFile={(file) => void handleFile(file)}
                fileName={chosen?.fileName}
                error={chosen && 'error' in chosen ? chosen.error : undefined}
                helperText={
                  info
                    ? `Subject: ${isolateText(info.subject)} · issued by ${isolateText(info.issuer)}`
                    : `PEM or DER (.pem, .cer, .crt or .der), ${certificateLimitText('verification')}.`
                }
              />
            </StepContent>
          </Step>
          <Step completed={isVerified} expanded>
            <StepLabel>Verify</StepLabel>
            <StepContent>
              {isVerified ? (
                <Alert severity="success">
                  Verified. Devices whose certificates chain to this CA can now register through "{groupName}
                  ".
                </Alert>
              ) : (
                <>
                  <Button
                    variant="contained"
                    disabled={!code || !info || verify.isPending}
                    onClick={() => void handleVerify()}
                  >
                    Verify
                  </Button>
                </>
              )}
            </StepContent>
          </Step>
        </Stepper>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant={isVerified ? 'contained' : 'text'}>
          {isVerified ? 'Done' : 'Close'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
