import { Alert, Autocomplete, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import type { DpsCredential } from '../../../lib/dps-client';
import type { VirtualTpm } from '../../../lib/virtual-tpm';
import { useDeviceTemplates } from '../../../api/query-hooks';
import { transportOptions, type DpsTransport } from '../transport';
import { useRegistration } from '../use-registration';
import {
  checkModelId,
  checkSasValue,
  MECHANISM_LABELS,
  PUBLIC_MODEL_EXAMPLES,
  type Mechanism,
} from '../validation';
import { deriveDeviceKey } from '../../../lib/sas-keys';
import { ProtocolSteps } from './protocol-steps';
import { RegistrationOutcome } from './registration-outcome';
import { RegistrationPanel } from './registration-panel';
import { SasFields, type SasValue } from './sas-fields';
import { TpmFields } from './tpm-fields';
import { useSasGroupKey } from './use-sas-group-key';
import { X509Fields, type X509Value } from './x509-fields';

export interface RegisterDevicePanelProps {
  /** The application's ID scope, to prefill. */
  idScope: string;
  /** How the device reaches DPS. */
  transport: DpsTransport;
}

type Errors = Record<string, string | undefined>;

/** One device registering through DPS, step by step. */
export function RegisterDevicePanel({ idScope: appIdScope, transport }: RegisterDevicePanelProps) {
  const { data: templates } = useDeviceTemplates();
  const { run, start, cancel, reset } = useRegistration();

  const [idScope, setIdScope] = useState(appIdScope);
  const [mechanism, setMechanism] = useState<Mechanism>('symmetricKey');
  const [modelId, setModelId] = useState('');
  const [sas, setSas] = useState<SasValue>({
    registrationId: '',
    keySource: 'group',
    groupKey: '',
    deviceKey: '',
  });
  const [x509, setX509] = useState<X509Value>({ registrationId: '' });
  const [tpm, setTpm] = useState<VirtualTpm>();
  const [errors, setErrors] = useState<Errors>({});
  const isRunning = run.state === 'running';
  const changeSas = (change: Partial<SasValue>) => setSas((current) => ({ ...current, ...change }));
  const sasGroupKey = useSasGroupKey(sas.groupKey, (groupKey) => changeSas({ groupKey }));

  const registrationId =
    mechanism === 'symmetricKey'
      ? sas.registrationId
      : mechanism === 'x509'
        ? x509.registrationId
        : (tpm?.registrationId ?? '');

  const credential = async (): Promise<DpsCredential | Errors> => {
    if (mechanism === 'symmetricKey') {
      const problems = checkSasValue(sas);
      if (Object.keys(problems).length > 0) return problems;
      const key =
        sas.keySource === 'group' ? await deriveDeviceKey(sas.groupKey, sas.registrationId) : sas.deviceKey;
      return { type: 'symmetricKey', key };
    }
    if (mechanism === 'x509') {
      const problems: Errors = {};
      if (!x509.certificate) problems.certificate = 'Choose the device certificate.';
      if (!x509.privateKey) problems.key = "Choose the certificate's private key.";
      if (!x509.registrationId) problems.registrationId = "Enter the registration ID: the certificate's CN.";
      if (Object.keys(problems).length > 0 || !x509.certificate || !x509.privateKey) return problems;
      if (x509.certificateError || x509.keyError) return { key: x509.keyError ?? x509.certificateError };
      return {
        type: 'x509',
        certificate: x509.certificate.leaf.derBase64,
        chain: x509.certificate.chain.map((c) => c.derBase64),
        privateKey: x509.privateKey,
      };
    }
    if (!tpm) return { tpm: 'Generate a virtual TPM first.' };
    return { type: 'tpm', tpm };
  };

  const handleSubmit = async () => {
    // A new run starts clean: the previous run's steps and device must not stand beside this run's errors.
    reset();
    const problems: Errors = {};
    if (!idScope.trim())
      problems.idScope = 'Enter the ID scope (Administration > Device connection shows it).';
    const modelProblem = checkModelId(modelId);
    if (modelProblem) problems.modelId = modelProblem;
    const built = await credential();
    const isCredential = 'type' in built;
    const all = { ...problems, ...(isCredential ? {} : (built as Errors)) };
    setErrors(all);
    if (!isCredential || Object.values(all).some(Boolean)) return;
    const device = built as DpsCredential;
    // Over HTTPS an X.509 device proves its key in the TLS handshake, which the console server makes for it.
    const clientCertificate =
      device.type === 'x509' && transport.kind === 'https' && x509.privateKeyPkcs8
        ? { chain: [device.certificate, ...(device.chain ?? [])], privateKey: x509.privateKeyPkcs8 }
        : undefined;
    await start({
      ...transportOptions(transport, clientCertificate),
      idScope: idScope.trim(),
      registrationId,
      credential: device,
      ...(modelId.trim() ? { payload: { modelId: modelId.trim() } } : {}),
    });
  };

  const modelOptions = [
    ...new Set([...(templates ?? []).map((t) => t['@id'] ?? ''), ...PUBLIC_MODEL_EXAMPLES]),
  ].filter(Boolean);

  return (
    <RegistrationPanel
      formLabel="Register a device"
      title="Device"
      submitLabel="Register"
      isRunning={isRunning}
      onSubmit={handleSubmit}
      onCancel={cancel}
      aside={
        run.state === 'idle' ? (
          <Alert severity="info" variant="outlined">
            Press Register: the device sends PUT …/register to DPS, gets 202 Accepted with an operation ID,
            polls it as Retry-After says, and receives its assignment (or the reason it was refused). Every
            step shows here{transport.kind === 'https' ? `, as sent over HTTPS to ${transport.endpoint}` : ''}.
          </Alert>
        ) : (
          <>
            {run.state !== 'running' && <RegistrationOutcome run={run} registrationId={registrationId} />}
            <ProtocolSteps
              steps={run.steps}
              isRunning={isRunning}
              {...(transport.kind === 'https'
                ? {
                    destination: `Sent to ${transport.endpoint} over TLS by the console server${mechanism === 'x509' ? ', with the device certificate in the handshake' : ''}; each step is what it sent and what DPS answered.`,
                  }
                : {})}
            />
          </>
        )
      }
    >
      <TextField
        label="ID scope"
        value={idScope}
        onChange={(event) => setIdScope(event.target.value.trim())}
        error={Boolean(errors.idScope)}
        helperText={
          errors.idScope ??
          "This application's ID scope is filled in; change it to see DPS refuse an unknown scope."
        }
        disabled={isRunning}
        slotProps={{ htmlInput: { spellCheck: false, sx: { fontFamily: 'monospace' } } }}
      />
      <TextField
        select
        label="Authentication type"
        value={mechanism}
        onChange={(event) => {
          setMechanism(event.target.value as Mechanism);
          setErrors({});
          reset();
        }}
        disabled={isRunning}
      >
        {(Object.keys(MECHANISM_LABELS) as Mechanism[]).map((m) => (
          <MenuItem key={m} value={m}>
            {MECHANISM_LABELS[m]}
          </MenuItem>
        ))}
      </TextField>
      {mechanism === 'symmetricKey' && (
        <SasFields
          value={sas}
          onChange={changeSas}
          group={sasGroupKey}
          errors={errors}
          disabled={isRunning}
        />
      )}
      {mechanism === 'x509' && (
        <X509Fields
          value={x509}
          onChange={(change) => setX509((current) => ({ ...current, ...change }))}
          errors={errors}
          disabled={isRunning}
          isKeySentToServer={transport.kind === 'https'}
        />
      )}
      {mechanism === 'tpm' && (
        <TpmFields tpm={tpm} onChange={setTpm} error={errors.tpm} disabled={isRunning} />
      )}
      <Autocomplete
        freeSolo
        options={modelOptions}
        inputValue={modelId}
        onInputChange={(_, value) => setModelId(value)}
        disabled={isRunning}
        renderInput={(params) => (
          <TextField
            {...params}
            label="Model ID (optional)"
            error={Boolean(errors.modelId)}
            helperText={
              errors.modelId ??
              'Sent as the registration payload { modelId }. A template in the app is assigned; a public model becomes a new template; otherwise the device stays Unassociated.'
            }
            slotProps={{
              ...params.slotProps,
              htmlInput: { ...params.slotProps.htmlInput, spellCheck: false },
            }}
          />
        )}
      />
    </RegistrationPanel>
  );
}
