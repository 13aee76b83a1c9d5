import { useEffect, useState } from 'react';
import { parseCertificateFile, type CertificateInfo } from '../../lib/x509';

export type CertificateInfoState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ok'; info: CertificateInfo }
  | { status: 'error'; message: string };

/** Parses a base64 DER certificate from the API (undefined when the server did not send it). */
export function useCertificateInfo(derBase64: string | undefined): CertificateInfoState {
  const [state, setState] = useState<{ key: string | undefined; value: CertificateInfoState }>({
    key: undefined,
    value: { status: 'none' },
  });
  useEffect(() => {
    if (!derBase64) return;
    let isCurrent = true;
    void parseCertificateFile(derBase64).then((result) => {
      if (!isCurrent) return;
      setState({
        key: derBase64,
        value: result.ok ? { status: 'ok', info: result.cert } : { status: 'error', message: result.message },
      });
    });
    return () => {
      isCurrent = false;
    };
  }, [derBase64]);
  if (!derBase64) return { status: 'none' };
  return state.key === derBase64 ? state.value : { status: 'loading' };
}
