// The messages between the page and certificate-worker.ts, and the check the worker runs: the file's
// size, then how many certificates it holds, then the certificates themselves. What comes back is
// plain data (a parsed certificate cannot cross to the page); the page parses again only what it keeps.
import {
  checkCertificateCount,
  checkCertificateFileSize,
  type CertificateFileKind,
} from './certificate-limits';
import {
  parseCertificateFile,
  toCertificateData,
  type CertificateData,
  type CertificateProblem,
  type FileLimitProblemReason,
  type ParseProblemReason,
} from './x509';

export interface CertificateWorkerRequest {
  file: Blob;
  kind: CertificateFileKind;
}

export type CertificateFileProblem = CertificateProblem<ParseProblemReason | FileLimitProblemReason>;

/** The verdict on a certificate file: its first certificate and the rest (a chain), or why not. */
export type CertificateFileVerdict<C = CertificateData> =
  { ok: true; cert: C; chain: C[] } | ({ ok: false } & CertificateFileProblem);

export type CertificateWorkerMessage =
  { type: 'done'; verdict: CertificateFileVerdict } | { type: 'error'; message: string };

/** Reads and checks a certificate file within `kind`'s limits. Never throws. */
export async function checkCertificateBlob(
  file: Blob,
  kind: CertificateFileKind,
): Promise<CertificateFileVerdict> {
  const tooLarge = checkCertificateFileSize(file.size, kind);
  if (tooLarge) return { ok: false, reason: 'too-large', message: tooLarge };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, reason: 'empty', message: 'The file could not be read. Choose the file again.' };
  }
  const result = await parseCertificateFile(bytes, {
    checkCount: (count) => checkCertificateCount(count, kind),
  });
  if (!result.ok) return result;
  return { ok: true, cert: toCertificateData(result.cert), chain: result.chain.map(toCertificateData) };
}
