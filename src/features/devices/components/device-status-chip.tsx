import { styled } from '@mui/material/styles';
import { DEVICE_STATUS_LABELS, type DeviceStatus } from '../../../lib/device-status';

type ChipColor = 'success' | 'info' | 'warning' | 'error' | 'default';

const COLORS: Record<DeviceStatus, ChipColor> = {
  provisioned: 'success',
  registered: 'info',
  waitingForApproval: 'warning',
  blocked: 'error',
  disabled: 'error',
  unassociated: 'default',
};

// Looks like MUI's small outlined Chip but is one element: the grid draws one in every row on each page,
// sort and filter, and a Chip is several components each time (README, Performance).
const Chip = styled('span')(({ theme }) => {
  const { palette } = theme.vars ?? theme;
  return {
    display: 'inline-block',
    boxSizing: 'border-box',
    height: 24,
    maxWidth: '100%',
    padding: '0 8px',
    borderRadius: 12,
    border: '1px solid',
    fontFamily: theme.typography.fontFamily,
    fontSize: theme.typography.pxToRem(13),
    lineHeight: '22px',
    whiteSpace: 'nowrap',
    // A narrow column (a phone) cuts a long status with an ellipsis; the title has it whole.
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    verticalAlign: 'middle',
    color: palette.text.primary,
    borderColor: palette.divider,
    '&[data-color="success"]': { color: palette.success.main },
    '&[data-color="info"]': { color: palette.info.main },
    '&[data-color="warning"]': { color: palette.warning.main },
    '&[data-color="error"]': { color: palette.error.main },
    '&:not([data-color="default"])': { borderColor: 'color-mix(in srgb, currentColor 70%, transparent)' },
  };
});

export interface DeviceStatusChipProps {
  status: DeviceStatus;
}

export function DeviceStatusChip({ status }: DeviceStatusChipProps) {
  const label = DEVICE_STATUS_LABELS[status];
  return (
    <Chip data-color={COLORS[status]} title={label}>
      {label}
    </Chip>
  );
}
