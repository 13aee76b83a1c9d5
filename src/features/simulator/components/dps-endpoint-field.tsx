// On the console server: which DPS the Simulator's device dials. Its /dps (what the page can call itself;
// X.509 proved in headers) or its DPS over HTTPS, the endpoint real devices use (TLS, the client certificate
// in the handshake), which the console server calls for the page.
import { MenuItem, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { hasExtension } from '../../../api/capabilities';
import { settingsQueries } from '../../../api/queries';
import { PAGE_TRANSPORT, type DpsTransport } from '../transport';

export interface DpsEndpointFieldProps {
  value: DpsTransport;
  onChange: (transport: DpsTransport) => void;
  disabled?: boolean;
}

/** The choice of DPS endpoint; nothing where the backend has no device endpoints (the in-page demo). */
export function DpsEndpointField(props: DpsEndpointFieldProps) {
  return hasExtension('devices') ? <EndpointSelect {...props} /> : null;
}

function EndpointSelect({ value, onChange, disabled }: DpsEndpointFieldProps) {
  const endpoints = useQuery(settingsQueries.endpoints());
  const https = endpoints.data?.dps.https;
  return (
    <TextField
      select
      label="DPS endpoint"
      value={value.kind}
      onChange={(event) => onChange(event.target.value === 'https' && https ? { kind: 'https', endpoint: `https://${https}` } : PAGE_TRANSPORT)}
      disabled={disabled}
      error={Boolean(endpoints.error)}
      helperText={
        endpoints.error
          ? `Could not load this server's device endpoints: ${endpoints.error.message}`
          : value.kind === 'https'
            ? 'The endpoint real devices use: TLS with the local CA, X.509 proved in the handshake. The page cannot make TLS client connections, so the console server sends each request for it and shows what DPS answered.'
            : "The console server's /dps, which the page calls itself; X.509 is proved in headers, as in the in-page demo."
      }
      sx={{ mb: 2, maxWidth: 640 }}
      fullWidth
    >
      <MenuItem value="page">This server's /dps (from the page)</MenuItem>
      <MenuItem value="https" disabled={!https}>
        DPS over HTTPS{https ? ` (${https})` : ''}
      </MenuItem>
    </TextField>
  );
}
