// @vitest-environment node
// The layer rule (STYLE.md, dependency rules) on every form that pulls in another module: imports,
// dynamic imports, re-exports and export-all, type-only or not.
import { RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import { layersPlugin } from './layers.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.afterAll = afterAll;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const rule = layersPlugin.rules.layers as unknown as Rule.RuleModule;

const file = (path: string) => `/repo/src/${path}`;

tester.run('local/layers', rule, {
  valid: [
    { filename: file('features/devices/actions.ts'), code: "import { getDevice } from '../../api/devices';" },
    { filename: file('features/devices/actions.ts'), code: "import { skipReason } from '../../lib/device-actions';" },
    { filename: file('features/devices/components/x.tsx'), code: "import { DEVICE_ACTIONS } from '../actions';" },
    { filename: file('app/routes/devices-route.tsx'), code: "import { DevicesPage } from '../../features/devices/components/devices-page';" },
    { filename: file('lib/device-status.ts'), code: "import type { ExtendedDevice } from '../api/extensions';" },
    { filename: file('lib/device-status.ts'), code: "import { type ExtendedDevice } from '../api/extensions';" },
    { filename: file('mocks/iotcentral/devices.ts'), code: "import type { Device } from '../../api/types';" },
    { filename: file('mocks/iotcentral/devices.ts'), code: "export type * from '../../api/extensions';" },
    { filename: file('mocks/iotcentral/devices.ts'), code: "export { checkDeviceId } from '../../lib/device-id';" },
    { filename: file('app/providers.tsx'), code: "const zod = import('../lib/zod');" },
    { filename: file('main.tsx'), code: "void import('./mocks/browser');" },
    { filename: file('features/devices/x.ts'), code: "import { useQuery } from '@tanstack/react-query';" },
    // Outside src, the rule has nothing to say.
    { filename: '/repo/e2e/fixtures.ts', code: "import { store } from '../src/mocks/node';" },
  ],
  invalid: [
    {
      filename: file('features/devices/x.ts'),
      code: "import { http } from '../../mocks/http';",
      errors: [{ message: 'features must not import mocks (STYLE.md, dependency rules).' }],
    },
    {
      filename: file('features/devices/x.ts'),
      code: "export * from '../../mocks/http';",
      errors: [{ message: 'features must not import mocks (STYLE.md, dependency rules).' }],
    },
    {
      filename: file('features/devices/x.ts'),
      code: "export type * from '../../mocks/http';",
      errors: [{ message: 'features must not import mocks (STYLE.md, dependency rules).' }],
    },
    {
      filename: file('features/devices/x.ts'),
      code: "export { demoControls } from '../../mocks/http';",
      errors: [{ message: 'features must not import mocks (STYLE.md, dependency rules).' }],
    },
    {
      filename: file('features/devices/x.ts'),
      code: "import { ConnectDialog } from '../connect/components/connect-dialog';",
      errors: [{ message: 'Feature "devices" must not import feature "connect": move the shared part into lib or components.' }],
    },
    {
      filename: file('features/devices/x.ts'),
      code: "export * from '../connect/queries';",
      errors: [{ message: 'Feature "devices" must not import feature "connect": move the shared part into lib or components.' }],
    },
    {
      filename: file('lib/device-status.ts'),
      code: "import { getDevice } from '../api/devices';",
      errors: [{ message: 'lib must not import api at runtime (type-only imports are fine) (STYLE.md, dependency rules).' }],
    },
    {
      filename: file('lib/x.ts'),
      code: "export * from '../api/devices';",
      errors: [{ message: 'lib must not import api at runtime (type-only imports are fine) (STYLE.md, dependency rules).' }],
    },
    {
      filename: file('mocks/iotcentral/x.ts'),
      code: "import { getDevice } from '../../api/devices';",
      errors: [{ message: 'mocks must not import api at runtime (type-only imports are fine) (STYLE.md, dependency rules).' }],
    },
    {
      filename: file('api/devices.ts'),
      code: "const c = import('../components/page-header');",
      errors: [{ message: 'api must not import components (STYLE.md, dependency rules).' }],
    },
    {
      filename: file('lib/x.ts'),
      code: "import { useState } from 'react';",
      errors: [{ message: 'lib must not import "react" (STYLE.md, dependency rules).' }],
    },
    {
      filename: file('api/x.ts'),
      code: "export * from '@mui/material';",
      errors: [{ message: 'api must not import "@mui/material" (STYLE.md, dependency rules).' }],
    },
    {
      filename: file('app/x.ts'),
      code: "import { routes } from '../lib/index';",
      errors: [{ message: 'No barrel files: import the file itself.' }],
    },
    {
      filename: file('components/x.tsx'),
      code: "import { DevicesPage } from '../features/devices/components/devices-page';",
      errors: [{ message: 'components must not import features (STYLE.md, dependency rules).' }],
    },
  ],
});
