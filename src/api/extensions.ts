// What the demo backend adds beyond the public IoT Central API (2022-07-31), kept apart from the
// generated types. Each item is listed in the README's "API notes". A real application ignores
// unknown query options and never sends these fields, and the UI degrades as the notes describe.
import type { AttestationType, Collection, Device, DeviceTemplate, SigningX509Certificate } from './types';

/**
 * Extra, read-only fields on a Device. The public API cannot tell "Waiting for approval" from
 * "Blocked" (both are enabled: false, provisioned: false), nor remember what a blocked device was.
 */
export interface DeviceExtensions {
  /** The device registered itself while Auto approve was off and no operator has approved it yet. */
  approvalPending: boolean;
  /** An operator blocked the device. `enabled` is false while blocked or pending. */
  blocked: boolean;
  /**
   * How its individual enrollment attests (`symmetricKey`, `x509`, `tpm`); absent when it has none and
   * connects through an enrollment group. The console asks for the attestation only when there is one:
   * the public API answers 404 otherwise.
   */
  attestationType?: AttestationType;
  /** On the console server: whether the device is connected to its IoT hub now, and when it last did anything. */
  connection?: DeviceConnection;
}

/** A device's link to the console server's IoT hub (MQTT). */
export interface DeviceConnection {
  connected: boolean;
  /** The latest of its connect, disconnect and telemetry times. */
  lastActivity?: string;
}

/** A device-to-cloud message as the hub last received it. */
export interface TelemetryMessage {
  at: string;
  /** Size in bytes of the whole body. */
  size: number;
  /** The body as UTF-8 text (or base64 when it is not text), cut at TELEMETRY_BODY_LIMIT bytes. */
  body: string;
  encoding: 'utf-8' | 'base64';
  isTruncated: boolean;
  /** The message's properties from the topic (`$.ct`, `$.ce`, application properties). */
  properties: Record<string, string>;
}

/** GET /api/extensions/devices/{id}/activity: the device's hub connection and its last message. */
export interface DeviceActivity extends DeviceConnection {
  lastConnectedAt?: string;
  lastDisconnectedAt?: string;
  lastTelemetryAt?: string;
  lastMessage?: TelemetryMessage;
}

/**
 * GET /api/extensions/endpoints (console server only): where a device on this machine connects, as
 * host:port, and the CA certificate (PEM) that signs those endpoints' TLS certificate.
 */
export interface DeviceEndpoints {
  idScope: string;
  dps: { https: string; mqtts: string };
  hub: { mqtts: string };
  /** The host name DPS assigns devices to (`assignedHub`). */
  assignedHub: string;
  caCertificate: string;
}

/**
 * POST /api/extensions/dpsRelay (console server only): one request of DPS's device registration API, sent by
 * the console server to its own DPS over HTTPS (TLS, with the device's client certificate when given), for
 * the Simulator, which as a page can neither present a client certificate nor trust the local CA. Only
 * `PUT /{idScope}/registrations/{id}/register` and `GET …/operations/{operationId}` are relayed.
 */
export interface DpsRelayRequest {
  method: 'PUT' | 'GET';
  /** The path and query on DPS, e.g. `/0ne0000A1B2/registrations/dev-1/register?api-version=2021-06-01`. */
  path: string;
  /** Only `Authorization`, `Content-Type` and `Accept` are sent on. */
  headers?: Record<string, string>;
  /** The request body as text (JSON). */
  body?: string;
  /** The device's X.509 certificate, presented in the TLS handshake; kept for this request only. */
  clientCertificate?: DpsRelayClientCertificate;
}

export interface DpsRelayClientCertificate {
  /** The leaf first, then its intermediates: base64 DER. */
  chain: string[];
  /** The leaf's private key: base64 DER, PKCS#8. */
  privateKey: string;
}

/** What DPS answered over HTTPS: 200 from the relay whatever DPS's status (a 401, a 429) was. */
export interface DpsRelayExchange {
  method: 'PUT' | 'GET';
  /** The URL the relay called, e.g. `https://localhost:8443/0ne…/register?api-version=…`. */
  url: string;
  status: number;
  /** DPS's headers that a device reads: retry-after, location, x-ms-request-id, x-ms-error-code, content-type. */
  headers: Record<string, string>;
  /** DPS's body as text. */
  body: string;
}

