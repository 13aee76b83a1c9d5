import GppMaybeIcon from '@mui/icons-material/GppMaybe';
import VerifiedIcon from '@mui/icons-material/Verified';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Chip, Tooltip } from '@mui/material';
import type { ExtendedSigningCertificate } from '../../../api/extensions';

export interface CertificateStatusChipProps {
  certificate: ExtendedSigningCertificate;
}

export function CertificateStatusChip({ certificate }: CertificateStatusChipProps) {
  if (!certificate.verified) {
    return (
      <Tooltip title="Devices cannot use this certificate until you prove you hold its private key (Verify).">
        <Chip
          icon={<GppMaybeIcon />}
          label="Unverified"
          color="warning"
          variant="outlined"
          // The warning orange is too light for text; the border and icon carry the colour.
          sx={{ color: 'text.primary' }}
        />
      </Tooltip>
    );
  }
  if (certificate.extensions?.verifiedOnUpload) {
    return (
      <Tooltip title="Marked verified when it was uploaded: proof of possession was skipped.">
        <Chip icon={<WarningAmberIcon />} label="Verified on upload" color="success" variant="outlined" />
      </Tooltip>
    );
  }
  return <Chip icon={<VerifiedIcon />} label="Verified" color="success" />;
}
