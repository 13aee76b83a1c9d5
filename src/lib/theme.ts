// The MUI theme: light and dark colour schemes and the component defaults used across the console.
import { createTheme } from '@mui/material/styles';

export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'class' },
  colorSchemes: {
    light: { palette: { primary: { main: '#0f62c9' }, background: { default: '#f5f6f8' } } },
    dark: { palette: { primary: { main: '#6ea8fe' } } },
  },
  shape: { borderRadius: 6 },
  typography: { fontFamily: 'Roboto, "Segoe UI", system-ui, sans-serif', h1: { fontSize: '1.6rem', fontWeight: 500 } },
  components: {
    MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { textTransform: 'none' } } },
    MuiTextField: { defaultProps: { size: 'small' } },
    MuiChip: { defaultProps: { size: 'small' } },
    MuiDialog: { defaultProps: { fullWidth: true, maxWidth: 'sm' } },
    MuiTooltip: { defaultProps: { arrow: true } },
  },
});
