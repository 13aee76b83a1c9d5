import { Divider, Menu, MenuItem } from '@mui/material';
import { styled } from '@mui/material/styles';
import { useState } from 'react';
import type { ExtendedDevice } from '../../../api/extensions';
import { actionsFor, type DeviceActionName } from '../../../lib/device-actions';
import { actionHint, DEVICE_ACTIONS, deviceLabel } from '../actions';

export interface DeviceRowMenuProps {
  device: ExtendedDevice;
  onAction: (action: DeviceActionName, device: ExtendedDevice) => void;
  onConnect?: (device: ExtendedDevice) => void;
  /** The grid's roving tabIndex: 0 in the focused cell only, so the grid stays one Tab stop. */
  tabIndex?: 0 | -1;
}

// One element per row rather than an IconButton (ButtonBase, ripple, SvgIcon): the grid draws one in every
// row on each page, sort and filter. It looks and behaves like a small IconButton.
const MenuButton = styled('button')(({ theme }) => {
  const { palette } = theme.vars ?? theme;
  return {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: 30,
    height: 30,
    padding: 0,
    border: 0,
    borderRadius: '50%',
    background: 'none',
    color: palette.action.active,
    cursor: 'pointer',
    verticalAlign: 'middle',
    '&:hover': { backgroundColor: palette.action.hover },
    '&:focus-visible': { outline: `2px solid ${palette.primary.main}`, outlineOffset: -2 },
    '& svg': { width: 20, height: 20, fill: 'currentColor' },
  };
});

/** Material's MoreVert icon. */
const MORE_VERT =
  'M12 8c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2m0 2c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2m0 6c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2';

export function DeviceRowMenu({ device, onAction, onConnect, tabIndex = 0 }: DeviceRowMenuProps) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  // The menu exists only while open (and closing): 25 to 100 rows need not each carry a closed one.
  const [isMenuMounted, setIsMenuMounted] = useState(false);
  const close = () => setAnchor(null);
  const menuId = `device-menu-${device.id}`;
  return (
    <>
      <MenuButton
        type="button"
        // The grid moves the focus into a cell's element with tabindex="0" when it focuses the cell.
        tabIndex={tabIndex}
        aria-label={`Actions for ${deviceLabel(device)}`}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        onClick={(e) => {
          e.stopPropagation();
          setIsMenuMounted(true);
          setAnchor(e.currentTarget);
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d={MORE_VERT} />
        </svg>
      </MenuButton>
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
              title={actionHint(name)}
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
