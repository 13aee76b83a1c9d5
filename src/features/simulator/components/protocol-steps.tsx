import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import KeyIcon from '@mui/icons-material/Key';
import NorthEastIcon from '@mui/icons-material/NorthEast';
import SouthWestIcon from '@mui/icons-material/SouthWest';
import { Box, Chip, FormControlLabel, LinearProgress, Paper, Switch, Typography } from '@mui/material';
import { useState } from 'react';
import type { DpsStep } from '../../../lib/dps-client';
import { displayBody, displayHeaders, stepTitle } from '../step-format';

export interface ProtocolStepsProps {
  steps: DpsStep[];
  isRunning: boolean;
  /** Where the requests went, when it is not the page's own DPS (the console server's DPS over HTTPS). */
  destination?: string;
}

const ICONS = {
  request: <NorthEastIcon fontSize="small" color="primary" />,
  response: <SouthWestIcon fontSize="small" color="secondary" />,
  wait: <HourglassEmptyIcon fontSize="small" color="action" />,
  tpm: <KeyIcon fontSize="small" color="action" />,
};

const LABELS = { request: 'Request', response: 'Response', wait: 'Polling', tpm: 'TPM' };

function responseColor(status: number): 'success' | 'warning' | 'error' | 'info' {
  if (status === 200) return 'success';
  if (status === 202) return 'info';
  if (status === 401 || status === 429) return 'warning';
  return 'error';
}

/** Every request and response of the registration, in order, as the device saw them. */
export function ProtocolSteps({ steps, isRunning, destination }: ProtocolStepsProps) {
  const [showSecrets, setShowSecrets] = useState(false);
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          Protocol steps
        </Typography>
        <FormControlLabel
          control={
            <Switch size="small" checked={showSecrets} onChange={(e) => setShowSecrets(e.target.checked)} />
          }
          label="Show signatures"
        />
      </Box>
      {destination && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {destination}
        </Typography>
      )}
      <Box
        component="ol"
        aria-label="Protocol steps"
        sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1 }}
      >
        {steps.map((step, index) => {
          const headers =
            step.kind === 'request' || step.kind === 'response'
              ? displayHeaders(step.headers, showSecrets)
              : [];
          const body = step.kind === 'request' || step.kind === 'response' ? displayBody(step.body) : '';
          return (
            <Paper component="li" key={index} variant="outlined" sx={{ p: 1.25 }}>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                {ICONS[step.kind]}
                <Typography variant="caption" color="text.secondary" sx={{ minWidth: 64 }}>
                  {index + 1}. {LABELS[step.kind]}
                </Typography>
                {step.kind === 'response' ? (
                  <Chip
                    size="small"
                    variant="outlined"
                    label={stepTitle(step)}
                    // The tone is in the border; the text keeps the body colour, for contrast.
                    sx={{
                      borderColor: `${responseColor(step.status)}.main`,
                      borderWidth: 2,
                      fontWeight: 600,
                    }}
                  />
                ) : (
                  <Typography
                    variant="body2"
                    sx={{
                      fontFamily: step.kind === 'request' ? 'monospace' : undefined,
                      overflowWrap: 'anywhere',
                      flex: 1,
                    }}
                  >
                    {stepTitle(step)}
                  </Typography>
                )}
              </Box>
              {step.kind === 'tpm' && (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                  {step.message}
                </Typography>
              )}
              {(headers.length > 0 || body) && (
                <Box
                  component="pre"
                  // Scrollable, so it must be reachable by keyboard.
                  tabIndex={0}
                  aria-label={`Step ${index + 1} headers and body`}
                  sx={{
                    m: 0,
                    mt: 0.75,
                    p: 1,
                    bgcolor: 'action.hover',
                    borderRadius: 1,
                    fontSize: 12,
                    whiteSpace: 'pre-wrap',
                    overflowWrap: 'anywhere',
                    maxHeight: 240,
                    overflow: 'auto',
                  }}
                >
                  {headers.map(([name, value]) => `${name}: ${value}`).join('\n')}
                  {headers.length > 0 && body ? '\n\n' : ''}
                  {body}
                </Box>
              )}
            </Paper>
          );
        })}
      </Box>
      {isRunning && <LinearProgress aria-label="Registering" sx={{ mt: 1 }} />}
    </Box>
  );
}
