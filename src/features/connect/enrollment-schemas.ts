// The individual-enrollment forms: their zod schemas (the same lib checks the demo backend runs) and
// the API request each form's values become.
import { z } from '../../lib/zod';
import type { Attestation } from '../../api/types';
import { checkSymmetricKey } from '../../lib/sas-keys';
import { decodeEndorsementKey } from '../../lib/tpm';
import type { CertificateUpload } from './certificate-upload';

/** What the dialog sends: a whole enrollment (PUT), or the changed part of the saved one (PATCH). */
export interface EnrollmentRequest {
  attestation: Attestation;
  isPatch: boolean;
}

const symmetricKey = z
  .string()
  .trim()
  .superRefine((key, ctx) => {
    const problem = checkSymmetricKey(key);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const symmetricKeySchema = z.object({ primaryKey: symmetricKey, secondaryKey: symmetricKey });
export type SymmetricKeyValues = z.infer<typeof symmetricKeySchema>;

export function symmetricKeyRequest(values: SymmetricKeyValues): EnrollmentRequest {
  return {
    attestation: {
      type: 'symmetricKey',
      symmetricKey: { primaryKey: values.primaryKey, secondaryKey: values.secondaryKey },
    },
    isPatch: false,
  };
}

export const tpmSchema = z.object({
  endorsementKey: z
    .string()
    .transform((text) => text.replace(/\s+/g, ''))
    .superRefine((key, ctx) => {
      const decoded = decodeEndorsementKey(key);
      if (!decoded.ok) ctx.addIssue({ code: 'custom', message: decoded.error });
    }),
});
export type TpmInput = z.input<typeof tpmSchema>;
export type TpmValues = z.output<typeof tpmSchema>;

export function tpmRequest(values: TpmValues): EnrollmentRequest {
  return { attestation: { type: 'tpm', tpm: { endorsementKey: values.endorsementKey } }, isPatch: false };
}

const upload = z.custom<CertificateUpload>(
  (value) => typeof value === 'object' && value !== null && 'status' in value && 'fileName' in value,
);

export interface X509Saved {
  /** SHA-1 thumbprints of the saved enrollment's certificates; absent when it is not X.509. */
  primary?: string;
  secondary?: string;
}

/** Primary is required unless one is saved; whatever is uploaded must pass the device-certificate checks. */
export function x509Schema(saved: X509Saved) {
  return z
    .object({ primary: upload.optional(), secondary: upload.optional() })
    .superRefine(({ primary, secondary }, ctx) => {
      for (const [path, value] of [
        ['primary', primary],
        ['secondary', secondary],
      ] as const) {
        if (value?.status === 'invalid')
          ctx.addIssue({ code: 'custom', path: [path], message: value.message });
      }
      if (!primary && !saved.primary) {
        ctx.addIssue({
          code: 'custom',
          path: ['primary'],
          message: 'Upload the primary certificate (.pem, .cer or .crt).',
        });
      } else if (!primary && !secondary) {
        ctx.addIssue({
          code: 'custom',
          path: ['primary'],
          message: 'Upload a new primary or secondary certificate to change the enrollment.',
        });
      }
    });
}
export type X509Values = z.infer<ReturnType<typeof x509Schema>>;

/**
 * A new X.509 enrollment is a PUT with both certificates; changing a saved one is a merge PATCH with
 * only the certificates that were uploaded, so the other one is kept.
 */
export function x509Request(values: X509Values, saved: X509Saved): EnrollmentRequest {
  const entry = (value: CertificateUpload | undefined) =>
    value?.status === 'ok' ? { certificate: value.cert.derBase64 } : undefined;
  const primary = entry(values.primary);
  const secondary = entry(values.secondary);
  if (saved.primary) {
    const clientCertificates = { ...(primary ? { primary } : {}), ...(secondary ? { secondary } : {}) };
    // A merge patch may leave out the primary certificate, which the full type requires.
    return { attestation: { type: 'x509', x509: { clientCertificates } } as Attestation, isPatch: true };
  }
  if (!primary)
    throw new Error('x509Request needs a valid primary certificate: validate with x509Schema first.');
  return {
    attestation: {
      type: 'x509',
      x509: { clientCertificates: { primary, ...(secondary ? { secondary } : {}) } },
    },
    isPatch: false,
  };
}
