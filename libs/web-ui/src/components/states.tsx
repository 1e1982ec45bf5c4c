import type { ReactNode } from 'react';
import { Alert, Button, EmptyState as MantineEmptyState, Group, Skeleton, Stack, Text } from '@mantine/core';
import { ApiError, describeError } from '../api/problem';

export function LoadingState({ rows = 4, label = 'Loading…' }: { rows?: number; label?: string }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label={label} data-testid="loading-state">
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={28} radius="sm" />
      ))}
    </Stack>
  );
}

export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <Alert
      color="red"
      variant="light"
      title={title ?? (forbidden ? 'Not allowed' : 'This could not be loaded')}
      role="alert"
      data-testid="error-state"
    >
      <Stack gap="xs">
        <Text size="sm">{describeError(error)}</Text>
        {onRetry && !forbidden && (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState({
  title,
  description,
  action,
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <MantineEmptyState
      py="xl"
      title={title}
      description={description}
      icon={<span aria-hidden="true">∅</span>}
      withIndicatorBackground
      data-testid="empty-state"
    >
      {action}
    </MantineEmptyState>
  );
}

/** Loading, then an error with a retry, then empty, then the content: the four states every view has. */
export function QueryState<T>({
  query,
  empty,
  isEmpty,
  children,
}: {
  query: { data: T | undefined; isLoading: boolean; error: unknown; refetch(): unknown };
  empty?: { title: string; description?: ReactNode };
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isLoading) return <LoadingState />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <LoadingState />;
  if (empty && isEmpty?.(query.data)) return <EmptyState {...empty} />;
  return <>{children(query.data)}</>;
}
