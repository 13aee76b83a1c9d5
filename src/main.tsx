import '@fontsource/roboto/400.css';
import '@fontsource/roboto/500.css';
import '@fontsource/roboto/700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { loadCapabilities } from './api/capabilities';
import { configureApi } from './api/config';
import { demoAuthHeader } from './app/config';
import { Providers } from './app/providers';
import { getRole } from './app/role';
import { createQueryClient } from './app/query-client';
import { AppRoutes } from './app/router';

const container = document.getElementById('root') as HTMLElement;

async function boot() {
  const queryClient = createQueryClient();
  // import.meta.env.VITE_BACKEND is replaced at build time, so the branches not taken, and the code they
  // load, are left out of the bundle.
  if (import.meta.env.VITE_BACKEND === 'page') {
    // The demo backend is loaded only in in-page builds, so it stays out of every other bundle.
    const { startDemoBackend } = await import('./mocks/browser');
    // Another tab has the in-page demo: that tab says so, and offers to take it over.
    if (!(await startDemoBackend())) return;
    configureApi({ getAuthHeader: () => demoAuthHeader(getRole()) });
    await loadCapabilities();
  } else if (import.meta.env.VITE_BACKEND === 'server') {
    const { startServerMode } = await import('./app/server-mode');
    await startServerMode(queryClient);
    await loadCapabilities();
  } else {
    const { startRealMode } = await import('./app/real-mode');
    if (!(await startRealMode())) return;
  }
  createRoot(container).render(
    <StrictMode>
      <Providers queryClient={queryClient}>
        {/* Without transitions: a new page, sort or filter of the grid renders in one go, as the grid does
            for its own state, rather than in slices with other work in between (see view-state.ts). */}
        <BrowserRouter useTransitions={false}>
          <AppRoutes />
        </BrowserRouter>
      </Providers>
    </StrictMode>,
  );
}

boot().catch((error: unknown) => {
  console.error(error);
  container.textContent = '';
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.style.cssText = 'font: 16px system-ui; margin: 2rem; color: #b00020';
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
  message.textContent = `The console could not start: ${reason}. Reload the page to try again.`;
  container.append(message);
});
