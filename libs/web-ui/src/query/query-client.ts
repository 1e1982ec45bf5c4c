import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/problem';

/** Retries only what may heal by itself (network, 5xx, 429); a 4xx answer will not change on a retry. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          failures < 2 &&
          (!(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}
