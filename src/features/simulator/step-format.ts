// How the simulator shows a protocol step: secrets (signatures) masked unless the operator asks to
// see them, long values (certificates, activation blobs) shortened, HTTP statuses with their phrase.
import type { DpsStep } from '../../lib/dps-client';
import { X509_HEADERS } from '../../lib/dps-protocol';

const REASONS: Record<number, string> = {
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export const statusText = (status: number) => `${status} ${REASONS[status] ?? ''}`.trim();

const MASK = '••••••';

function shorten(value: string, keep = 48): string {
  return value.length <= keep
    ? value
    : `${value.slice(0, keep)}… (${value.length.toLocaleString()} characters)`;
}

/** The SAS token with its signature masked: `sig=••••••`. */
export function maskSasToken(token: string): string {
  return token.replace(/([?&\s]sig=)[^&]*/i, `$1${MASK}`);
}

export function displayHeaders(headers: Record<string, string>, showSecrets: boolean): [string, string][] {
  return Object.entries(headers).map(([name, value]) => {
    const lower = name.toLowerCase();
    if (lower === 'authorization') return [name, showSecrets ? value : maskSasToken(value)];
    if (lower === X509_HEADERS.signature.toLowerCase()) return [name, showSecrets ? shorten(value) : MASK];
    if (lower === X509_HEADERS.certificate.toLowerCase() || lower === X509_HEADERS.chain.toLowerCase())
      return [name, shorten(value)];
    return [name, value];
  });
}

/** The body as indented JSON, with long strings (activation blobs, certificates) shortened. */
export function displayBody(body: unknown): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return shorten(body, 400);
  return JSON.stringify(
    body,
    (_, value: unknown) => (typeof value === 'string' ? shorten(value, 96) : value),
    2,
  );
}

/** A one-line title for a step. */
export function stepTitle(step: DpsStep): string {
  switch (step.kind) {
    case 'request':
      return `${step.method} ${step.url.replace(/^https:\/\/[^/]+/, '')}`;
    case 'response':
      return statusText(step.status);
    case 'wait':
      return `Wait ${step.seconds} ${step.seconds === 1 ? 'second' : 'seconds'} (Retry-After), then poll`;
    case 'tpm':
      return 'TPM activates the authentication key';
  }
}
