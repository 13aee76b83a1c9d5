import type { CertificateEntry } from '../../api/types';
import type { CertificateInfo } from '../../lib/x509';

export const ENTRY_LABELS: Record<CertificateEntry, string> = { primary: 'Primary', secondary: 'Secondary' };

/** "2026-10-01 08:00 UTC": unambiguous for operators in any time zone. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function caKind(info: CertificateInfo): string {
  if (!info.isCa) return 'Device (leaf) certificate';
  return info.isSelfSigned ? 'Root CA (self-signed)' : 'Intermediate CA';
}

export const DAY_MS = 86_400_000;

export type ExpiryState = 'expired' | 'soon' | 'ok';

export function expiryState(info: CertificateInfo, now: Date): ExpiryState {
  const left = info.notAfter.getTime() - now.getTime();
  if (left < 0) return 'expired';
  return left < 30 * DAY_MS ? 'soon' : 'ok';
}

/** File stem for the openssl commands: "Contoso Root CA" -> "contoso-root-ca". */
export function caFileStem(info: CertificateInfo | undefined): string {
  const stem = (info?.subjectCommonName ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return stem || 'ca';
}
