// The demo backend's tables. Records are the backend's own shape; handlers map them to API types.
import type {
  ConnectionSettings,
  DeviceHistoryEntry,
  TelemetryMessage,
} from '../../api/extensions';
import type { Attestation, DeviceTemplate } from '../../api/types';
import type { LifecycleState } from '../../lib/device-lifecycle';
import type { DeviceOperationEntry } from '../../lib/device-operation-records';

export interface DeviceRecord extends LifecycleState {
  id: string;
  displayName: string;
  simulated: boolean;
  organizations: string[];
  etag: string;
  /** Individual enrollment; overrides the group enrollments. X.509 certificates are kept as base64 DER. */
  attestation?: Attestation;
  history: DeviceHistoryEntry[];
  /** What the console server's IoT hub saw of the device (never set in the page). */
  activity?: DeviceActivityRecord;
}

export interface DeviceActivityRecord {
  lastConnectedAt?: string;
  lastDisconnectedAt?: string;
  lastTelemetryAt?: string;
  lastMessage?: TelemetryMessage;
}

export interface SigningCertificateRecord {
  /** Base64 DER. */
  certificate: string;
  sha1Thumbprint: string;
  verified: boolean;
  etag: string;
  /** The outstanding proof-of-possession code, used once. */
  verificationCode?: string;
  /** Codes that were replaced or used up, newest last: a verification certificate made for one is "stale". */
  retiredVerificationCodes?: string[];
  /** Uploaded with `verified: true` ("Verified on upload"): proof of possession was skipped. */
  verifiedOnUpload?: boolean;
}

export interface EnrollmentGroupRecord {
  id: string;
  displayName: string;
  enabled: boolean;
  type: 'iot' | 'iotEdge';
  etag: string;
  attestation:
    | { type: 'symmetricKey'; primaryKey: string; secondaryKey: string }
    | { type: 'x509'; primary?: SigningCertificateRecord; secondary?: SigningCertificateRecord };
}

export interface TemplateRecord {
  template: DeviceTemplate & { '@id': string };
  /** Where it came from: published in the app, or made from the public model repository. */
  source: 'app' | 'model-repository';
}

export interface StoreSnapshot {
  version: number;
  settings: ConnectionSettings;
  devices: DeviceRecord[];
  templates: TemplateRecord[];
  groups: EnrollmentGroupRecord[];
  /** The Device operations' reports; absent in a seed (none yet). */
  operations?: DeviceOperationEntry[];
}

