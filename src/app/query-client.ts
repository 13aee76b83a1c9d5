import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { notify } from '../components/notifications';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      // A failed first load is shown in the page itself; a failed background refresh is not, so say it here.
      onError: (error, query) => {
        if (query.state.data !== undefined) notify(`Could not refresh: ${error.message}`, 'error');
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.isErrorHandledLocally) return;
        notify(error.message, 'error');
      },
    }),
    defaultOptions: {
      // The client already retries what is safe (network errors, 5xx, 429); a 4xx answer (404, 403) is the
      // answer, and asking again only doubles it in the console.
      queries: { retry: (count, error) => count < 1 && !(error.status >= 400 && error.status < 500), refetchOnWindowFocus: false },
    },
  });
}