export type ExtendedDevice = Device & { extensions?: DeviceExtensions };

/** `$count=true` on a list adds the OData total of items matching the filter. */
export type CountedCollection<T> = Collection<T> & { '@odata.count'?: number };

/** GET/PATCH /api/extensions/settings: the Auto approve switch of Administration > Device connection. */
export interface ConnectionSettings {
  autoApprove: boolean;
  /** ID scope of the application's DPS instance (`0ne` + 8 hex characters). */
  idScope: string;
}

export type DeviceHistoryAction =
  | 'created'
  | 'imported'
  | 'registered'
  | 'provisioned'
  | 'approved'
  | 'blocked'
  | 'unblocked'
  | 'migrated'
  | 'renamed'
  | 'enrollment-changed';

/** GET /api/extensions/devices/{id}/history: what changed the device's status and when. */
export interface DeviceHistoryEntry {
  at: string;
  action: DeviceHistoryAction;
  by: 'operator' | 'device';
  detail?: string;
}

/**
 * An enrollment group's signing (CA) certificate as the demo returns it, in the group and from
 * GET/PUT /enrollmentGroups/{id}/certificates/{entry}. IoT Central does not echo `certificate` (the
 * base64 DER); the demo does, so the pages can show subject, issuer and validity. Against a real
 * application only the thumbprint and the status are known.
 */
export type ExtendedSigningCertificate = SigningX509Certificate & {
  extensions?: {
    /** Uploaded with `verified: true`: marked verified without proof of possession. */
    verifiedOnUpload: boolean;
  };
};

/**
 * POST /api/extensions/deviceImports: one batch of a CSV import, run by the backend as IoT Central runs
 * an import job, instead of one request per device. The client sends up to DEVICE_OPERATION_BATCH_MAX
 * (lib/device-operation-limits.ts) rows per request, in file order, so progress and Cancel stay meaningful and a failure mid-way loses
 * nothing. Idempotent by device id: an id that exists is never created twice. With `operationId`, a
 * batch sent again (say after a network error hid the answer) replays the outcome the backend
 * recorded for each of its ids instead of applying anything a second time.
 */
export interface DeviceImportRequest {
  /** `line`: where the row is in the file, for the operation's report. */
  devices: { id: string; displayName?: string; line?: number }[];
  /** The template of new devices; absent: Unassociated. With `existing: 'update'` it is also assigned to existing devices. */
  template?: string;
  /** What to do with ids that exist: leave them, or set their name (and the template, if given). */
  existing: 'skip' | 'update';
  /** Write nothing; report what would happen (created = new ids, skipped/updated = existing ids). */
  dryRun?: boolean;
  /**
   * Client-chosen id of the whole import (a UUID), for replaying a retried batch. When a Device operation
   * of that id exists (PUT /extensions/deviceOperations/{id}), the backend counts the batch into its report.
   */
  operationId?: string;
  /** The batch's place in the import (0, 1, …): a batch is counted into the report once, however often it is sent. */
  batch?: number;
}

/** Per-row outcomes of one batch, by device id. An existing device already as the file says is "skipped". */
export interface DeviceImportResult {
  created: string[];
  updated: string[];
  skipped: string[];
  failed: { id: string; reason: string }[];
  /** The Device operation's report as the backend recorded it with this batch (with `operationId`). */
  operation?: DeviceOperationRecord;
}

/** A row a Device operation could not do, with its line in the file (0 when unknown). */
export interface DeviceOperationFailure {
  line: number;
  id: string;
  name: string;
  reasons: string[];
}

export type DeviceOperationStatus = 'running' | 'completed' | 'cancelled' | 'stopped';

/**
 * GET /api/extensions/deviceOperations: the imports and exports of this application, newest first, as
 * IoT Central lists its device operations. The page that runs one sends its batches; the backend applies
 * them and counts them into this report in the same transaction, so the report every tab reads is what
 * was done. A running operation whose page stopped sending (closed, offline) for RUNNING_SILENCE_MS reads
 * as stopped, with what to do.
 */
