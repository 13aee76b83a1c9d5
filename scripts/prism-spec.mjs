// A test copy of the official spec (src/api/spec/iotcentral.json) that Prism can serve as the IoT Central
// application, for the gateway's tests. The committed spec stays as Microsoft ships it; this copy:
// - drops `x-ms-examples` (they point at example files that are not in the repo, and Prism cannot load them)
//   and `x-ms-parameterized-host`;
// - has its paths under /api, as the application serves them (Prism ignores basePath);
// - says what the application really checks, an Authorization header (an API token or a bearer token),
//   instead of the implicit OAuth flow, so Prism refuses a request the gateway forgot to sign;
// - gets example bodies of the spec's shape for the devices list, with an absolute nextLink to the
//   application's host, and an empty last page for every other list.
//
// node scripts/prism-spec.mjs http://127.0.0.1:4620 > spec.json
import { readFileSync } from 'node:fs';

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
