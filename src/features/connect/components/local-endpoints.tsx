// Connect, on the console server: where a device on this machine connects (DPS over HTTPS and MQTT, the
// IoT hub), the CA to trust, and code that provisions this device and sends telemetry. Keys in the code
// are masked until the operator shows them; Copy copies the real code, on purpose.
import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Skeleton, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { settingsQueries } from '../../../api/queries';
import { downloadText } from '../../../components/download';
import { copyToClipboard, SecretField } from '../../../components/secret-field';
import { notify } from '../../../components/notifications';
import { CA_FILE_NAME, deviceSnippet, type SnippetCredentials, type SnippetLanguage } from '../device-snippets';

export interface LocalEndpointsProps {
  deviceId: string;
  credentials: SnippetCredentials;
  modelId?: string;
}

const LANGUAGES: { value: SnippetLanguage; label: string }[] = [
  { value: 'node', label: 'Node.js' },
  { value: 'python', label: 'Python' },
];

const MASK = '••••••••••••••••';

export function LocalEndpoints({ deviceId, credentials, modelId }: LocalEndpointsProps) {
  const endpoints = useQuery(settingsQueries.endpoints());
  const [language, setLanguage] = useState<SnippetLanguage>('node');
  const [isKeyShown, setIsKeyShown] = useState(false);
  const headingId = useId();
  const panelId = useId();

  if (endpoints.isPending) return <Skeleton variant="rounded" height={160} aria-label="Loading the device endpoints" />;
  if (endpoints.error) {
    return (
      <Alert severity="warning" role="note">
        Could not load this server's device endpoints: {endpoints.error.message}
      </Alert>
    );
  }
  const input = { endpoints: endpoints.data, deviceId, credentials, ...(modelId ? { modelId } : {}) };
  const code = deviceSnippet(language, input);
  const hasKey = credentials.kind === 'sas';
  const shown = hasKey && !isKeyShown ? code.split(credentials.key).join(MASK) : code;

  const handleCopy = async () => {
    if (await copyToClipboard(code, 'Code')) notify(`${language === 'node' ? 'Node.js' : 'Python'} code copied, with the device key.`, 'success');
  };

  return (
    <Stack component="section" aria-labelledby={headingId} spacing={2}>
      <Typography id={headingId} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        Connect a device on this machine
      </Typography>
      <Typography variant="body2" color="text.secondary">
        This console server is a local IoT Central: real devices and the Azure IoT SDKs provision through its DPS
        and send data to its IoT hub. Its TLS certificates are signed by a local CA that devices must trust.
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2 }}>
        <SecretField label="DPS endpoint (HTTPS)" value={endpoints.data.dps.https} />
        <SecretField label="DPS endpoint (MQTT)" value={endpoints.data.dps.mqtts} />
        <SecretField label="IoT hub (MQTT)" value={endpoints.data.hub.mqtts} helperText={`DPS assigns devices to ${endpoints.data.assignedHub}.`} />
        <Box sx={{ display: 'flex', alignItems: 'flex-start' }}>
          <Button
            startIcon={<DownloadIcon />}
            onClick={() => downloadText(endpoints.data.caCertificate, CA_FILE_NAME, 'application/x-pem-file')}
          >
            Download CA certificate
          </Button>
        </Box>
      </Box>
      <Box>
        <Tabs value={language} onChange={(_, value: SnippetLanguage) => setLanguage(value)} aria-label="Device code language">
          {LANGUAGES.map((l) => (
            <Tab key={l.value} value={l.value} label={l.label} aria-controls={panelId} />
          ))}
        </Tabs>
        <Box
          id={panelId}
          role="tabpanel"
          component="pre"
          tabIndex={0}
          aria-label={`${language === 'node' ? 'Node.js' : 'Python'} code for ${deviceId}`}
          sx={{
            m: 0,
            p: 1.5,
            maxHeight: 280,
            overflow: 'auto',
            bgcolor: 'action.hover',
            borderRadius: 1,
            fontSize: 12,
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
          }}
        >
          {shown}
        </Box>
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <Button size="small" onClick={() => void handleCopy()}>
            Copy code
          </Button>
          {hasKey && (
            <Button size="small" onClick={() => setIsKeyShown((v) => !v)}>
              {isKeyShown ? 'Hide key' : 'Show key'}
            </Button>
          )}
        </Stack>
      </Box>
    </Stack>
  );
}
