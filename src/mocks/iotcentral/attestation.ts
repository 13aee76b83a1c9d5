// GET/PUT/PATCH/DELETE /devices/{id}/attestation: the device's individual enrollment (2022-07-31).
// It takes precedence over the group enrollments; DELETE returns the device to its group.
// Keys, certificates and endorsement keys are checked with the same lib code the UI uses, and a
// certificate is kept as base64 DER: responses carry only info.sha1Thumbprint, as IoT Central does.
import { http, HttpResponse } from 'msw';
import type { Attestation, X509Certificate } from '../../api/types';
import { checkSymmetricKey } from '../../lib/sas-keys';
import { parseEndorsementKey } from '../../lib/tpm';
import { checkCertificateCount, checkCertificateFileSize } from '../../lib/certificate-limits';
import { checkDeviceCertificate, parseCertificateFile } from '../../lib/x509';
import { badRequest, DomainError } from '../../lib/domain-error';
import { handler } from '../http';
import type { Store } from '../store/store';
import type { DeviceRecord } from '../store/types';
import { defaultSasGroup } from './credentials';
import { addHistory, findDevice } from './device-records';

type Body = Record<string, unknown>;
type X509Attestation = Extract<Attestation, { type: 'x509' }>;
type ClientCertificates = NonNullable<X509Attestation['x509']['clientCertificates']>;

const TYPES = ['symmetricKey', 'x509', 'tpm'] as const;
const TYPE_LABELS: Record<Attestation['type'], string> = {
  symmetricKey: 'shared access signature (SAS)',
  x509: 'X.509 certificates',
  tpm: 'TPM',
};

const isObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function objectField(body: Body, field: string, path: string): Body {
  const value = body[field];
  if (!isObject(value)) throw badRequest(`"${path}" is required and must be an object.`);
  return value;
}

function stringField(body: Body, field: string, path: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '')
    throw badRequest(`"${path}" is required and must be a string.`);
  return value;
}

function attestationType(value: unknown): Attestation['type'] {
  if (typeof value === 'string' && (TYPES as readonly string[]).includes(value))
    return value as Attestation['type'];
  throw badRequest(
    `"type" must be one of ${TYPES.map((t) => `"${t}"`).join(', ')}${value === undefined ? '' : `; got ${JSON.stringify(value)}`}.`,
  );
}

function symmetricKeyAttestation(body: Body): Attestation {
  const keys = objectField(body, 'symmetricKey', 'symmetricKey');
  const read = (field: 'primaryKey' | 'secondaryKey', label: string) => {
    const key = keys[field];
    if (typeof key !== 'string')
      throw badRequest(`"symmetricKey.${field}" is required: the ${label.toLowerCase()}, in base64.`);
    const problem = checkSymmetricKey(key);
    if (problem) throw badRequest(`${label} (symmetricKey.${field}): ${problem}`);
    return key;
  };
  return {
    type: 'symmetricKey',
    symmetricKey: {
      primaryKey: read('primaryKey', 'Primary key'),
      secondaryKey: read('secondaryKey', 'Secondary key'),
    },
  };
}

async function tpmAttestation(body: Body): Promise<Attestation> {
  const tpm = objectField(body, 'tpm', 'tpm');
  const endorsementKey = stringField(tpm, 'endorsementKey', 'tpm.endorsementKey');
  const parsed = await parseEndorsementKey(endorsementKey);
  if (!parsed.ok) throw badRequest(`Endorsement key (tpm.endorsementKey): ${parsed.error}`);
  return { type: 'tpm', tpm: { endorsementKey: endorsementKey.replace(/\s+/g, '') } };
}

/** Parses and checks one uploaded certificate; returns what the store keeps (base64 DER + thumbprint). */
async function clientCertificate(
  store: Store,
  record: DeviceRecord,
  value: unknown,
  entry: 'primary' | 'secondary',
): Promise<X509Certificate> {
  const path = `x509.clientCertificates.${entry}.certificate`;
  const label = entry === 'primary' ? 'Primary certificate' : 'Secondary certificate';
  if (!isObject(value))
    throw badRequest(`"x509.clientCertificates.${entry}" must be an object with a "certificate".`);
  const text = stringField(value, 'certificate', path);
  // The limits of the Connect dialog's certificate picker (lib/certificate-limits.ts).
  const sizeProblem = checkCertificateFileSize(text.length, 'device');
  if (sizeProblem) throw badRequest(`${label} (${path}) is too large. ${sizeProblem}`);
  const parsed = await parseCertificateFile(text, {
    checkCount: (count) => checkCertificateCount(count, 'device', 'one'),
  });
  if (!parsed.ok) throw badRequest(`${label} (${path}): ${parsed.message}`);
  const problem = checkDeviceCertificate(parsed.cert, record.id, store.now());
  if (problem) throw badRequest(`${label} (${path}): ${problem.message}`);
  return { certificate: parsed.cert.derBase64, info: { sha1Thumbprint: parsed.cert.sha1Thumbprint } };
}

