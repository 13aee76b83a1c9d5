// The simulator's input checks: say what is wrong and how to fix it, before anything is sent.
import { describeBase64Problem } from '../../lib/base64';
import { isValidDtmi } from '../../lib/dtmi';
import type { SasValue } from './components/sas-fields';

export type Mechanism = 'symmetricKey' | 'x509' | 'tpm';

export const MECHANISM_LABELS: Record<Mechanism, string> = {
  symmetricKey: 'Shared access signature (SAS)',
  x509: 'Certificates (X.509)',
  tpm: 'Trusted Platform Module (TPM)',
};

/** Models of the public model repository the demo bundles, offered as examples. */
export const PUBLIC_MODEL_EXAMPLES = [
  'dtmi:com:example:TemperatureController;2',
  'dtmi:com:example:Thermostat;2',
];

export const BATCH_MAX_DEVICES = 5000;

export function checkModelId(modelId: string): string | undefined {
  const text = modelId.trim();
  if (!text || isValidDtmi(text)) return undefined;
  return 'A model ID is a DTMI such as dtmi:com:example:Thermostat;1 (segments of letters, digits and "_", then ";" and a version).';
}

export function checkKey(key: string, label: string): string | undefined {
  if (!key) return `Enter the ${label.toLowerCase()}.`;
  const problem = describeBase64Problem(key);
  return problem ? `${label}: ${problem}` : undefined;
}

export function checkSasValue(value: SasValue): Partial<Record<keyof SasValue, string>> {
  const problems: Partial<Record<keyof SasValue, string>> = {};
  if (!value.registrationId) problems.registrationId = 'Enter the registration ID (the device ID).';
  const keyProblem =
    value.keySource === 'group'
      ? checkKey(value.groupKey, 'Group key')
      : checkKey(value.deviceKey, 'Device key');
  if (keyProblem) problems[value.keySource === 'group' ? 'groupKey' : 'deviceKey'] = keyProblem;
  return problems;
}

export function checkBatchCount(text: string): string | undefined {
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > BATCH_MAX_DEVICES) {
    return `Enter a whole number of devices from 1 to ${BATCH_MAX_DEVICES.toLocaleString()}.`;
  }
  return undefined;
}

/** The prefix of the batch's device IDs: lower-case letters, digits and "-" (IDs end with a number). */
export function checkBatchPrefix(prefix: string): string | undefined {
  if (!/^[a-z0-9-]{1,100}$/.test(prefix)) {
    return 'Use 1 to 100 lower-case letters, digits and "-", e.g. sim-; each device ID is the prefix and a number.';
  }
  return undefined;
}

/** `sim-0001` … : the batch's registration IDs, numbered from `first`. */
export function batchIds(prefix: string, count: number, first = 1): string[] {
  const width = Math.max(4, String(first + count - 1).length);
  return Array.from({ length: count }, (_, i) => `${prefix}${String(first + i).padStart(width, '0')}`);
}
