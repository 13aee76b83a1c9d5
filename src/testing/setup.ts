import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { retryPolicy } from '../api/client';
import { configureApi } from '../api/config';
import { clearNotifications } from '../components/notifications';
import { demoControls } from '../mocks/http';
import { server, store } from '../mocks/node';

// findBy* and waitFor wait on what the user sees, not on the clock: on a loaded 2-core machine (load
// average 8) a first render with real HTTP can take seconds, far past Testing Library's 1 s default.
// A test that waits this long is waiting for something that will not come, and fails with its message.
configure({ asyncUtilTimeout: 15_000 });

// Every test talks to the demo backend through real HTTP, intercepted by MSW.
configureApi({
  baseUrl: '/api',
  getAuthHeader: () => 'SharedAccessSignature sr=test&sig=test&skn=administrator&se=4102444800',
});

// Retries keep their count but not their waiting, so tests stay fast.
retryPolicy.baseDelayMs = 1;
retryPolicy.maxDelayMs = 5;

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  cleanup();
  clearNotifications();
  server.resetHandlers();
  store.reset();
  Object.assign(demoControls, { latencyMs: 0, faultRate: 0, faultKinds: ['5xx', '429', 'drop'] });
});
afterAll(() => server.close());
