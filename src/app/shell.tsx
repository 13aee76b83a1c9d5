import DarkModeIcon from '@mui/icons-material/DarkMode';
import DevicesIcon from '@mui/icons-material/DevicesOther';
import LightModeIcon from '@mui/icons-material/LightMode';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import SchemaIcon from '@mui/icons-material/Schema';
import SettingsInputAntennaIcon from '@mui/icons-material/SettingsInputAntenna';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import ScienceIcon from '@mui/icons-material/ScienceOutlined';
import TuneIcon from '@mui/icons-material/Tune';
import {
  AppBar,
  MenuItem,
  TextField,
  Box,
  Button,
  Chip,
  Drawer,
  IconButton,
  LinearProgress,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  Toolbar,
  Tooltip,
  Typography,
} from '@mui/material';
import { useColorScheme } from '@mui/material/styles';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { resetDemoData } from '../api/settings';
import { DeviceOperationsButton } from '../features/import-export/components/device-operations-button';
import { useConfirm } from '../components/confirm-dialog';
import { notify } from '../components/notifications';
import { isDemo } from './config';
import { RouteErrorBoundary } from './route-error';
import { ROLE_LABELS, setRole, useRole, type Role } from './role';

const DRAWER_WIDTH = 248;

// Loaded when first opened: it is not needed for the first rows.
const DemoSettingsDialog = lazy(async () => ({ default: (await import('./demo-settings-dialog')).DemoSettingsDialog }));

function NavItem({ to, label, icon }: { to: string; label: string; icon: React.ReactNode }) {
  return (
    <ListItemButton component={NavLink} to={to} sx={{ '&.active': { bgcolor: 'action.selected', fontWeight: 600 } }}>
      <ListItemIcon sx={{ minWidth: 36 }}>{icon}</ListItemIcon>
      <ListItemText primary={label} />
    </ListItemButton>
  );
}

function ThemeToggle() {
  const { mode, systemMode, setMode } = useColorScheme();
  const isDark = (mode === 'system' ? systemMode : mode) === 'dark';
  const label = isDark ? 'Switch to light theme' : 'Switch to dark theme';
  return (
    <Tooltip title={label}>
      <IconButton color="inherit" aria-label={label} onClick={() => setMode(isDark ? 'light' : 'dark')}>
        {isDark ? <LightModeIcon /> : <DarkModeIcon />}
      </IconButton>
    </Tooltip>
  );
}

function ResetDemoButton() {
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const handleReset = async () => {
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
  return (
    <Button color="inherit" startIcon={<RestartAltIcon />} onClick={() => void handleReset()}>
      Reset demo data
    </Button>
  );
}

function RoleSwitch() {
  const role = useRole();
  const queryClient = useQueryClient();
  return (
    <TextField
      select
      size="small"
      label="Role"
      value={role}
      onChange={(e) => {
        setRole(e.target.value as Role);
        // What the new role may see differs: load it again.
        void queryClient.resetQueries();
      }}
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

function DemoSettingsButton() {
  const [open, setOpen] = useState(false);
  const [hasOpened, setHasOpened] = useState(false);
  return (
    <>
      <Tooltip title="Demo settings: latency and faults">
        <IconButton
          color="inherit"
          aria-label="Demo settings"
          onClick={() => {
            setHasOpened(true);
            setOpen(true);
          }}
        >
          <TuneIcon />
        </IconButton>
      </Tooltip>
      {hasOpened && (
        <Suspense fallback={null}>
          <DemoSettingsDialog open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}

/** The page: its errors are caught (and cleared on the next page), and a bar shows while its code loads. */
function Page() {
  const { pathname } = useLocation();
  return (
    <RouteErrorBoundary resetKey={pathname}>
      <Suspense fallback={<LinearProgress aria-label="Loading page" />}>
        <Outlet />
      </Suspense>
    </RouteErrorBoundary>
  );
}

export function Shell() {
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
        <Toolbar variant="dense" sx={{ gap: 1 }}>
          <Typography variant="h6" component="div" sx={{ fontSize: '1.05rem', fontWeight: 600 }}>
            Device console
          </Typography>
          {isDemo && <Chip label="Demo" size="small" variant="outlined" sx={{ color: 'inherit', borderColor: 'currentColor' }} />}
          <Box sx={{ flex: 1 }} />
          {isDemo && <RoleSwitch />}
          {isDemo && <ResetDemoButton />}
          {isDemo && <DemoSettingsButton />}
          <DeviceOperationsButton />
          <ThemeToggle />
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}
      >
        <Toolbar variant="dense" />
        <Box component="nav" aria-label="Main">
          <List dense component="div">
            <NavItem to="/devices" label="Devices" icon={<DevicesIcon />} />
            <NavItem to="/device-templates" label="Device templates" icon={<SchemaIcon />} />
          </List>
          <List dense component="div" subheader={<ListSubheader component="div">Administration</ListSubheader>}>
            <NavItem to="/admin/device-connection" label="Device connection" icon={<SettingsInputAntennaIcon />} />
            <NavItem to="/admin/certificates" label="Certificates" icon={<VerifiedUserIcon />} />
          </List>
          {isDemo && (
            <List dense component="div" subheader={<ListSubheader component="div">Demo</ListSubheader>}>
              <NavItem to="/simulator" label="Simulator" icon={<ScienceIcon />} />
            </List>
          )}
        </Box>
      </Drawer>
      <Box component="main" sx={{ flex: 1, minWidth: 0, p: 3 }}>
        <Toolbar variant="dense" />
        <Page />
      </Box>
    </Box>
  );
}
