// The certificate file check, off the main thread: a thin wrapper around checkCertificateBlob. Started
// by read-certificate-file.ts with `new Worker(new URL('./certificate-worker.ts', import.meta.url), …)`.
import {
  checkCertificateBlob,
  type CertificateWorkerMessage,
  type CertificateWorkerRequest,
} from './certificate-worker-protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CertificateWorkerRequest>) => void) | null;
  postMessage(message: CertificateWorkerMessage): void;
};

scope.onmessage = (event) => {
  const { file, kind } = event.data;
  checkCertificateBlob(file, kind).then(
    (verdict) => scope.postMessage({ type: 'done', verdict }),
    (error: unknown) =>
      scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
