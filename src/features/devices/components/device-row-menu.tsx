import MoreVertIcon from '@mui/icons-material/MoreVert';
import { Divider, IconButton, Menu, MenuItem } from '@mui/material';
import { useState } from 'react';
import type { ExtendedDevice } from '../../../api/extensions';
import { actionsFor, DEVICE_ACTIONS, deviceLabel, type DeviceActionName } from '../actions';

export interface DeviceRowMenuProps {
  device: ExtendedDevice;
  onAction: (action: DeviceActionName, device: ExtendedDevice) => void;
  onConnect?: (device: ExtendedDevice) => void;
}

export function DeviceRowMenu({ device, onAction, onConnect }: DeviceRowMenuProps) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  // The menu exists only while open (and closing): 25 to 100 rows need not each carry a closed one.
  const [isMenuMounted, setIsMenuMounted] = useState(false);
  const close = () => setAnchor(null);
  const menuId = `device-menu-${device.id}`;
  return (
    <>
      <IconButton
        size="small"
        aria-label={`Actions for ${deviceLabel(device)}`}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        onClick={(e) => {
          e.stopPropagation();
          setIsMenuMounted(true);
          setAnchor(e.currentTarget);
        }}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      {isMenuMounted && (
        <Menu
          id={menuId}
          anchorEl={anchor}
          open={Boolean(anchor)}
          onClose={close}
          slotProps={{ transition: { onExited: () => setIsMenuMounted(false) } }}
        >
          {onConnect && (
            <MenuItem
              onClick={() => {
                close();
                onConnect(device);
              }}
            >
              Connect
            </MenuItem>
          )}
          {onConnect && <Divider />}
          {actionsFor(device).map((name) => (
            <MenuItem
              key={name}
              onClick={() => {
                close();
                onAction(name, device);
              }}
              sx={name === 'delete' ? { color: 'error.main' } : undefined}
            >
              {DEVICE_ACTIONS[name].label}
            </MenuItem>
          ))}
        </Menu>
      )}
    </>
  );
}
