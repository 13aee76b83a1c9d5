// The app bar's controls. From `md` up they sit in the bar; below it, the secondary ones (role, Reset demo
// data, Demo settings, theme) fold into one "More" menu, and the bar keeps the title and Device operations.
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import MenuIcon from '@mui/icons-material/Menu';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import NotificationsIcon from '@mui/icons-material/NotificationsOutlined';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import TuneIcon from '@mui/icons-material/Tune';
import { Box, Button, Chip, IconButton, MenuItem, TextField, Toolbar, Tooltip, Typography } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { isDemo } from './config';
import { ROLE_LABELS, useRole, type Role } from './role';
import { SignedIn } from './signed-in';
import { useResetDemo, useSwitchRole, useThemeToggle } from './top-bar-actions';

const TopBarMenu = lazy(async () => ({ default: (await import('./top-bar-menu')).TopBarMenu }));
// The bell and its badge follow the first rows by a moment: the reports' list and its runner are not
// needed to draw them. Until then the bell stands there, inactive.
const DeviceOperationsButton = lazy(async () => ({
  default: (await import('../features/import-export/components/device-operations-button')).DeviceOperationsButton,
}));
// This tab's device actions with their Undo, in the Device operations panel: loaded when the panel first opens.
const RecentActions = lazy(async () => ({
  default: (await import('../features/devices/components/recent-actions')).RecentActions,
}));

// Loaded when first opened: it is not needed for the first rows. Demo only: a real-application build
// leaves it out (the literal test lets the bundler drop the chunk).
const DemoSettingsDialog =
  import.meta.env.VITE_BACKEND === 'real'
    ? () => null
    : lazy(async () => ({ default: (await import('./demo-settings-dialog')).DemoSettingsDialog }));

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

/** The secondary controls in one menu, for narrow screens; the menu loads when first opened. */
function MoreMenu({ onOpenDemoSettings }: { onOpenDemoSettings: () => void }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [hasOpened, setHasOpened] = useState(false);
  return (
    <>
      <IconButton
        color="inherit"
        aria-label="More options"
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(e) => {
          setHasOpened(true);
          setAnchor(e.currentTarget);
        }}
      >
        <MoreVertIcon />
      </IconButton>
      {hasOpened && (
        <Suspense fallback={null}>
          <TopBarMenu anchor={anchor} onClose={() => setAnchor(null)} onOpenDemoSettings={onOpenDemoSettings} />
        </Suspense>
      )}
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
      <Suspense
        fallback={
          <IconButton color="inherit" aria-label="Device operations" disabled>
            <NotificationsIcon />
          </IconButton>
        }
      >
        <DeviceOperationsButton
          extra={
            <Suspense fallback={null}>
              <RecentActions />
            </Suspense>
          }
        />
      </Suspense>
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
