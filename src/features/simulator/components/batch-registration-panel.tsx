import { Alert, Box, LinearProgress, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { DpsTransport } from '../transport';
import { BATCH_CONCURRENCY, useBatchRegistration } from '../use-batch-registration';
import { batchIds, checkBatchCount, checkBatchPrefix, checkKey, checkModelId } from '../validation';
import { GroupKeyFields } from './group-key-fields';
import { RegistrationPanel } from './registration-panel';
import { useSasGroupKey } from './use-sas-group-key';

export interface BatchRegistrationPanelProps {
  idScope: string;
  /** How the devices reach DPS. */
  transport: DpsTransport;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** Many devices of one SAS group registering at once, as a fleet coming online. */
export function BatchRegistrationPanel({ idScope, transport }: BatchRegistrationPanelProps) {
  const [groupKey, setGroupKey] = useState('');
  const sasGroupKey = useSasGroupKey(groupKey, setGroupKey);
  const [countText, setCountText] = useState('1000');
  const [firstText, setFirstText] = useState('1');
  const [prefix, setPrefix] = useState('sim-');
  const [modelId, setModelId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const { batch, start, cancel, isRunning } = useBatchRegistration();

  const handleSubmit = async () => {
    const first = Number(firstText);
    const problems = {
      groupKey: checkKey(groupKey, 'Group key'),
      count: checkBatchCount(countText),
      first:
        Number.isInteger(first) && first >= 0 && first <= 1_000_000
          ? undefined
          : 'Enter a whole number from 0 to 1000000.',
      prefix: checkBatchPrefix(prefix),
      modelId: checkModelId(modelId),
    };
    setErrors(problems);
    if (Object.values(problems).some(Boolean)) return;

    const payload = modelId.trim() ? { modelId: modelId.trim() } : undefined;
    await start({
      idScope,
      groupKey,
      registrationIds: batchIds(prefix, Number(countText), first),
      payload,
      transport,
    });
  };

  const rate = batch && batch.elapsedMs > 0 ? (batch.finished / batch.elapsedMs) * 1000 : 0;
  return (
    <RegistrationPanel
      formLabel="Register many devices"
      title="Devices of an enrollment group"
      submitLabel="Register devices"
      isRunning={isRunning}
      onSubmit={handleSubmit}
      onCancel={cancel}
      asideLabel="Batch progress"
      aside={
        <>
          {!batch && (
            <Alert severity="info" variant="outlined">
              Registers the devices {BATCH_CONCURRENCY} at a time through DPS, each with its own derived key,
              like a fleet coming online. New devices wait for approval when Auto approve is off.
            </Alert>
          )}
          {batch && (
            <>
              <LinearProgress
                variant="determinate"
                value={(batch.finished / Math.max(1, batch.total)) * 100}
                aria-label="Registration progress"
                sx={{ height: 10, borderRadius: 5 }}
              />
              <Typography variant="body2" aria-live="polite">
                {batch.finished.toLocaleString()} of {batch.total.toLocaleString()} registered
                {rate > 0 && ` · ${rate.toFixed(rate < 10 ? 1 : 0)} registrations per second`} ·{' '}
                {(batch.elapsedMs / 1000).toFixed(1)} s
              </Typography>
              <Box component="ul" sx={{ m: 0, pl: 3 }}>
                <li>{plural(batch.tally.assigned, 'device assigned', 'devices assigned')}</li>
                <li>
                  {plural(
                    batch.tally.notApproved,
                    'device waiting for approval',
                    'devices waiting for approval',
                  )}
                </li>
                <li>
                  {plural(
                    batch.tally.refused,
                    'device refused (blocked, or its group is disabled)',
                    'devices refused (blocked, or their group is disabled)',
                  )}
                </li>
                {batch.report && (
                  <li>{plural(batch.report.failed.length, 'request failed', 'requests failed')}</li>
                )}
                {batch.report && batch.report.cancelled.length > 0 && (
                  <li>
                    {plural(
                      batch.report.cancelled.length,
                      'device not attempted (cancelled)',
                      'devices not attempted (cancelled)',
                    )}
                  </li>
                )}
              </Box>
              {batch.report && batch.report.failed.length > 0 && (
                <Alert severity="error">
                  DPS refused {plural(batch.report.failed.length, 'registration', 'registrations')}, for
                  example {batch.report.failed[0]?.id}: {batch.report.failed[0]?.message}
                </Alert>
              )}
              {batch.report && batch.report.failed.length === 0 && batch.report.cancelled.length === 0 && (
                <Alert severity="success">Done: every device got an answer from DPS.</Alert>
              )}
            </>
          )}
        </>
      }
    >
      <GroupKeyFields {...sasGroupKey} error={errors.groupKey} disabled={isRunning} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: '1fr 1fr 1fr' }}>
        <TextField
          label="Number of devices"
          value={countText}
          onChange={(e) => setCountText(e.target.value.trim())}
          error={Boolean(errors.count)}
          helperText={errors.count}
          disabled={isRunning}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
        <TextField
          label="Device ID prefix"
          value={prefix}
          onChange={(e) => setPrefix(e.target.value.trim())}
          error={Boolean(errors.prefix)}
          helperText={errors.prefix}
          disabled={isRunning}
          slotProps={{ htmlInput: { spellCheck: false } }}
        />
        <TextField
          label="First number"
          value={firstText}
          onChange={(e) => setFirstText(e.target.value.trim())}
          error={Boolean(errors.first)}
          helperText={errors.first}
          disabled={isRunning}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
      </Box>
      {!errors.count && !errors.prefix && !errors.first && Number(countText) > 0 && (
        <Typography variant="body2" color="text.secondary">
          Device IDs {batchIds(prefix, 1, Number(firstText) || 0)[0]} to{' '}
          {batchIds(prefix, 1, (Number(firstText) || 0) + Number(countText) - 1)[0]}, each with its key
          derived from the group key.
        </Typography>
      )}
      <TextField
        label="Model ID (optional)"
        value={modelId}
        onChange={(e) => setModelId(e.target.value.trim())}
        error={Boolean(errors.modelId)}
        helperText={errors.modelId ?? 'e.g. dtmi:com:example:Thermostat;1'}
        disabled={isRunning}
        slotProps={{ htmlInput: { spellCheck: false } }}
      />
    </RegistrationPanel>
  );
}
