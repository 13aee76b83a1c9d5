// Derive device keys, as dps-keygen does: device key = base64(HMAC-SHA256(group key, device ID)).
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DownloadIcon from '@mui/icons-material/Download';
import KeyIcon from '@mui/icons-material/Key';
import {
  Alert,
  Box,
  Button,
  FormControlLabel,
  IconButton,
  MenuItem,
  Paper,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { SymmetricKey } from '../../../api/types';
import { downloadText } from '../../../components/download';
import { notify } from '../../../components/notifications';
import { copyToClipboard, visuallyHidden } from '../../../components/secret-field';
import { deriveDeviceKeys } from '../../../lib/sas-keys';
import {
  deviceKeysCsv,
  MAX_DERIVE_IDS,
  parseDeviceIdList,
  type DeviceIdListProblem,
} from '../device-id-list';
import { KEY_LABELS } from '../labels';
import type { KeyName } from '../mutations';

export interface DeriveKeysCardProps {
  groupId: string;
  keys: SymmetricKey;
}

interface DerivedKeys {
  /** The group key they came from: after Regenerate they are no longer shown. */
  groupKey: string;
  rows: { deviceId: string; deviceKey: string }[];
}

const MASK = '•'.repeat(20);

export function DeriveKeysCard({ groupId, keys }: DeriveKeysCardProps) {
  const [text, setText] = useState('');
  const [keyName, setKeyName] = useState<KeyName>('primaryKey');
  const [problems, setProblems] = useState<DeviceIdListProblem[]>([]);
  const [inputError, setInputError] = useState<string | null>(null);
  const [lowerCaseFix, setLowerCaseFix] = useState<string | undefined>();
  const [derived, setDerived] = useState<DerivedKeys | null>(null);
  const [isShown, setIsShown] = useState(false);
  const groupKey = keys[keyName];
  const rows = derived?.groupKey === groupKey ? derived.rows : [];

  const handleDerive = async () => {
    const list = parseDeviceIdList(text);
    setProblems(list.problems);
    setLowerCaseFix(list.lowerCaseFix);
    setInputError(
      list.tooMany
        ? `Enter at most ${MAX_DERIVE_IDS} device IDs at a time.`
        : list.ids.length === 0 && list.problems.length === 0
          ? 'Enter one or more device IDs.'
          : null,
    );
    if (list.tooMany || list.problems.length > 0 || list.ids.length === 0) {
      setDerived(null);
      return;
    }
    const deviceKeys = await deriveDeviceKeys(groupKey, list.ids);
    setDerived({ groupKey, rows: list.ids.map((deviceId, i) => ({ deviceId, deviceKey: deviceKeys[i] ?? '' })) });
  };

  const handleCopyAll = async () => {
    if (await copyToClipboard(deviceKeysCsv(rows), 'Device keys')) {
      notify(`${rows.length} device ${rows.length === 1 ? 'key' : 'keys'} copied as CSV.`, 'success');
    }
  };

  const handleDownload = () => downloadText(deviceKeysCsv(rows), `${groupId}-device-keys.csv`);

  const handleCopyOne = async (deviceId: string, deviceKey: string) => {
    if (await copyToClipboard(deviceKey, `Device key for ${deviceId}`)) {
      notify(`Device key for ${deviceId} copied.`, 'success');
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="derive-keys-title">
      <Typography id="derive-keys-title" variant="h2" sx={{ fontSize: '1.15rem', fontWeight: 500, mb: 0.5 }}>
        Derive device keys
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Make the keys devices use to register through this group, as <code>dps-keygen</code> does: each device
        key is the HMAC-SHA256 of the device ID with the group key. The keys are made in your browser; nothing
        is sent.
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', md: '1fr 220px' },
          alignItems: 'start',
        }}
      >
        <TextField
          label="Device IDs"
          multiline
          minRows={3}
          maxRows={10}
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={inputError !== null || problems.length > 0}
          helperText={inputError ?? 'One or many device IDs, separated by new lines, commas or spaces.'}
          slotProps={{ htmlInput: { spellCheck: false, sx: { fontFamily: 'monospace' } } }}
        />
        <Box sx={{ display: 'grid', gap: 2 }}>
          <TextField
            select
            label="Group key"
            value={keyName}
            onChange={(event) => setKeyName(event.target.value as KeyName)}
          >
            <MenuItem value="primaryKey">{KEY_LABELS.primaryKey}</MenuItem>
            <MenuItem value="secondaryKey">{KEY_LABELS.secondaryKey}</MenuItem>
          </TextField>
          <Button variant="contained" startIcon={<KeyIcon />} onClick={() => void handleDerive()}>
            Derive keys
          </Button>
        </Box>
      </Box>
      {problems.length > 0 && (
        <Alert
          severity="error"
          sx={{ mt: 2 }}
          action={
            lowerCaseFix !== undefined && (
              <Button color="inherit" size="small" onClick={() => setText(lowerCaseFix)}>
                Use lower case
              </Button>
            )
          }
        >
          {problems.length === 1
            ? 'This device ID is not valid'
            : `${problems.length} device IDs are not valid`}
          ; fix them to derive keys:
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {problems.slice(0, 10).map(({ id, problem }) => (
              <li key={id}>
                <code>{id}</code>: {problem.message}
              </li>
            ))}
            {problems.length > 10 && <li>and {problems.length - 10} more.</li>}
          </Box>
        </Alert>
      )}
      {derived && derived.groupKey !== groupKey && (
        <Alert severity="info" sx={{ mt: 2 }}>
          The group key changed since these keys were derived. Press Derive keys again.
        </Alert>
      )}
      {rows.length > 0 && (
        <Box sx={{ mt: 2 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
            <Typography variant="body2" sx={{ flex: 1 }}>
              {rows.length} device {rows.length === 1 ? 'key' : 'keys'} from the{' '}
              {KEY_LABELS[keyName].toLowerCase()}
            </Typography>
            <FormControlLabel
              control={<Switch checked={isShown} onChange={(e) => setIsShown(e.target.checked)} />}
              label="Show device keys"
            />
            <Button startIcon={<ContentCopyIcon />} onClick={() => void handleCopyAll()}>
              Copy all
            </Button>
            <Button startIcon={<DownloadIcon />} onClick={handleDownload}>
              Download CSV
            </Button>
          </Box>
          <TableContainer sx={{ maxHeight: 420 }}>
            <Table size="small" stickyHeader aria-label="Derived device keys">
              <TableHead>
                <TableRow>
                  <TableCell>Device ID</TableCell>
                  <TableCell>Device key</TableCell>
                  <TableCell padding="checkbox">
                    <Box component="span" sx={visuallyHidden}>
                      Copy
                    </Box>
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map(({ deviceId, deviceKey }) => (
                  <TableRow key={deviceId}>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{deviceId}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                      {isShown ? deviceKey : MASK}
                    </TableCell>
                    <TableCell padding="checkbox">
                      <Tooltip title="Copy device key">
                        <IconButton
                          size="small"
                          aria-label={`Copy device key for ${deviceId}`}
                          onClick={() => void handleCopyOne(deviceId, deviceKey)}
                        >
                          <ContentCopyIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </Box>
      )}
    </Paper>
  );
}
