// The MUI theme: light and dark colour schemes and the component defaults used across the console.
import { createTheme } from '@mui/material/styles';

export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'class' },
  colorSchemes: {
    light: {
      palette: {
        primary: { main: '#0f62c9' },
        // MUI's info (#0288d1) and warning (#ed6c02) are too light for small text on white, e.g. the
        // outlined status chips (Registered, Waiting for approval): these keep 4.5:1 (WCAG AA).
        info: { main: '#0277bd' },
        warning: { main: '#c25100' },
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
    MuiDialog: { defaultProps: { fullWidth: true, maxWidth: 'sm' } },
    MuiTooltip: { defaultProps: { arrow: true } },
  },
});
