// Create an enrollment group, or edit one: name, IoT devices or IoT Edge devices, enabled; and, when
// creating, SAS or X.509 and (for SAS) generated or supplied keys.
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
} from '@mui/material';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from '../../../lib/zod';
import type { EnrollmentGroup } from '../../../api/types';
import { FormSwitch } from '../../../components/form-switch';
import { FormTextField } from '../../../components/form-text-field';
import { notify } from '../../../components/notifications';
import { checkName, GROUP_NAME_MAX_LENGTH } from '../../../lib/names';
import { checkSymmetricKey } from '../../../lib/sas-keys';
import { checkGroupId, groupIdFromName } from '../group-id';
import { ATTESTATION_LABELS, DEVICE_TYPE_LABELS } from '../labels';
import { useCreateEnrollmentGroup, useUpdateEnrollmentGroup } from '../mutations';
import { isolateText } from '../../../lib/visible-text';

export interface EnrollmentGroupDialogProps {
  open: boolean;
  onClose: () => void;
  /** The group to edit; without it the dialog creates one. */
  group?: EnrollmentGroup;
  /** IDs already taken (create only). */
  existingIds?: readonly string[];
  /** After a create, with the new group. */
  onCreated?: (group: EnrollmentGroup) => void;
}

const keySchema = z.string().trim();

