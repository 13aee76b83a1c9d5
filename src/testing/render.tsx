// Renders the app's real routes with real providers, a memory router and a fresh QueryClient
// (no retries), against the MSW demo backend of the test setup.
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { useEffect, type ReactElement } from 'react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation, useNavigate, type Location, type NavigateFunction } from 'react-router';
import { Providers } from '../app/providers';
import { AppRoutes } from '../app/router';

/** What a test can see and do of the router: where the app is, and going somewhere else. */
export interface TestRouter {
  location: Location;
  navigate: NavigateFunction;
}

function RouterProbe({ onChange }: { onChange: (router: TestRouter) => void }) {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    onChange({ location, navigate });
  }, [location, navigate, onChange]);
  return null;
}

export function renderRoute(path: string) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const router = {} as TestRouter;
  const user = userEvent.setup();
  const view = render(
    <Providers queryClient={queryClient}>
      <MemoryRouter initialEntries={[path]} useTransitions={false}>
        <AppRoutes />
        <RouterProbe onChange={(now) => Object.assign(router, now)} />
      </MemoryRouter>
    </Providers>,
  );
  return { ...view, user, router, queryClient };
}

/** Renders one component (a dialog, a field) with the app's providers and a fresh QueryClient, without routes. */
export function renderWithProviders(ui: ReactElement) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const user = userEvent.setup();
  // A wrapper (not a parent element), so that `rerender(ui)` keeps the providers.
  const view = render(ui, {
    wrapper: ({ children }) => <Providers queryClient={queryClient}>{children}</Providers>,
  });
  return { ...view, user, queryClient };
}