export interface DeviceOperationRecord {
  id: string;
  kind: 'import' | 'export';
  /** E.g. "Import of devices.csv" or "Export of 120 devices". */
  title: string;
  /** E.g. the template an import assigns. */
  detail?: string;
  status: DeviceOperationStatus;
  /** ISO times. */
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Rows (devices) the operation handles, and how many are done. */
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  /** Devices an export could not find any more. */
  missing: number;
  /** How many rows failed; `failed` keeps the first DEVICE_OPERATION_FAILURES_KEPT of them. */
  failedCount: number;
  failed: DeviceOperationFailure[];
  /** Why it stopped, and what the operator can do. */
  error?: string;
}

/** PUT /api/extensions/deviceOperations/{id}: starts the report (idempotent: an existing one is returned). */
export interface DeviceOperationStart {
  kind: DeviceOperationRecord['kind'];
  title: string;
  detail?: string;
  total: number;
  /** An import's invalid rows, found in the file before any batch. */
  failed?: DeviceOperationFailure[];
  failedCount?: number;
}

/**
 * PATCH /api/extensions/deviceOperations/{id}: the page says how its run ended (or that it runs again).
 * A completed operation's total becomes what it did (devices may have come or gone since an export began).
 */
export interface DeviceOperationUpdate {
  status: DeviceOperationStatus;
  error?: string;
}

/**
 * POST /api/extensions/deviceExports: the rows of IoT Central's export file for a selection, with the
 * device keys already derived (the public API would need GET /devices/{id}/credentials per device).
 * Either `ids` (up to DEVICE_OPERATION_BATCH_MAX per request), or every device matching `filter` (the
 * `$filter` of GET /devices; all devices when absent) minus `excludedIds`, paged with `top` and
 * the `skipToken` of the previous page.
 */
export interface DeviceExportRequest {
  /** As for imports: the Device operation this page belongs to, and its place, to count it into the report. */
  operationId?: string;
  batch?: number;
  ids?: string[];
  filter?: string;
  excludedIds?: string[];
  /** Page size for a filter export, 1 to DEVICE_OPERATION_BATCH_MAX; default 1000. */
  top?: number;
  skipToken?: string;
}

export interface DeviceExportRecord {
  id: string;
  displayName: string;
  /** The device keys: the individual enrollment's, or derived from the SAS enrollment group. */
  symmetricKey?: { primaryKey: string; secondaryKey: string };
  /** SHA-1 thumbprints of an X.509 individual enrollment's certificates. */
  x509Thumbprints?: { primary: string; secondary?: string };
}

export interface DeviceExportPage {
  value: DeviceExportRecord[];
  /** Send it back for the next page; absent on the last page. */
  skipToken?: string;
  /** Filter export, first page: how many devices the whole export holds. */
  count?: number;
  /** Ids export: the requested ids that no longer exist. */
  notFound?: string[];
  /** The Device operation's report as recorded with this page (with `operationId`). */
  operation?: DeviceOperationRecord;
}

/**
 * The demo's role (IoT Central's built-in Administrator and Operator). It travels in the demo token's
 * key name (`skn=operator`), and the demo backend answers 403 to an operator's administration calls.
 */
export type Role = 'administrator' | 'operator';

/** Where a device template came from: published in the app, or made from the public model repository. */
export type TemplateSource = 'app' | 'model-repository';

/** GET /api/deviceTemplates[/{id}] adds the read-only `source`; a real application omits it. */
export type ExtendedDeviceTemplate = DeviceTemplate & { source?: TemplateSource };

export type FaultKind = '5xx' | '429' | 'drop';

/** GET/PATCH /api/extensions/demo: the demo backend's injected latency and faults (Demo settings). */
export interface DemoControls {
  latencyMs: number;
  /** Share of API requests, 0..1, that fail with one of `faultKinds`. */
  faultRate: number;
  faultKinds: FaultKind[];
}

/**
 * GET /api/extensions/events (console server only): server-sent events, one `change` event per burst of
 * store commits. `devices` lists the device IDs written or deleted, or says "all" (a reset, a large
 * import); `meta` names the small tables that changed.
 */
export interface StoreChangeEvent {
  devices: string[] | 'all';
  meta: ('settings' | 'templates' | 'groups' | 'operations')[];
}
