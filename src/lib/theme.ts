// The MUI theme: light and dark colour schemes and the component defaults used across the console.
import { createTheme } from '@mui/material/styles';

export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'class' },
  colorSchemes: {
    light: {
      palette: {
        primary: { main: '#0f62c9' },
        // MUI's status colours are too light for small text (the outlined status chips: Registered,
        // Waiting for approval, Blocked, Provisioned), on white and on a selected grid row
        // (#ecf2fb). These keep 4.5:1 (WCAG AA) on both.
        info: { main: '#0069b4' },
        warning: { main: '#b34700' },
        error: { main: '#c62828' },
        success: { main: '#1b6e20' },
        background: { default: '#f5f6f8' },
      },
    },
    dark: { palette: { primary: { main: '#6ea8fe' } } },
  },
  shape: { borderRadius: 6 },
  typography: {
    fontFamily: 'Roboto, "Segoe UI", system-ui, sans-serif',
    h1: { fontSize: '1.6rem', fontWeight: 500 },
  },
  components: {
    MuiButton: {
      defaultProps: { disableElevation: true },
      styleOverrides: { root: { textTransform: 'none' } },
    },
    // Tabs in sentence case, like every other label in the console.
    MuiTab: { styleOverrides: { root: { textTransform: 'none' } } },
    MuiTextField: { defaultProps: { size: 'small' } },
    MuiChip: { defaultProps: { size: 'small' } },
    // A disabled field's label and helper text say why it cannot change ("The ID cannot be changed."):
    // they stay readable (text.secondary, 4.5:1) while the control itself is greyed out.
    MuiFormHelperText: {
      styleOverrides: {
        root: ({ theme }) => ({ '&.Mui-disabled': { color: theme.vars.palette.text.secondary } }),
      },
    },
    MuiFormLabel: {
      styleOverrides: {
        root: ({ theme }) => ({
          '&.Mui-disabled:not(.MuiInputLabel-root)': { color: theme.vars.palette.text.secondary },
        }),
      },
    },
    // On phones (below `sm`) every dialog takes the whole screen, as MUI's fullScreen does.
    MuiDialog: {
      defaultProps: { fullWidth: true, maxWidth: 'sm' },
      styleOverrides: {
        paper: ({ theme }) => ({
          [theme.breakpoints.down('sm')]: {
            margin: 0,
            width: '100%',
            maxWidth: '100%',
            height: '100%',
            maxHeight: 'none',
            borderRadius: 0,
          },
        }),
      },
    },
    MuiTooltip: { defaultProps: { arrow: true } },
  },
});
