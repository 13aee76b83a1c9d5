// The demo's deterministic seed: fixed PRNG and clock, so every reset (and every test) starts from
// the same application. At least 50 devices cover every status.
import { bytesToBase64 } from '../../lib/base64';
import type { LifecycleState } from '../../lib/device-lifecycle';
import thermostatModel from '../model-repository/dtmi/com/example/thermostat-1.json';
import { createRandom, randomBytes, randomHex } from './prng';
import type { DeviceRecord, EnrollmentGroupRecord, StoreSnapshot, TemplateRecord } from './types';

export const SEED_VERSION = 1;
export const SEED_CLOCK = Date.UTC(2026, 9, 1, 8, 0, 0);
export const DEFAULT_SAS_GROUP_ID = 'SAS-IoT-Devices';

export const SEED_TEMPLATES = {
  thermostat: 'dtmi:com:example:Thermostat;1',
  environmentSensor: 'dtmi:contoso:EnvironmentSensor;1',
  fillingMachine: 'dtmi:contoso:FillingMachine;1',
} as const;

function interfaceModel(id: string, displayName: string, telemetry: string[], properties: string[]) {
  return {
    '@id': id.replace(';', '_cm;'),
    '@type': 'Interface',
    '@context': 'dtmi:dtdl:context;2',
    displayName,
    contents: [
      ...telemetry.map((name) => ({ '@type': 'Telemetry', name, schema: 'double' })),
      ...properties.map((name) => ({ '@type': 'Property', name, schema: 'string', writable: true })),
    ],
  };
}

function templates(): TemplateRecord[] {
  return [
    {
      source: 'app',
      template: {
        '@id': SEED_TEMPLATES.thermostat,
        '@type': ['ModelDefinition', 'DeviceModel'],
        displayName: 'Thermostat',
        description: 'Reports current temperature and provides desired temperature control.',
        etag: '"~thermostat-1"',
        capabilityModel: thermostatModel as Record<string, unknown>,
      },
    },
    {
      source: 'app',
      template: {
        '@id': SEED_TEMPLATES.environmentSensor,
        '@type': ['ModelDefinition', 'DeviceModel'],
        displayName: 'Environment sensor',
        description: 'Temperature, humidity and air quality for buildings.',
        etag: '"~environment-sensor-1"',
        capabilityModel: interfaceModel(SEED_TEMPLATES.environmentSensor, 'Environment sensor', ['temperature', 'humidity', 'co2'], ['location']),
      },
    },
    {
      source: 'app',
      template: {
        '@id': SEED_TEMPLATES.fillingMachine,
        '@type': ['ModelDefinition', 'DeviceModel'],
        displayName: 'Filling machine',
        description: 'Bottling line filler with throughput and fault telemetry.',
        etag: '"~filling-machine-1"',
        capabilityModel: interfaceModel(SEED_TEMPLATES.fillingMachine, 'Filling machine', ['bottlesPerMinute', 'pressure'], ['lineName']),
      },
    },
  ];
}

const PLACES = ['Lobby', 'Warehouse', 'Office', 'Lab', 'Line', 'Roof', 'Basement', 'Kitchen', 'Server room', 'Dock'];
const KINDS: { template: string | undefined; prefix: string; label: string }[] = [
  { template: SEED_TEMPLATES.thermostat, prefix: 'thermostat', label: 'thermostat' },
  { template: SEED_TEMPLATES.environmentSensor, prefix: 'env-sensor', label: 'environment sensor' },
  { template: SEED_TEMPLATES.fillingMachine, prefix: 'filler', label: 'filling machine' },
];

/** Status mix of the first 60 devices, repeated beyond: every status appears many times. */
const STATUS_CYCLE: (keyof typeof STATES)[] = [
  'provisioned',
  'registered',
  'provisioned',
  'waiting',
  'provisioned',
  'blocked',
  'registered',
  'unassociated',
  'provisioned',
  'blockedWaiting',
];

const STATES = {
  provisioned: { approvalPending: false, blocked: false, provisioned: true },
  registered: { approvalPending: false, blocked: false, provisioned: false },
  waiting: { approvalPending: true, blocked: false, provisioned: false },
  blocked: { approvalPending: false, blocked: true, provisioned: true },
  unassociated: { approvalPending: false, blocked: false, provisioned: false },
  blockedWaiting: { approvalPending: true, blocked: true, provisioned: false },
} satisfies Record<string, Omit<LifecycleState, 'template'>>;

export function seedDevice(index: number, random: () => number): DeviceRecord {
  const kind = KINDS[index % KINDS.length] as (typeof KINDS)[number];
  const stateName = STATUS_CYCLE[index % STATUS_CYCLE.length] as keyof typeof STATES;
  const place = PLACES[Math.floor(random() * PLACES.length)] as string;
  const number = String(index + 1).padStart(4, '0');
  const template = stateName === 'unassociated' ? undefined : kind.template;
  const createdBy = stateName === 'waiting' || stateName === 'blockedWaiting' ? 'device' : 'operator';
  const at = new Date(SEED_CLOCK - (index + 1) * 3_600_000).toISOString();
  return {
    id: `${kind.prefix}-${number}`,
    displayName: `${place} ${kind.label} ${index + 1}`,
    simulated: index % 7 === 3,
    organizations: [],
    etag: bytesToBase64(randomBytes(random, 12)),
    template,
    ...STATES[stateName],
    history: [
      { at, action: createdBy === 'device' ? 'registered' : 'created', by: createdBy },
      ...(STATES[stateName].provisioned ? [{ at, action: 'provisioned' as const, by: 'device' as const }] : []),
      ...(STATES[stateName].blocked ? [{ at, action: 'blocked' as const, by: 'operator' as const }] : []),
    ],
  };
}

export function createSeed(options: { deviceCount?: number } = {}): StoreSnapshot {
  const random = createRandom(20261001);
  const idScope = `0ne${randomHex(random, 8).toUpperCase()}`;
  const sasGroup: EnrollmentGroupRecord = {
    id: DEFAULT_SAS_GROUP_ID,
    displayName: 'SAS-IoT-Devices',
    enabled: true,
    type: 'iot',
    etag: bytesToBase64(randomBytes(random, 12)),
    attestation: {
      type: 'symmetricKey',
      primaryKey: bytesToBase64(randomBytes(random, 64)),
      secondaryKey: bytesToBase64(randomBytes(random, 64)),
    },
  };
  const devices: DeviceRecord[] = [];
  const count = options.deviceCount ?? 60;
  for (let i = 0; i < count; i++) devices.push(seedDevice(i, random));
  return {
    version: SEED_VERSION,
    settings: { autoApprove: true, idScope },
    devices,
    templates: templates(),
    groups: [sasGroup],
  };
}
