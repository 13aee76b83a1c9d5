// The demo backend's extensions to the public API, by name (src/api/capabilities.ts says what each gives
// the screens): the demo backends announce them, a demo build assumes them until it has asked.
/** The demo's extensions (docs/api-extensions.md), by what they give the screens. */
export type ExtensionName =
  /** `Device.extensions` and `$filter` on `blocked` / `approvalPending`: Waiting for approval vs Blocked. */
  | 'deviceStatus'
  /** `$count=true`: the grid's total. */
  | 'count'
  /** `contains(id, …)` and `$orderby=id`. */
  | 'idSearch'
  /** GET/PATCH /extensions/settings: Auto approve and the ID scope. */
  | 'settings'
  /** GET /extensions/devices/{id}/history. */
  | 'history'
  /** POST /extensions/deviceImports and /extensions/deviceExports. */
  | 'deviceImports'
  | 'deviceExports'
  /** Demo settings (latency, faults) and Reset demo data. */
  | 'demo'
  /**
   * The console server's device endpoints: GET /extensions/endpoints, /extensions/devices/{id}/activity and
   * `Device.extensions.connection` (real devices on its DPS and IoT hub). Not in the in-page demo.
   */
  | 'devices';

export const DEMO_EXTENSIONS: readonly ExtensionName[] = [
  'deviceStatus',
  'count',
  'idSearch',
  'settings',
  'history',
  'deviceImports',
  'deviceExports',
  'demo',
];