async function x509Attestation(
  store: Store,
  record: DeviceRecord,
  body: Body,
  kept?: ClientCertificates,
): Promise<Attestation> {
  const x509 = objectField(body, 'x509', 'x509');
  const certs = objectField(x509, 'clientCertificates', 'x509.clientCertificates');
  // In a merge patch, an entry that is absent keeps its stored certificate and null removes it.
  const entry = async (name: 'primary' | 'secondary'): Promise<X509Certificate | undefined> => {
    if (!(name in certs)) return kept?.[name];
    if (certs[name] === null) return undefined;
    return clientCertificate(store, record, certs[name], name);
  };
  const primary = await entry('primary');
  const secondary = await entry('secondary');
  if (!primary)
    throw badRequest('"x509.clientCertificates.primary" is required: upload the primary certificate.');
  return { type: 'x509', x509: { clientCertificates: { primary, ...(secondary ? { secondary } : {}) } } };
}

async function readAttestation(
  store: Store,
  record: DeviceRecord,
  body: Body,
  existing?: Attestation,
): Promise<Attestation> {
  const type = attestationType(body.type ?? existing?.type);
  if (type === 'symmetricKey') {
    const keys = existing?.type === 'symmetricKey' ? existing.symmetricKey : {};
    const patch = isObject(body.symmetricKey) ? body.symmetricKey : {};
    return symmetricKeyAttestation(existing ? { symmetricKey: { ...keys, ...patch } } : body);
  }
  if (type === 'tpm') {
    const tpm = existing?.type === 'tpm' ? existing.tpm : {};
    return tpmAttestation(existing ? { tpm: { ...tpm, ...(isObject(body.tpm) ? body.tpm : {}) } } : body);
  }
  const kept = existing?.type === 'x509' ? existing.x509.clientCertificates : undefined;
  if (existing && !('x509' in body)) {
    if (!kept)
      throw badRequest('"x509.clientCertificates.primary" is required: upload the primary certificate.');
    return { type: 'x509', x509: { clientCertificates: kept } };
  }
  return x509Attestation(store, record, body, kept);
}

/** The API view: never the certificate bodies, only their thumbprints. */
export function toApiAttestation(attestation: Attestation): Attestation {
  if (attestation.type !== 'x509') return attestation;
  const certs = attestation.x509.clientCertificates;
  if (!certs) return { type: 'x509', x509: {} };
  const info = (cert: X509Certificate): X509Certificate => (cert.info ? { info: cert.info } : {});
  return {
    type: 'x509',
    x509: {
      clientCertificates: {
        primary: info(certs.primary),
        ...(certs.secondary ? { secondary: info(certs.secondary) } : {}),
      },
    },
  };
}

function historyDetail(attestation: Attestation): string {
  const base = `Individual enrollment: ${TYPE_LABELS[attestation.type]}`;
  if (attestation.type === 'x509') {
    const thumbprint = attestation.x509.clientCertificates?.primary.info?.sha1Thumbprint;
    return thumbprint ? `${base} (primary thumbprint ${thumbprint})` : base;
  }
  return base;
}

function save(store: Store, record: DeviceRecord, attestation: Attestation): Response {
  record.attestation = attestation;
  addHistory(store, record, 'enrollment-changed', 'operator', historyDetail(attestation));
  store.changed(record);
  return HttpResponse.json(toApiAttestation(attestation));
}

const noEnrollment = (id: string) =>
  new DomainError(
    404,
    'NotFound',
    `Device "${id}" has no individual enrollment; it connects through an enrollment group.`,
  );

export function attestationHandlers(store: Store) {
  const path = '*/api/devices/:deviceId/attestation';
  return [
    http.get(
      path,
      handler(({ params }) => {
        const record = findDevice(store, params.deviceId as string);
        if (!record.attestation) throw noEnrollment(record.id);
        return HttpResponse.json(toApiAttestation(record.attestation));
      }),
    ),

    http.put(
      path,
      handler(async ({ params, json }) => {
        const record = findDevice(store, params.deviceId as string);
        const body = await json();
        return save(store, record, await readAttestation(store, record, body));
      }),
    ),

    http.patch(
      path,
      handler(async ({ params, json }) => {
        const record = findDevice(store, params.deviceId as string);
        const body = await json();
        const existing = record.attestation;
        if (!existing) throw noEnrollment(record.id);
        // A different type replaces the enrollment, so it needs the whole new body.
        const sameType = body.type === undefined || body.type === existing.type;
        return save(
          store,
          record,
          await readAttestation(store, record, body, sameType ? existing : undefined),
        );
      }),
    ),

    http.delete(
      path,
      handler(({ params }) => {
        const record = findDevice(store, params.deviceId as string);
        if (record.attestation) {
          delete record.attestation;
          const group = defaultSasGroup(store);
          addHistory(
            store,
            record,
            'enrollment-changed',
            'operator',
            `Individual enrollment removed: the device connects through ${group ? `the ${group.displayName} group` : 'an enrollment group'}`,
          );
          store.changed(record);
        }
        return new HttpResponse(null, { status: 204 });
      }),
    ),
  ];
}
