// The app bar's controls. From `md` up they sit in the bar; below it, the secondary ones (role, Reset demo
// data, Demo settings, theme) fold into one "More" menu, and the bar keeps the title and Device operations.
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import MenuIcon from '@mui/icons-material/Menu';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import PersonIcon from '@mui/icons-material/PersonOutlined';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import TuneIcon from '@mui/icons-material/Tune';
import {
  Box,
  Button,
  Chip,
  IconButton,
  ListItemIcon,
  ListItemText,
  Menu,
  MenuItem,
  TextField,
  Toolbar,
  Tooltip,
  Typography,
} from '@mui/material';
import { useColorScheme } from '@mui/material/styles';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { resetDemoData } from '../api/settings';
import { useConfirm } from '../components/confirm-dialog';
import { notify } from '../components/notifications';
import { DeviceOperationsButton } from '../features/import-export/components/device-operations-button';
import { isDemo } from './config';

// This tab's device actions with their Undo, in the Device operations panel: loaded when the panel first opens.
const RecentActions = lazy(async () => ({
  default: (await import('../features/devices/components/recent-actions')).RecentActions,
}));
import { ROLE_LABELS, setRole, useRole, type Role } from './role';
import { SignedIn } from './signed-in';

// Loaded when first opened: it is not needed for the first rows. Demo only: a real-application build
// leaves it out (the literal test lets the bundler drop the chunk).
const DemoSettingsDialog =
  import.meta.env.VITE_BACKEND === 'real'
    ? () => null
    : lazy(async () => ({ default: (await import('./demo-settings-dialog')).DemoSettingsDialog }));

function useThemeToggle() {
  const { mode, systemMode, setMode } = useColorScheme();
  const isDark = (mode === 'system' ? systemMode : mode) === 'dark';
  return {
    isDark,
    label: isDark ? 'Switch to light theme' : 'Switch to dark theme',
    toggle: () => setMode(isDark ? 'light' : 'dark'),
  };
}

function useResetDemo() {
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  return async () => {
    const ok = await confirm({
      title: 'Reset demo data?',
      message: 'Every change you made in the demo is lost, and the seed devices, groups and templates come back.',
      confirmLabel: 'Reset demo data',
      isDestructive: true,
    });
    if (!ok) return;
    await resetDemoData();
    await queryClient.resetQueries();
    notify('Demo data reset to the seed.', 'success');
  };
}

function useSwitchRole() {
  const queryClient = useQueryClient();
  return (role: Role) => {
    setRole(role);
    // What the new role may see differs: load it again.
    void queryClient.resetQueries();
  };
}

function RoleSwitch() {
  const role = useRole();
  const switchRole = useSwitchRole();
  return (
    <TextField
      select
      size="small"
      label="Role"
      value={role}
      onChange={(e) => switchRole(e.target.value as Role)}
      sx={{
        minWidth: 150,
        '& .MuiInputBase-root, & .MuiInputLabel-root, & .MuiSvgIcon-root': { color: 'inherit' },
        '& .MuiOutlinedInput-notchedOutline': { borderColor: 'rgba(255,255,255,0.5)' },
      }}
    >
      {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
        <MenuItem key={r} value={r}>
          {ROLE_LABELS[r]}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The secondary controls in one menu, for narrow screens. */
function MoreMenu({ onOpenDemoSettings }: { onOpenDemoSettings: () => void }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const role = useRole();
  const switchRole = useSwitchRole();
  const resetDemo = useResetDemo();
  const theme = useThemeToggle();
  const otherRole: Role = role === 'administrator' ? 'operator' : 'administrator';
  const close = () => setAnchor(null);
  return (
    <>
      <IconButton
        color="inherit"
        aria-label="More options"
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        <MoreVertIcon />
      </IconButton>
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
    </>
  );
}

export interface TopBarProps {
  /** Below `md`: the navigation is a drawer behind the menu button, and the secondary controls fold into a menu. */
  isCompact: boolean;
  onOpenNavigation: () => void;
}

export function TopBar({ isCompact, onOpenNavigation }: TopBarProps) {
  const [isSettingsOpen, setIsSettingsOpen] = useState(false);
  const [hasOpenedSettings, setHasOpenedSettings] = useState(false);
  const resetDemo = useResetDemo();
  const theme = useThemeToggle();
  const openSettings = () => {
    setHasOpenedSettings(true);
    setIsSettingsOpen(true);
  };
  return (
    <Toolbar variant="dense" sx={{ gap: 1, px: { xs: 1, sm: 2 } }}>
      {isCompact && (
        <IconButton color="inherit" edge="start" aria-label="Open navigation" onClick={onOpenNavigation}>
          <MenuIcon />
        </IconButton>
      )}
      <Typography variant="h6" component="div" noWrap sx={{ fontSize: '1.05rem', fontWeight: 600 }}>
        Device console
      </Typography>
      {isDemo && (
        <Chip label="Demo" size="small" variant="outlined" sx={{ color: 'inherit', borderColor: 'currentColor' }} />
      )}
      <Box sx={{ flex: 1 }} />
      {!isCompact && isDemo && <RoleSwitch />}
      {!isCompact && !isDemo && <SignedIn />}
      {!isCompact && isDemo && (
        <Button color="inherit" startIcon={<RestartAltIcon />} onClick={() => void resetDemo()}>
          Reset demo data
        </Button>
      )}
      {!isCompact && isDemo && (
        <Tooltip title="Demo settings: latency and faults">
          <IconButton color="inherit" aria-label="Demo settings" onClick={openSettings}>
            <TuneIcon />
          </IconButton>
        </Tooltip>
      )}
      <DeviceOperationsButton
        extra={
          <Suspense fallback={null}>
            <RecentActions />
          </Suspense>
        }
      />
      {!isCompact && (
        <Tooltip title={theme.label}>
          <IconButton color="inherit" aria-label={theme.label} onClick={theme.toggle}>
            {theme.isDark ? <LightModeIcon /> : <DarkModeIcon />}
          </IconButton>
        </Tooltip>
      )}
      {isCompact && <MoreMenu onOpenDemoSettings={openSettings} />}
      {hasOpenedSettings && (
        <Suspense fallback={null}>
          <DemoSettingsDialog open={isSettingsOpen} onClose={() => setIsSettingsOpen(false)} />
        </Suspense>
      )}
    </Toolbar>
  );
}
