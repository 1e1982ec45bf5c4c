import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

/** A page of a list endpoint: `{data, nextCursor}`. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** What a paged table needs, whether the pages come from the API's cursors or from a list held here. */
export interface Pager<T> {
  rows: T[] | undefined;
  isLoading: boolean;
  isFetching: boolean;
  error: unknown;
  refetch(): void;
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous(): void;
  next(): void;
}

/**
 * Walks a cursor-paginated endpoint a page at a time: the cursors seen so far are kept so Previous works.
 * Changing `key` (a filter) starts again at the first page.
 */
export function useCursorPages<T>(
  key: readonly unknown[],
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  options: { enabled?: boolean; refetchInterval?: number } = {},
): Pager<T> {
  const keyText = JSON.stringify(key);
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({
    key: keyText,
    cursors: [undefined],
  });
  const cursors = state.key === keyText ? state.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const query = useQuery({
    queryKey: [...key, { cursor: cursor ?? null }],
    queryFn: () => fetchPage(cursor),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
  });
  const nextCursor = query.data?.nextCursor ?? null;
  return {
    rows: query.data?.data,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
    error: query.error,
    refetch: () => void query.refetch(),
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: nextCursor !== null && !query.isPlaceholderData,
    previous: () => setState({ key: keyText, cursors: cursors.slice(0, -1) }),
    next: () => {
      if (nextCursor) setState({ key: keyText, cursors: [...cursors, nextCursor] });
    },
  };
}

/** Pages through a list the API returns whole (providers, balances, queues) `size` rows at a time. */
export function useLocalPages<T>(
  query: {
    data: T[] | undefined;
    isLoading: boolean;
    isFetching: boolean;
    error: unknown;
    refetch(): unknown;
  },
  size = 20,
): Pager<T> {
  const [page, setPage] = useState(1);
  const total = query.data?.length ?? 0;
  const last = Math.max(1, Math.ceil(total / size));
  const current = Math.min(page, last);
  return {
    rows: query.data?.slice((current - 1) * size, current * size),
    isLoading: query.isLoading,
    isFetching: query.isFetching,
    error: query.error,
    refetch: () => void query.refetch(),
    page: current,
    hasPrevious: current > 1,
    hasNext: current < last,
    previous: () => setPage(Math.max(1, current - 1)),
    next: () => setPage(Math.min(last, current + 1)),
  };
}
