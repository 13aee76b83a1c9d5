import { Alert, Box, TextField, Typography } from '@mui/material';
import { FileDrop } from '../../../components/file-drop';
import {
  certificateLimitText,
  checkPrivateKeyFileSize,
  formatFileSize,
  PRIVATE_KEY_MAX_BYTES,
} from '../../../lib/certificate-limits';
import { checkKeyMatchesCertificate, importPrivateKey } from '../../../lib/private-key';
import { readCertificateFile } from '../../../lib/read-certificate-file';
import { checkValidity, type CertificateInfo } from '../../../lib/x509';
import { useLatestCall } from '../../../components/use-latest-call';

export interface X509Value {
  registrationId: string;
  certificateFile?: string;
  certificate?: { leaf: CertificateInfo; chain: CertificateInfo[] };
  certificateError?: string;
  keyFile?: string;
  privateKey?: CryptoKey;
  /** The key as base64 DER (PKCS#8), for DPS over HTTPS, where the console server presents it. */
  privateKeyPkcs8?: string;
  keyDescription?: string;
  keyError?: string;
}

export interface X509FieldsProps {
  value: X509Value;
  onChange: (change: Partial<X509Value>) => void;
  errors: { registrationId?: string; certificate?: string; key?: string };
  disabled?: boolean;
  /** The device registers over DPS's HTTPS endpoint, where the console server presents the key in TLS. */
  isKeySentToServer?: boolean;
}

const readFile = async (file: File) => new Uint8Array(await file.arrayBuffer());
const day = (date: Date) => date.toISOString().slice(0, 10);

async function keyProblem(
  key: CryptoKey | undefined,
  leaf: CertificateInfo | undefined,
): Promise<string | undefined> {
  if (!key || !leaf) return undefined;
  return (await checkKeyMatchesCertificate(key, leaf)) ?? undefined;
}

/** The device certificate (with its chain) and its private key, as files the operator chooses. */
export function X509Fields({ value, onChange, errors, disabled, isKeySentToServer }: X509FieldsProps) {
  const readLatest = useLatestCall(readCertificateFile);
  const handleCertificate = async (file: File) => {
    const result = await readLatest(file, 'device');
    if (!result) return; // another file was picked meanwhile
    if (!result.ok) {
      onChange({ certificateFile: file.name, certificate: undefined, certificateError: result.message });
      return;
    }
    const certificate = { leaf: result.cert, chain: result.chain };
    onChange({
      certificateFile: file.name,
      certificate,
      certificateError: undefined,
      registrationId: result.cert.subjectCommonName ?? value.registrationId,
      keyError: await keyProblem(value.privateKey, result.cert),
    });
  };

  const handleKey = async (file: File) => {
    // Bounded before it is read: a key is a few kilobytes, and parsing runs on this page's main thread.
    const tooLarge = checkPrivateKeyFileSize(file.size);
    const result = tooLarge ? { ok: false as const, message: tooLarge } : await importPrivateKey(await readFile(file));
    if (!result.ok) {
      onChange({
        keyFile: file.name,
        privateKey: undefined,
        privateKeyPkcs8: undefined,
        keyDescription: undefined,
        keyError: result.message,
      });
      return;
    }
    onChange({
      keyFile: file.name,
      privateKey: result.key,
      privateKeyPkcs8: result.pkcs8,
      keyDescription: result.description,
      keyError: await keyProblem(result.key, value.certificate?.leaf),
    });
  };

  const leaf = value.certificate?.leaf;
  const validity = leaf && checkValidity(leaf, new Date());
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <FileDrop
        label="Choose certificate"
        accept=".pem,.cer,.crt,.der"
        onFile={(file) => void handleCertificate(file)}
        fileName={value.certificateFile}
        error={value.certificateError ?? errors.certificate}
        helperText={`The device certificate (PEM or DER). A PEM file may carry the chain after it: leaf first, then intermediates; ${certificateLimitText('device')}.`}
        disabled={disabled}
      />
      {leaf && (
        <Box sx={{ pl: 1 }}>
          <Typography variant="body2">
            <strong>CN={leaf.subjectCommonName ?? '(none)'}</strong>, issued by{' '}
            {leaf.issuerCommonName ?? leaf.issuer}, valid {day(leaf.notBefore)} to {day(leaf.notAfter)} ·{' '}
            {leaf.publicKeyDetail}
            {value.certificate &&
              value.certificate.chain.length > 0 &&
              ` · chain: ${value.certificate.chain.length} more`}
          </Typography>
          <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
            SHA-1 {leaf.sha1Thumbprint}
          </Typography>
          {validity && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              {validity.message} DPS will refuse it.
            </Alert>
          )}
        </Box>
      )}
      <FileDrop
        label="Choose private key"
        accept=".pem,.key,.der"
        onFile={(file) => void handleKey(file)}
        fileName={
          value.keyFile &&
          (value.keyDescription ? `${value.keyFile} (${value.keyDescription})` : value.keyFile)
        }
        error={value.keyError ?? errors.key}
        helperText={
          isKeySentToServer
            ? `The certificate's private key (PEM: PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY; up to ${formatFileSize(PRIVATE_KEY_MAX_BYTES)}). Over HTTPS the console server presents it in the TLS handshake for each request, as the device would; it is not stored.`
            : `The certificate's private key (PEM: PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY; up to ${formatFileSize(PRIVATE_KEY_MAX_BYTES)}). It stays in this page: it signs the proof of possession with WebCrypto and is never sent.`
        }
        disabled={disabled}
      />
      <TextField
        label="Registration ID"
        value={value.registrationId}
        onChange={(event) => onChange({ registrationId: event.target.value.trim() })}
        error={Boolean(errors.registrationId)}
        helperText={
          errors.registrationId ??
          "DPS requires the certificate's common name (CN); it is filled in from the certificate."
        }
        disabled={disabled}
        slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
      />
    </Box>
  );
}
