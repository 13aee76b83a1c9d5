// An uploaded device certificate for an individual X.509 enrollment: read it (PEM or DER) and check
// it as IoT Central will (the device's own leaf, CN = device ID, valid now). Pure; the UI shows the result.
import { checkCertificateFileSize } from '../../lib/certificate-limits';
import { readCertificateFile } from '../../lib/read-certificate-file';
import { checkDeviceCertificate, type CertificateInfo } from '../../lib/x509';

/** .pem, .cer and .crt as IoT Central asks; .der too, which is how many tools name a DER file. */
export const CERTIFICATE_EXTENSIONS = ['.pem', '.cer', '.crt', '.der'] as const;

export type CertificateUpload =
  | {
      status: 'ok';
      fileName: string;
      cert: CertificateInfo;
      /** Other certificates in the file (a chain): they are not enrolled. */
      extraCertificates: number;
    }
  | {
      status: 'invalid';
      fileName: string;
      message: string;
      /** The certificate, when it could be read but fails a check (shown so the operator sees why). */
      cert?: CertificateInfo;
    };

export const OPENSSL_CA_HINT =
  'openssl req -x509 makes CA certificates by default: add -addext "basicConstraints=critical,CA:FALSE" to make a device certificate.';

/** A problem with the file itself (type, size), before reading it; null when it is worth reading. */
export function checkCertificateFile(fileName: string, size: number): string | null {
  const lower = fileName.toLowerCase();
  if (!CERTIFICATE_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    return `"${fileName}" is not a certificate file. Choose a .pem, .cer, .crt or .der file (PEM or DER).`;
  }
  if (size === 0) return `"${fileName}" is empty. Choose the certificate file (.pem, .cer or .crt).`;
  return checkCertificateFileSize(size, 'device');
}

/** UTC, to the minute, as the certificate checks word their dates: "2026-10-01 08:00 UTC". */
export function formatCertificateDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Checks a chosen file: its name and size first, then what it holds (read in a worker, within the
 * device certificate's limits). Never throws.
 */
export async function readCertificateUpload(
  file: File,
  deviceId: string,
  now: Date,
): Promise<CertificateUpload> {
  const fileProblem = checkCertificateFile(file.name, file.size);
  if (fileProblem) return { status: 'invalid', fileName: file.name, message: fileProblem };
  const parsed = await readCertificateFile(file, 'device');
  if (!parsed.ok) return { status: 'invalid', fileName: file.name, message: parsed.message };
  const problem = checkDeviceCertificate(parsed.cert, deviceId, now);
  if (problem) {
    // `openssl req -x509` marks a certificate CA:TRUE unless told otherwise: the usual way to get here.
    const isOpensslDefault =
      problem.reason === 'is-ca' && parsed.cert.isSelfSigned && parsed.cert.subjectCommonName === deviceId;
    const message = isOpensslDefault ? `${problem.message} ${OPENSSL_CA_HINT}` : problem.message;
    return { status: 'invalid', fileName: file.name, message, cert: parsed.cert };
  }
  return { status: 'ok', fileName: file.name, cert: parsed.cert, extraCertificates: parsed.chain.length };
}
