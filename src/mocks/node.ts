// The demo backend for Vitest: the same handlers, never persisted.
import { setupServer } from 'msw/node';
import { createHandlers } from './handlers';
import { store } from './store/store';

export const server = setupServer(...createHandlers(store));
export { store };
