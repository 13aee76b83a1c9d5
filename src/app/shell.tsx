import DevicesIcon from '@mui/icons-material/DevicesOther';
import SchemaIcon from '@mui/icons-material/Schema';
import ScienceIcon from '@mui/icons-material/ScienceOutlined';
import SettingsInputAntennaIcon from '@mui/icons-material/SettingsInputAntenna';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import {
  AppBar,
  Box,
  Drawer,
  LinearProgress,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  Toolbar,
  useMediaQuery,
} from '@mui/material';
import type { Theme } from '@mui/material/styles';
import { Suspense, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { isDemo } from './config';
import { useRole } from './role';
import { RouteErrorBoundary } from './route-error';
import { TopBar } from './top-bar';

const DRAWER_WIDTH = 248;

interface NavItemProps {
  to: string;
  label: string;
  icon: React.ReactNode;
  /** Shown, but not a link, with the reason under it (an Operator and Administration). */
  disabledReason?: string;
  onNavigate?: () => void;
}

function NavItem({ to, label, icon, disabledReason, onNavigate }: NavItemProps) {
  if (disabledReason) {
    return (
      <ListItemButton disabled>
        <ListItemIcon sx={{ minWidth: 36 }}>{icon}</ListItemIcon>
        <ListItemText primary={label} secondary={disabledReason} />
      </ListItemButton>
    );
  }
  return (
    <ListItemButton
      component={NavLink}
      to={to}
      onClick={onNavigate}
      sx={{ '&.active': { bgcolor: 'action.selected', fontWeight: 600 } }}
    >
      <ListItemIcon sx={{ minWidth: 36 }}>{icon}</ListItemIcon>
      <ListItemText primary={label} />
    </ListItemButton>
  );
}

/** Administration's pages: links for an Administrator, shown closed (with the reason) to an Operator. */
const ADMINISTRATION = [
  { to: '/admin/device-connection', label: 'Device connection', icon: <SettingsInputAntennaIcon /> },
  { to: '/admin/certificates', label: 'Certificates', icon: <VerifiedUserIcon /> },
];

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const role = useRole();
  // An Operator sees where Administration is, and why it is closed, instead of links to "Administrators only".
  const adminReason = role === 'administrator' ? undefined : 'Administrators only';
  return (
    <Box component="nav" aria-label="Main">
      <List dense component="div">
        <NavItem to="/devices" label="Devices" icon={<DevicesIcon />} onNavigate={onNavigate} />
        <NavItem to="/device-templates" label="Device templates" icon={<SchemaIcon />} onNavigate={onNavigate} />
      </List>
      <List dense component="div" subheader={<ListSubheader component="div">Administration</ListSubheader>}>
        {ADMINISTRATION.map((item) => (
          <NavItem key={item.to} {...item} disabledReason={adminReason} onNavigate={onNavigate} />
        ))}
      </List>
      {isDemo && (
        <List dense component="div" subheader={<ListSubheader component="div">Demo</ListSubheader>}>
          <NavItem to="/simulator" label="Simulator" icon={<ScienceIcon />} onNavigate={onNavigate} />
        </List>
      )}
    </Box>
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

const selectIsCompact = (theme: Theme) => theme.breakpoints.down('md');

export function Shell() {
  // Below `md` the navigation is a temporary drawer behind the menu button (noSsr: right from the first render).
  const isCompact = useMediaQuery(selectIsCompact, { noSsr: true });
  const [isNavigationOpen, setIsNavigationOpen] = useState(false);
  const closeNavigation = () => setIsNavigationOpen(false);
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (t) => (isCompact ? t.zIndex.appBar : t.zIndex.drawer + 1) }}>
        <TopBar isCompact={isCompact} onOpenNavigation={() => setIsNavigationOpen(true)} />
      </AppBar>
      {isCompact ? (
        <Drawer
          variant="temporary"
          open={isNavigationOpen}
          onClose={closeNavigation}
          slotProps={{ paper: { 'aria-label': 'Navigation', sx: { width: DRAWER_WIDTH } } }}
        >
          <Navigation onNavigate={closeNavigation} />
        </Drawer>
      ) : (
        <Drawer
          variant="permanent"
          sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}
        >
          <Toolbar variant="dense" />
          <Navigation />
        </Drawer>
      )}
      <Box component="main" sx={{ flex: 1, minWidth: 0, p: { xs: 1.5, sm: 2, md: 3 } }}>
        <Toolbar variant="dense" />
        <Page />
      </Box>
    </Box>
  );
}
