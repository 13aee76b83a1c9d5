// Demo settings: the demo backend's injected latency and faults, for trying the console under a bad network.
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  FormLabel,
  Slider,
  Stack,
  TextField,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DemoControls, FaultKind } from '../api/extensions';
import { demoQueries } from '../api/queries';
import { updateDemoControls } from '../api/settings';
import { notify } from '../components/notifications';

const FAULT_LABELS: Record<FaultKind, string> = {
  '5xx': 'Server errors (500)',
  '429': 'Throttling (429 with Retry-After)',
  drop: 'Dropped connections (before or after the server applies the request)',
};

export interface DemoSettingsDialogProps {
  open: boolean;
  onClose: () => void;
}

export function DemoSettingsDialog({ open, onClose }: DemoSettingsDialogProps) {
  const { data } = useQuery({ ...demoQueries.controls(), enabled: open });
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="demo-settings-title">
      <DialogTitle id="demo-settings-title">Demo settings</DialogTitle>
      {data && <DemoSettingsForm initial={data} onClose={onClose} />}
    </Dialog>
  );
}

function DemoSettingsForm({ initial, onClose }: { initial: DemoControls; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [controls, setControls] = useState(initial);
  const handleSave = async () => {
    const saved = await updateDemoControls(controls);
    queryClient.setQueryData(demoQueries.controls().queryKey, saved);
    notify(
      saved.faultRate > 0 ? `Injecting faults into ${Math.round(saved.faultRate * 100)}% of requests.` : 'Fault injection is off.',
      'info',
    );
    onClose();
  };
  const toggleKind = (kind: FaultKind, checked: boolean) =>
    setControls((c) => ({ ...c, faultKinds: checked ? [...c.faultKinds, kind] : c.faultKinds.filter((k) => k !== kind) }));
  return (
    <>
      <DialogContent>
        <Stack spacing={3} sx={{ mt: 1 }}>
          <Alert severity="info">
            The demo backend can misbehave like a real network. These settings last until you reload; to keep them, add
            them to the URL, e.g. <code>?faults=0.1&amp;latency=100</code>.
          </Alert>
          <TextField
            type="number"
            label="Latency (ms)"
            value={controls.latencyMs}
            onChange={(e) => setControls((c) => ({ ...c, latencyMs: Math.max(0, Math.min(10_000, Number(e.target.value) || 0)) }))}
            slotProps={{ htmlInput: { min: 0, max: 10_000, step: 50 } }}
          />
          <div>
            <FormLabel id="fault-rate-label">Requests that fail: {Math.round(controls.faultRate * 100)}%</FormLabel>
            <Slider
              aria-labelledby="fault-rate-label"
              value={Math.round(controls.faultRate * 100)}
              min={0}
              max={50}
              step={1}
              onChange={(_, value) => setControls((c) => ({ ...c, faultRate: (value as number) / 100 }))}
            />
          </div>
          <FormGroup>
            <FormLabel component="legend">Kinds of fault</FormLabel>
            {(Object.keys(FAULT_LABELS) as FaultKind[]).map((kind) => (
              <FormControlLabel
                key={kind}
                control={<Checkbox checked={controls.faultKinds.includes(kind)} onChange={(e) => toggleKind(kind, e.target.checked)} />}
                label={FAULT_LABELS[kind]}
              />
            ))}
          </FormGroup>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void handleSave()}>
          Save
        </Button>
      </DialogActions>
    </>
  );
}
