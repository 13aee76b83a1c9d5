import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { configureApi } from '../api/config';
import { clearNotifications } from '../components/notifications';
import { server, store } from '../mocks/node';

// Every test talks to the demo backend through real HTTP, intercepted by MSW.
configureApi({ baseUrl: '/api', getAuthHeader: () => 'SharedAccessSignature sr=test&sig=test&skn=administrator&se=4102444800' });

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  cleanup();
  clearNotifications();
  server.resetHandlers();
  store.reset();
});
afterAll(() => server.close());
