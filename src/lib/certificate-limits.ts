// What a certificate file may hold, per upload: its size and how many certificates. The same rules
// serve the upload controls (the helper text under each picker, the worker's verdict) and the demo
// backend (a 400 with the same words), so a file is bounded before anything parses it.
/** The certificate uploads: a group's CA, its verification certificate, a device's own certificate. */
export type CertificateFileKind = 'ca' | 'verification' | 'device';

export interface CertificateFileRule {
  maxBytes: number;
  maxCertificates: number;
  /** The start of the verdict on too many certificates: "A CA upload holds one certificate". */
  holds: string;
  /** What to choose instead. */
  instead: string;
}

const MB = 1024 * 1024;

/**
 * [inferred] IoT Central documents no limits. A certificate is a few kilobytes and a chain a few of
 * them: 1 MB and 256 KB fit any real file with room to spare, and bound the work a file can cause.
 * A device may send its chain with its certificate; ten certificates is a deep chain.
 */
export const CERTIFICATE_FILE_RULES: Record<CertificateFileKind, CertificateFileRule> = {
  ca: {
    maxBytes: MB,
    maxCertificates: 1,
    holds: 'A CA upload holds one certificate',
    instead: 'Upload the root or intermediate CA certificate on its own.',
  },
  verification: {
    maxBytes: MB,
    maxCertificates: 1,
    holds: 'A verification certificate file holds one certificate',
    instead: 'Upload the verification certificate that openssl made (verification.pem) on its own.',
  },
  device: {
    maxBytes: 256 * 1024,
    maxCertificates: 10,
    holds: 'A device certificate file holds the certificate and its chain, up to 10 certificates',
    instead: "Choose the device's own certificate file; its chain may follow it.",
  },
};

/** "1.0 MB", "256 KB". */
export function formatFileSize(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** What an upload control says under its picker: "up to 1 MB, one certificate". */
export function certificateLimitText(kind: CertificateFileKind): string {
  const { maxBytes, maxCertificates } = CERTIFICATE_FILE_RULES[kind];
  const count = maxCertificates === 1 ? 'one certificate' : `${maxCertificates} certificates`;
  return `up to ${formatFileSize(maxBytes)} and ${count}`;
}

/** Null when a certificate file of `size` bytes may be read; otherwise the verdict, before reading it. */
export function checkCertificateFileSize(size: number, kind: CertificateFileKind): string | null {
  const { maxBytes } = CERTIFICATE_FILE_RULES[kind];
  if (size <= maxBytes) return null;
  return `The file is ${formatFileSize(size)}, larger than the ${formatFileSize(maxBytes)} a certificate file may be. Choose the certificate file itself (.pem, .cer, .crt or .der).`;
}

/** Null when a file may hold `count` certificates; otherwise the verdict. `file` names it: "file", "one". */
export function checkCertificateCount(
  count: number,
  kind: CertificateFileKind,
  file = 'file',
): string | null {
  const rule = CERTIFICATE_FILE_RULES[kind];
  if (count <= rule.maxCertificates) return null;
  return `${rule.holds}; this ${file} has ${count.toLocaleString('en-US')}. ${rule.instead}`;
}

/** [inferred] A private key file is a few kilobytes (an RSA 4096 key in PEM is about 3.3 KB): 64 KB fits any. */
export const PRIVATE_KEY_MAX_BYTES = 64 * 1024;

/** Null when a private key file of `size` bytes may be read; otherwise the verdict, before reading it. */
export function checkPrivateKeyFileSize(size: number): string | null {
  if (size <= PRIVATE_KEY_MAX_BYTES) return null;
  return `The file is ${formatFileSize(size)}, larger than the ${formatFileSize(PRIVATE_KEY_MAX_BYTES)} a private key file may be. Choose the key's own file (.pem, .key or .der).`;
}