function makeSchema(isCreate: boolean, existingIds: readonly string[]) {
  return z
    .object({
      displayName: z
        .string()
        .trim()
        .min(1, 'Enter a name.')
        .superRefine((name, ctx) => {
          const problem = checkName(name, 'Enrollment group name', GROUP_NAME_MAX_LENGTH);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      id: z.string().trim(),
      type: z.enum(['iot', 'iotEdge']),
      attestationType: z.enum(['symmetricKey', 'x509']),
      enabled: z.boolean(),
      autoGenerateKeys: z.boolean(),
      primaryKey: keySchema,
      secondaryKey: keySchema,
    })
    .superRefine((values, ctx) => {
      if (!isCreate) return;
      const idProblem = checkGroupId(values.id, existingIds);
      if (idProblem) ctx.addIssue({ code: 'custom', path: ['id'], message: idProblem });
      if (values.attestationType !== 'symmetricKey' || values.autoGenerateKeys) return;
      for (const name of ['primaryKey', 'secondaryKey'] as const) {
        const problem = checkSymmetricKey(values[name]);
        if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
      }
    });
}

type FormValues = z.infer<ReturnType<typeof makeSchema>>;

export function EnrollmentGroupDialog({ open, ...props }: EnrollmentGroupDialogProps) {
  return open ? <EnrollmentGroupForm {...props} /> : null;
}

function EnrollmentGroupForm({
  onClose,
  group,
  existingIds = [],
  onCreated,
}: Omit<EnrollmentGroupDialogProps, 'open'>) {
  const isCreate = group === undefined;
  const createGroup = useCreateEnrollmentGroup();
  const updateGroup = useUpdateEnrollmentGroup();
  const [serverError, setServerError] = useState<string | null>(null);
  const [isIdEdited, setIsIdEdited] = useState(false);
  const { control, handleSubmit, setValue, formState } = useForm<FormValues>({
    resolver: zodResolver(makeSchema(isCreate, existingIds)),
    mode: 'onTouched',
    defaultValues: {
      displayName: group?.displayName ?? '',
      id: group?.id ?? '',
      type: group?.type ?? 'iot',
      attestationType: group?.attestation.type ?? 'symmetricKey',
      enabled: group?.enabled ?? true,
      autoGenerateKeys: true,
      primaryKey: '',
      secondaryKey: '',
    },
  });
  const attestationType = useWatch({ control, name: 'attestationType' });
  const autoGenerateKeys = useWatch({ control, name: 'autoGenerateKeys' });

  const handleSave = handleSubmit(async (values) => {
    setServerError(null);
    try {
      if (group) {
        await updateGroup.mutateAsync({
          group,
          changes: { displayName: values.displayName, type: values.type, enabled: values.enabled },
        });
        notify(`Enrollment group "${isolateText(values.displayName)}" saved.`, 'success');
        onClose();
        return;
      }
      const created = await createGroup.mutateAsync({
        id: values.id,
        group: {
          displayName: values.displayName,
          type: values.type,
          enabled: values.enabled,
          attestation:
            values.attestationType === 'x509'
              ? { type: 'x509' }
              : values.autoGenerateKeys
                ? { type: 'symmetricKey' }
                : {
                    type: 'symmetricKey',
                    symmetricKey: { primaryKey: values.primaryKey, secondaryKey: values.secondaryKey },
                  },
        },
      });
      notify(`Enrollment group "${isolateText(created.displayName)}" created.`, 'success');
      onClose();
      onCreated?.(created);
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
    }
  });

  const title = isCreate ? 'New enrollment group' : `Edit "${group.displayName}"`;
  return (
    <Dialog open onClose={onClose} aria-labelledby="enrollment-group-title">
      <form onSubmit={(e) => void handleSave(e)} noValidate>
        <DialogTitle id="enrollment-group-title">{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ mt: 1 }}>
            {serverError && <Alert severity="error">{serverError}</Alert>}
            <FormTextField
              control={control}
              name="displayName"
              onChange={(event) => {
                if (isCreate && !isIdEdited) {
                  setValue('id', groupIdFromName(event.target.value), {
                    shouldValidate: formState.isSubmitted,
                  });
                }
              }}
              label="Name"
              required
              autoFocus
            />
            <FormTextField
              control={control}
              name="id"
              onChange={() => setIsIdEdited(true)}
              label="Group ID"
              required={isCreate}
              disabled={!isCreate}
              helperText={
                isCreate
                  ? 'Letters, digits and "-". It cannot be changed later.'
                  : 'The ID cannot be changed.'
              }
              slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
            />
            <Controller
              name="type"
              control={control}
              render={({ field }) => (
                <FormControl>
                  <FormLabel id="group-device-type">Device type</FormLabel>
                  <RadioGroup row aria-labelledby="group-device-type" {...field}>
                    {(['iot', 'iotEdge'] as const).map((type) => (
                      <FormControlLabel
                        key={type}
                        value={type}
                        control={<Radio />}
                        label={DEVICE_TYPE_LABELS[type]}
                      />
                    ))}
                  </RadioGroup>
                </FormControl>
              )}
            />
            <Controller
              name="attestationType"
              control={control}
              render={({ field }) => (
                <FormControl disabled={!isCreate}>
                  <FormLabel id="group-attestation-type">Attestation type</FormLabel>
                  <RadioGroup row aria-labelledby="group-attestation-type" {...field}>
                    {(['symmetricKey', 'x509'] as const).map((type) => (
                      <FormControlLabel
                        key={type}
                        value={type}
                        control={<Radio />}
                        label={ATTESTATION_LABELS[type]}
                      />
                    ))}
                  </RadioGroup>
                  <FormHelperText>
                    {field.value === 'x509'
                      ? 'Devices present a certificate signed by a CA certificate you upload and verify for this group.'
                      : 'Each device connects with a key derived from the group key and its device ID.'}
                    {!isCreate && ' The attestation type cannot be changed.'}
                  </FormHelperText>
                </FormControl>
              )}
            />
            {isCreate && attestationType === 'symmetricKey' && (
              <>
                <FormSwitch control={control} name="autoGenerateKeys" label="Auto generate keys" />
                {!autoGenerateKeys &&
                  (['primaryKey', 'secondaryKey'] as const).map((name) => (
                    <FormTextField
                      key={name}
                      control={control}
                      name={name}
                      label={name === 'primaryKey' ? 'Primary key' : 'Secondary key'}
                      required
                      helperText="Base64 of 16 to 64 bytes."
                      slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
                    />
                  ))}
              </>
            )}
            <FormSwitch
              control={control}
              name="enabled"
              label="Enabled"
              helperText={(isEnabled) =>
                isEnabled
                  ? 'Devices can register and connect through this group.'
                  : 'Disabled: the group refuses every registration; its devices cannot connect.'
              }
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {isCreate ? 'Create' : 'Save'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
