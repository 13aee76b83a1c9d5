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
      queries: { retry: 1, refetchOnWindowFocus: false },
    },
  });
}
