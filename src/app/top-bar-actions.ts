// What the top bar's controls do, shared by the bar and its "More options" menu (top-bar-menu.tsx).
import { useColorScheme } from '@mui/material/styles';
import { useQueryClient } from '@tanstack/react-query';
import { resetDemoData } from '../api/settings';
import { useConfirm } from '../components/confirm-dialog';
import { notify } from '../components/notifications';
import { setRole, type Role } from './role';

export function useThemeToggle() {
  const { mode, systemMode, setMode } = useColorScheme();
  const isDark = (mode === 'system' ? systemMode : mode) === 'dark';
  return {
    isDark,
    label: isDark ? 'Switch to light theme' : 'Switch to dark theme',
    toggle: () => setMode(isDark ? 'light' : 'dark'),
  };
}

export function useResetDemo() {
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

export function useSwitchRole() {
  const queryClient = useQueryClient();
  return (role: Role) => {
    setRole(role);
    // What the new role may see differs: load it again.
    void queryClient.resetQueries();
  };
}
