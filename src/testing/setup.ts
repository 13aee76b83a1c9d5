import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { retryPolicy } from '../api/client';
import { configureApi } from '../api/config';
import { clearNotifications } from '../components/notifications';
import { demoControls } from '../mocks/http';
import { server, store } from '../mocks/node';

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
