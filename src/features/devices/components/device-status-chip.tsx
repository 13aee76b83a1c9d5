import { Chip, type ChipProps } from '@mui/material';
import { DEVICE_STATUS_LABELS, type DeviceStatus } from '../../../lib/device-status';

const COLORS: Record<DeviceStatus, ChipProps['color']> = {
  provisioned: 'success',
  registered: 'info',
  waitingForApproval: 'warning',
  blocked: 'error',
  unassociated: 'default',
};

export interface DeviceStatusChipProps {
  status: DeviceStatus;
}

export function DeviceStatusChip({ status }: DeviceStatusChipProps) {
  return <Chip label={DEVICE_STATUS_LABELS[status]} color={COLORS[status]} variant="outlined" />;
}
