// A test copy of the official spec (src/api/spec/iotcentral.json) that Prism can serve as the IoT Central
// application, for the gateway's tests. The committed spec stays as Microsoft ships it; this copy:
// - drops `x-ms-examples` (they point at example files that are not in the repo, and Prism cannot load them)
//   and `x-ms-parameterized-host`;
// - has its paths under /api, as the application serves them (Prism ignores basePath);
// - says what the application really checks, an Authorization header (an API token or a bearer token),
//   instead of the implicit OAuth flow, so Prism refuses a request the gateway forgot to sign;
// - gets example bodies of the spec's shape for the devices list, with an absolute nextLink to the
//   application's host, and an empty last page for every other list;
// - gets examples for what the console's screens read (one device, its credentials, two templates, an X.509
//   enrollment group with an unverified CA certificate, a verification code), so that they show what a real
//   application would answer rather than Prism's "string" for every field.
//
// node scripts/prism-spec.mjs http://127.0.0.1:4620 > spec.json
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SPEC = new URL('../src/api/spec/iotcentral.json', import.meta.url);

function withoutMsExamples(value) {
  if (Array.isArray(value)) return value.map(withoutMsExamples);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'x-ms-examples')
        .map(([key, v]) => [key, withoutMsExamples(v)]),
    );
  }
  return value;
}

/** One page of the devices list as IoT Central returns it (`size` devices; 3 unless a test asks for more). */
export function devicesPage(appOrigin, page, size = 3) {
  const value = Array.from({ length: size }, (_, i) => ({
    id: `prism-device-${page}-${i + 1}`,
    etag: `"etag-${page}-${i + 1}"`,
    displayName: `Prism device ${page}.${i + 1}`,
    template: 'dtmi:contoso:thermostat;1',
    enabled: i !== 2,
    provisioned: i === 0,
    simulated: false,
    organizations: [],
  }));
  return {
    value,
    nextLink: `${appOrigin}/api/devices?api-version=2022-07-31&$top=3&$skiptoken=${encodeURIComponent(`page-${page + 1}`)}`,
  };
}

/** The X.509 group of the examples, and its CA certificate (an openssl-made test fixture). */
export const PRISM_GROUP = { id: 'factory-line', displayName: 'Factory line' };
export const PRISM_CA_FIXTURE = fileURLToPath(new URL('../src/testing/fixtures/certs/ec-root-ca.pem', import.meta.url));
/** The verification code the application answers (48 hex digits, as IoT Central's). */
export const PRISM_VERIFICATION_CODE = '3F1A2B4C5D6E7F8091A2B3C4D5E6F708192A3B4C5D6E7F80';

/** The keys of every device's individual enrollment (its attestation) in the examples. */
export const PRISM_DEVICE_KEYS = {
  primaryKey: 'Yk9rQ3Z0c1d4R2hKbU5wUXJTdFV2V3hZejAxMjM0NTY=',
  secondaryKey: 'QWJDZEVmR2hJaktsTW5PcFFyU3RVdld4WXo5ODc2NTQ=',
};

/** Examples for the single resources the console reads, by path and method (each answers 200). */
function resourceExamples(appOrigin) {
  const device = devicesPage(appOrigin, 1).value[0];
  const caPem = readFileSync(PRISM_CA_FIXTURE, 'utf8');
  const certificate = {
    verified: false,
    certificate: caPem.replace(/-----[^-]+-----|\s+/g, ''),
    info: { sha1Thumbprint: 'B4EBEB38BB4A9D1B518DC6F53F651A58D9E6CB77' },
    etag: '"cert-1"',
  };
  const group = {
    ...PRISM_GROUP,
    enabled: true,
    type: 'iot',
    attestation: { type: 'x509', x509: { signingCertificates: { primary: certificate } } },
    etag: '"group-1"',
  };
  const template = (id, displayName) => ({
    '@id': id,
    '@type': ['ModelDefinition', 'DeviceModel'],
    displayName,
    capabilityModel: { '@id': id, '@type': 'Interface', contents: [] },
  });
  const attestation = { type: 'symmetricKey', symmetricKey: PRISM_DEVICE_KEYS };
  return {
    '/api/devices/{deviceId}': { get: device, put: device, patch: device },
    '/api/devices/{deviceId}/attestation': { get: attestation, put: attestation, patch: attestation },
    '/api/devices/{deviceId}/credentials': {
      get: {
        idScope: '0ne00C0FFEE',
        symmetricKey: {
          primaryKey: 'pZjXl5Kq1V0s2wZ8eN3cT6yQ9rB4mH7uJ1kD5fG8aL0=',
          secondaryKey: 'x7Qm2Vt9Lr4Nc8Wp1Zk6Hs3Jd5Fb0Ga2Ey7Ru4Io9Ao=',
        },
      },
    },
    '/api/deviceTemplates': {
      get: {
        value: [
          template('dtmi:contoso:thermostat;1', 'Thermostat'),
          template('dtmi:contoso:sensor;2', 'Environment sensor'),
        ],
      },
    },
    '/api/enrollmentGroups': { get: { value: [group] } },
    '/api/enrollmentGroups/{enrollmentGroupId}': { get: group, put: group, patch: group },
    '/api/enrollmentGroups/{enrollmentGroupId}/certificates/{entry}': { get: certificate, put: certificate },
    '/api/enrollmentGroups/{enrollmentGroupId}/certificates/{entry}/generateVerificationCode': {
      post: { verificationCode: PRISM_VERIFICATION_CODE },
    },
  };
}

/** The spec copy for a mock at `appOrigin` (e.g. http://127.0.0.1:4620), with `devicesPerPage` devices a page. */
export function prismSpec(appOrigin, { devicesPerPage = 3 } = {}) {
  const spec = withoutMsExamples(JSON.parse(readFileSync(SPEC, 'utf8')));
  delete spec['x-ms-parameterized-host'];
  const { host, protocol } = new URL(appOrigin);
  spec.host = host;
  spec.schemes = [protocol.replace(':', '')];
  delete spec.basePath;
  spec.paths = Object.fromEntries(Object.entries(spec.paths).map(([path, item]) => [`/api${path}`, item]));
  spec.securityDefinitions = { token: { type: 'apiKey', in: 'header', name: 'Authorization' } };
  spec.security = [{ token: [] }];
  // Every other list is one empty page: Prism would otherwise make up a nextLink ("string").
  for (const item of Object.values(spec.paths)) {
    const ok = item.get?.['x-ms-pageable'] && item.get.responses['200'];
    if (ok) ok.examples = { 'application/json': { value: [] } };
  }
  spec.paths['/api/devices'].get.responses['200'].examples = {
    'application/json': devicesPage(appOrigin, 1, devicesPerPage),
  };
  for (const [path, byMethod] of Object.entries(resourceExamples(appOrigin))) {
    for (const [method, example] of Object.entries(byMethod)) {
      spec.paths[path][method].responses['200'].examples = { 'application/json': example };
    }
  }
  return spec;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const origin = process.argv[2];
  if (!origin) {
    console.error('Usage: node scripts/prism-spec.mjs http://127.0.0.1:PORT > spec.json');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(prismSpec(origin), null, 1));
}
