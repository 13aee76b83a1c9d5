// The top bar's secondary controls as one menu, for narrow screens. Loaded when first opened: the first
// load draws only its button.
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import PersonIcon from '@mui/icons-material/PersonOutlined';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import TuneIcon from '@mui/icons-material/Tune';
import { ListItemIcon, ListItemText, Menu, MenuItem } from '@mui/material';
import { isDemo } from './config';
import { ROLE_LABELS, useRole, type Role } from './role';
import { useResetDemo, useSwitchRole, useThemeToggle } from './top-bar-actions';

export interface TopBarMenuProps {
  anchor: HTMLElement | null;
  onClose: () => void;
  onOpenDemoSettings: () => void;
}

export function TopBarMenu({ anchor, onClose: close, onOpenDemoSettings }: TopBarMenuProps) {
  const role = useRole();
  const switchRole = useSwitchRole();
  const resetDemo = useResetDemo();
  const theme = useThemeToggle();
  const otherRole: Role = role === 'administrator' ? 'operator' : 'administrator';
  return (
    <Menu anchorEl={anchor} open={anchor !== null} onClose={close}>
      {isDemo && (
        <MenuItem
          onClick={() => {
            close();
            switchRole(otherRole);
          }}
        >
          <ListItemIcon>
            <PersonIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText primary={`Switch to ${ROLE_LABELS[otherRole]}`} secondary={`Role: ${ROLE_LABELS[role]}`} />
        </MenuItem>
      )}
      {isDemo && (
        <MenuItem
          onClick={() => {
            close();
            void resetDemo();
          }}
        >
          <ListItemIcon>
            <RestartAltIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText primary="Reset demo data" />
        </MenuItem>
      )}
      {isDemo && (
        <MenuItem
          onClick={() => {
            close();
            onOpenDemoSettings();
          }}
        >
          <ListItemIcon>
            <TuneIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText primary="Demo settings" />
        </MenuItem>
      )}
      <MenuItem
        onClick={() => {
          close();
          theme.toggle();
        }}
      >
        <ListItemIcon>{theme.isDark ? <LightModeIcon fontSize="small" /> : <DarkModeIcon fontSize="small" />}</ListItemIcon>
        <ListItemText primary={theme.label} />
      </MenuItem>
    </Menu>
  );
}
