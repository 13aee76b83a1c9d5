// The demo backend's extensions to the public API, by name (src/api/capabilities.ts says what each gives
// the screens): the demo backends announce them, a demo build assumes them until it has asked.
import type { ExtensionName } from '../api/capabilities';

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
