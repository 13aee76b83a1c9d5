import { Chip } from '@mui/material';

export interface EnrollmentGroupStatusChipProps {
  isEnabled: boolean;
}

export function EnrollmentGroupStatusChip({ isEnabled }: EnrollmentGroupStatusChipProps) {
  return isEnabled ? (
    <Chip label="Enabled" color="success" variant="outlined" />
  ) : (
    <Chip label="Disabled" color="default" variant="outlined" />
  );
}
