// One hook per certificate action. The dialogs show their own errors (the reason a certificate is
// refused belongs next to it), so these opt out of the global error notification.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createEnrollmentGroupCertificate,
  deleteEnrollmentGroupCertificate,
  generateVerificationCode,
  verifyCertificate,
} from '../../api/enrollment-groups';
import { enrollmentGroupQueries } from '../../api/queries';
import type { CertificateEntry } from '../../api/types';

const HANDLED_LOCALLY = { isErrorHandledLocally: true };

export interface CertificateTarget {
  groupId: string;
  entry: CertificateEntry;
}

export function useUploadGroupCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: HANDLED_LOCALLY,
    mutationFn: ({
      groupId,
      entry,
      certificate,
      isVerifiedOnUpload,
      etag,
    }: CertificateTarget & { certificate: string; isVerifiedOnUpload: boolean; etag?: string }) =>
      createEnrollmentGroupCertificate(groupId, entry, { certificate, verified: isVerifiedOnUpload, etag }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enrollmentGroupQueries.all() }),
  });
}

export function useDeleteGroupCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: HANDLED_LOCALLY,
    mutationFn: ({ groupId, entry }: CertificateTarget) => deleteEnrollmentGroupCertificate(groupId, entry),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enrollmentGroupQueries.all() }),
  });
}

export function useGenerateVerificationCode() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: HANDLED_LOCALLY,
    mutationFn: async ({ groupId, entry }: CertificateTarget) => {
      const { verificationCode } = await generateVerificationCode(groupId, entry);
      if (!verificationCode) throw new Error('The server did not return a verification code. Try again.');
      return verificationCode;
    },
    // The certificate's etag changed.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enrollmentGroupQueries.all() }),
  });
}

export function useVerifyCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: HANDLED_LOCALLY,
    mutationFn: ({ groupId, entry, certificate }: CertificateTarget & { certificate: string }) =>
      verifyCertificate(groupId, entry, certificate),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enrollmentGroupQueries.all() }),
  });
}
