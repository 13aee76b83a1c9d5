import { Box, Button, Paper, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export interface RegistrationPanelProps {
  /** The form's accessible name, e.g. "Register a device". */
  formLabel: string;
  title: string;
  submitLabel: string;
  isRunning: boolean;
  onSubmit: () => Promise<void>;
  onCancel: () => void;
  /** The form's fields. */
  children: ReactNode;
  /** Beside the form: what a run does before it starts, then its steps or progress. */
  aside: ReactNode;
  /** Makes the aside a region with this name. */
  asideLabel?: string;
}

/** A Simulator panel: the form (fields, then the submit button and Cancel while it runs) beside the run. */
export function RegistrationPanel({
  formLabel,
  title,
  submitLabel,
  isRunning,
  onSubmit,
  onCancel,
  children,
  aside,
  asideLabel,
}: RegistrationPanelProps) {
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 3,
        gridTemplateColumns: { xs: '1fr', lg: 'minmax(380px, 5fr) 7fr' },
        alignItems: 'start',
      }}
    >
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Box
          component="form"
          noValidate
          aria-label={formLabel}
          onSubmit={(event) => {
            event.preventDefault();
            void onSubmit();
          }}
          sx={{ display: 'grid', gap: 2 }}
        >
          <Typography variant="h6" component="h2">
            {title}
          </Typography>
          {children}
          <Box sx={{ display: 'flex', gap: 1 }}>
            <Button type="submit" variant="contained" disabled={isRunning}>
              {submitLabel}
            </Button>
            {isRunning && (
              <Button variant="outlined" onClick={onCancel}>
                Cancel
              </Button>
            )}
          </Box>
        </Box>
      </Paper>
      <Box
        sx={{ display: 'grid', gap: 2, minWidth: 0 }}
        {...(asideLabel ? { role: 'region', 'aria-label': asideLabel } : {})}
      >
        {aside}
      </Box>
    </Box>
  );
}
