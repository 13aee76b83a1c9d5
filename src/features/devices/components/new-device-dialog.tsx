import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
} from '@mui/material';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from '../../../lib/zod';
import { FormSwitch } from '../../../components/form-switch';
import { FormTextField } from '../../../components/form-text-field';
import { notify } from '../../../components/notifications';
import { checkDeviceId, checkDeviceName, randomDeviceId } from '../../../lib/device-id';
import { DuplicateDeviceError, useCreateDevice } from '../mutations';
import { useDeviceTemplates } from '../../../api/query-hooks';
import { UserText } from '../../../components/user-text';
import { isolateText } from '../../../lib/visible-text';

/** The form's value for "no template" (the select needs a string). */
const NO_TEMPLATE = '';

const schema = z.object({
  displayName: z.string().superRefine((name, ctx) => {
    // What is sent: the name trimmed (an empty name makes the device show its ID).
    const problem = checkDeviceName(name.trim());
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  id: z.string().superRefine((id, ctx) => {
    const problem = checkDeviceId(id);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message });
  }),
  template: z.string(),
  simulated: z.boolean(),
});

type FormValues = z.infer<typeof schema>;

export interface NewDeviceDialogProps {
  open: boolean;
  onClose: () => void;
  /** Preselected template, e.g. the one the grid is filtered by. */
  defaultTemplate?: string;
}

export function NewDeviceDialog({ open, onClose, defaultTemplate }: NewDeviceDialogProps) {
  return open ? <NewDeviceForm onClose={onClose} defaultTemplate={defaultTemplate} /> : null;
}

function NewDeviceForm({ onClose, defaultTemplate }: Omit<NewDeviceDialogProps, 'open'>) {
  const { data: templates } = useDeviceTemplates();
  const createDevice = useCreateDevice();
  const [serverError, setServerError] = useState<string | null>(null);
  const { control, handleSubmit, setValue, setError, formState } = useForm<FormValues>({
    resolver: zodResolver(schema),
    mode: 'onChange',
    defaultValues: {
      displayName: '',
      id: randomDeviceId(),
      template: defaultTemplate ?? NO_TEMPLATE,
      simulated: false,
    },
  });
  const idProblem = checkDeviceId(useWatch({ control, name: 'id' }));

  const handleCreate = handleSubmit(async (values) => {
    setServerError(null);
    try {
      const device = await createDevice.mutateAsync({
        id: values.id,
        displayName: values.displayName.trim(),
        template: values.template || undefined,
        simulated: values.simulated,
      });
      notify(`Device "${isolateText(device.displayName ?? '')}" created.`, 'success');
      onClose();
    } catch (error) {
      if (error instanceof DuplicateDeviceError) setError('id', { message: error.message });
      else setServerError(error instanceof Error ? error.message : String(error));
    }
  });

  return (
    <Dialog open onClose={onClose} aria-labelledby="new-device-title">
      <form onSubmit={(e) => void handleCreate(e)} noValidate>
        <DialogTitle id="new-device-title">Create a new device</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            {serverError && <Alert severity="error">{serverError}</Alert>}
            <FormTextField
              control={control}
              name="displayName"
              label="Device name"
              placeholder="Defaults to the device ID"
              autoFocus
            />
            <FormTextField
              control={control}
              name="id"
              label="Device ID"
              required
              helperText='Lower-case letters, digits and "-", up to 128 characters. Keys and certificates are bound to this exact ID.'
              slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
            />
            {idProblem?.kind === 'upper-case' && (
              <Alert
                severity="info"
                action={
                  <Button
                    color="inherit"
                    size="small"
                    onClick={() => setValue('id', idProblem.fix, { shouldValidate: true })}
                  >
                    Use lower case
                  </Button>
                }
              >
                Change the ID to "{idProblem.fix}"?
              </Alert>
            )}
            <FormTextField
              control={control}
              name="template"
              select
              label="Device template"
              slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
            >
              <MenuItem value={NO_TEMPLATE}>Unassociated</MenuItem>
              {(templates ?? []).map((t) => (
                <MenuItem key={t['@id']} value={t['@id']}>
                  <UserText text={t.displayName ?? t['@id']} />
                </MenuItem>
              ))}
            </FormTextField>
            <FormSwitch control={control} name="simulated" label="Simulate this device" />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            Create
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
