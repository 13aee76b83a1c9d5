import { Alert, Box, Link as MuiLink, Skeleton, Tab, Tabs } from '@mui/material';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { routes } from '../../../lib/routes';
import { useConnectionSettings } from '../../../api/query-hooks';
import { PAGE_TRANSPORT, type DpsTransport } from '../transport';
import { BatchRegistrationPanel } from './batch-registration-panel';
import { DpsEndpointField } from './dps-endpoint-field';
import { RegisterDevicePanel } from './register-device-panel';

type Mode = 'single' | 'batch';

export function SimulatorPage() {
  const { data: settings, error } = useConnectionSettings();
  const [mode, setMode] = useState<Mode>('single');
  const [transport, setTransport] = useState<DpsTransport>(PAGE_TRANSPORT);

  return (
    <Box>
      <PageHeader
        title="Device simulator"
        description="Play a device that connects through the Device Provisioning Service (DPS), with a SAS key, an X.509 certificate or a TPM, the way real devices do. Demo only."
      />
      {error && (
        <Alert severity="error">Could not load the ID scope and Auto approve setting: {error.message}</Alert>
      )}
      {!settings && !error && <Skeleton variant="rectangular" height={320} />}
      {settings && (
        <>
          <Alert severity={settings.autoApprove ? 'info' : 'warning'} variant="outlined" sx={{ mb: 2 }}>
            Auto approve is {settings.autoApprove ? 'on' : 'off'}:{' '}
            {settings.autoApprove
              ? 'a new device with valid credentials is provisioned at once.'
              : 'a new device with valid credentials is created Waiting for approval, and DPS refuses it until an operator approves it.'}{' '}
            Change it in{' '}
            <MuiLink component={Link} to={routes.deviceConnection()}>
              Administration &gt; Device connection
            </MuiLink>
            .
          </Alert>
          <DpsEndpointField value={transport} onChange={setTransport} />
          <Tabs
            value={mode}
            onChange={(_, value: Mode) => setMode(value)}
            aria-label="Simulator mode"
            sx={{ mb: 2 }}
          >
            <Tab
              value="single"
              label="Register a device"
              id="simulator-tab-single"
              aria-controls="simulator-panel-single"
            />
            <Tab
              value="batch"
              label="Register many devices"
              id="simulator-tab-batch"
              aria-controls="simulator-panel-batch"
            />
          </Tabs>
          {/* Both stay mounted, so a batch keeps running (and reporting) while the other tab is shown. */}
          <div
            role="tabpanel"
            id="simulator-panel-single"
            aria-labelledby="simulator-tab-single"
            hidden={mode !== 'single'}
          >
            <RegisterDevicePanel key={settings.idScope} idScope={settings.idScope} transport={transport} />
          </div>
          <div
            role="tabpanel"
            id="simulator-panel-batch"
            aria-labelledby="simulator-tab-batch"
            hidden={mode !== 'batch'}
          >
            <BatchRegistrationPanel idScope={settings.idScope} transport={transport} />
          </div>
        </>
      )}
    </Box>
  );
}
