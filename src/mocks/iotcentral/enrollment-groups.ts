// IoT Central's /enrollmentGroups API: the SAS and X.509 groups of Administration > Device connection.
import { http, HttpResponse } from 'msw';
import type { ExtendedSigningCertificate } from '../../api/extensions';
import type { EnrollmentGroup } from '../../api/types';
import { checkSymmetricKey, generateSymmetricKey } from '../../lib/sas-keys';
import { checkName, GROUP_NAME_MAX_LENGTH } from '../../lib/names';
import { badRequest, DomainError, notFound } from '../../lib/domain-error';
import { checkEtag, handler } from '../http';
import type { Store } from '../store/store';
import type { EnrollmentGroupRecord, SigningCertificateRecord } from '../store/types';

const GROUP_ID = /^[a-zA-Z0-9-]{1,255}$/;

/** The API shape of a signing certificate. `certificate` and `extensions` are the demo's additions (api/extensions.ts). */
export function toApiSigningCertificate(cert: SigningCertificateRecord): ExtendedSigningCertificate {
  return {
    verified: cert.verified,
    certificate: cert.certificate,
    info: { sha1Thumbprint: cert.sha1Thumbprint },
    etag: cert.etag,
    extensions: { verifiedOnUpload: cert.verifiedOnUpload === true },
  };
}

export function toApiGroup(record: EnrollmentGroupRecord): EnrollmentGroup {
  const a = record.attestation;
  return {
    id: record.id,
    displayName: record.displayName,
    enabled: record.enabled,
    type: record.type,
    etag: record.etag,
    attestation:
      a.type === 'symmetricKey'
        ? { type: 'symmetricKey', symmetricKey: { primaryKey: a.primaryKey, secondaryKey: a.secondaryKey } }
        : {
            type: 'x509',
            x509: {
              signingCertificates: {
                ...(a.primary ? { primary: toApiSigningCertificate(a.primary) } : {}),
                ...(a.secondary ? { secondary: toApiSigningCertificate(a.secondary) } : {}),
              },
            },
          },
  };
}

export function findGroup(store: Store, id: string): EnrollmentGroupRecord {
  const group = store.groups.get(id);
  if (!group) throw notFound(`Enrollment group "${id}"`);
  return group;
}

/**
 * Null when devices may register through the group; otherwise why not. A disabled group refuses
 * every registration ("Whether the devices using the group are allowed to connect").
 */
export function groupRegistrationProblem(group: Pick<EnrollmentGroupRecord, 'id' | 'displayName' | 'enabled'>): string | null {
  if (group.enabled) return null;
  return `Enrollment group "${group.displayName}" (${group.id}) is disabled, so devices cannot register through it. An operator can enable it on Administration > Device connection.`;
}

function readKeys(body: Record<string, unknown>): { primaryKey: string; secondaryKey: string } | undefined {
  const attestation = body.attestation as { symmetricKey?: { primaryKey?: unknown; secondaryKey?: unknown } } | undefined;
  const keys = attestation?.symmetricKey;
  if (!keys) return undefined;
  for (const [name, value] of [
    ['primaryKey', keys.primaryKey],
    ['secondaryKey', keys.secondaryKey],
  ] as const) {
    if (typeof value !== 'string') throw badRequest(`"attestation.symmetricKey.${name}" must be a base64 key.`);
    const problem = checkSymmetricKey(value);
    if (problem) throw badRequest(`${name}: ${problem}`);
  }
  return { primaryKey: keys.primaryKey as string, secondaryKey: keys.secondaryKey as string };
}

function readCommon(body: Record<string, unknown>, current?: EnrollmentGroupRecord) {
  const displayName = body.displayName ?? current?.displayName;
  if (typeof displayName !== 'string' || displayName.trim() === '') throw badRequest('"displayName" is required.');
  const nameProblem = checkName(displayName.trim(), 'Enrollment group name', GROUP_NAME_MAX_LENGTH);
  if (nameProblem) throw badRequest(nameProblem);
  const enabled = body.enabled ?? current?.enabled ?? true;
  if (typeof enabled !== 'boolean') throw badRequest('"enabled" must be true or false.');
  const type = body.type ?? current?.type;
  if (type !== 'iot' && type !== 'iotEdge') throw badRequest('"type" must be "iot" (IoT devices) or "iotEdge" (IoT Edge devices).');
  return { displayName: displayName.trim(), enabled, type } as const;
}

export function enrollmentGroupHandlers(store: Store) {
  return [
    http.get(
      '*/api/enrollmentGroups',
      handler(() => HttpResponse.json({ value: [...store.groups.values()].map(toApiGroup) })),
    ),
    http.get(
      '*/api/enrollmentGroups/:groupId',
      handler(({ params }) => HttpResponse.json(toApiGroup(findGroup(store, params.groupId as string)))),
    ),
    http.put(
      '*/api/enrollmentGroups/:groupId',
      handler(async ({ params, json }) => {
        const id = params.groupId as string;
        if (!GROUP_ID.test(id)) throw badRequest('An enrollment group ID may contain letters, digits and "-", up to 255 characters.');
        const body = await json();
        const existing = store.groups.get(id);
        if (existing) checkEtag(body, existing.etag, `Enrollment group "${id}"`);
        const common = readCommon(body);
        const attestationType = (body.attestation as { type?: unknown } | undefined)?.type;
        let attestation: EnrollmentGroupRecord['attestation'];
        if (attestationType === 'symmetricKey') {
          const keys = readKeys(body) ?? { primaryKey: generateSymmetricKey(), secondaryKey: generateSymmetricKey() };
          attestation = { type: 'symmetricKey', ...keys };
        } else if (attestationType === 'x509') {
          attestation = existing?.attestation.type === 'x509' ? existing.attestation : { type: 'x509' };
        } else {
          throw badRequest('"attestation.type" must be "symmetricKey" or "x509".');
        }
        const record: EnrollmentGroupRecord = { id, ...common, attestation, etag: store.nextEtag() };
        store.groups.set(id, record);
        store.changed();
        return HttpResponse.json(toApiGroup(record));
      }),
    ),
    http.patch(
      '*/api/enrollmentGroups/:groupId',
      handler(async ({ params, json }) => {
        const record = findGroup(store, params.groupId as string);
        const body = await json();
        checkEtag(body, record.etag, `Enrollment group "${record.id}"`);
        // Every field is checked before the first write: a refused request changes nothing.
        const common = readCommon(body, record);
        const keys = readKeys(body);
        if (keys && record.attestation.type !== 'symmetricKey') throw badRequest('An X.509 group has no symmetric keys.');
        Object.assign(record, common);
        if (keys) record.attestation = { type: 'symmetricKey', ...keys };
        record.etag = store.nextEtag();
        store.changed();
        return HttpResponse.json(toApiGroup(record));
      }),
    ),
    http.delete(
      '*/api/enrollmentGroups/:groupId',
      handler(({ params }) => {
        const id = params.groupId as string;
        if (!store.groups.has(id)) throw notFound(`Enrollment group "${id}"`);
        const sasGroups = [...store.groups.values()].filter((g) => g.attestation.type === 'symmetricKey');
        if (sasGroups.length === 1 && sasGroups[0]?.id === id) {
          throw new DomainError(409, 'Conflict', 'This is the last SAS group: devices derive their keys from it. Create another SAS group first.');
        }
        store.groups.delete(id);
        store.changed();
        return new HttpResponse(null, { status: 204 });
      }),
    ),
  ];
}
