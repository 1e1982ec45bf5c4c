import { Badge, Button, Card, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  EmptyState,
  ErrorState,
  LoadingState,
  PageHeader,
  formatAge,
  formatDateTime,
  useCursorPages,
} from '@carryover/web-ui';
import type { Notification } from '../../api/types';
import { usePortalApi } from '../../api/use-portal-api';

const KIND_LABEL: Record<string, { label: string; color: string }> = {
  'trade.matched': { label: 'Match', color: 'blue' },
  'trade.funded': { label: 'Funded', color: 'teal' },
  'trade.transfer_requested': { label: 'Transfer', color: 'cyan' },
  'trade.settled': { label: 'Settled', color: 'green' },
  'trade.refunded': { label: 'Refunded', color: 'grape' },
  'listing.expiring': { label: 'Expiring', color: 'orange' },
  'listing.expired': { label: 'Expired', color: 'red' },
  'order.filled': { label: 'Filled', color: 'blue' },
};

/** The firm's notifications, newest first; opening one marks it read and goes to what it is about. */
export function NotificationsPage() {
  const api = usePortalApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const pager = useCursorPages(['notifications'], (cursor) => api.notifications(cursor), {
    refetchInterval: 30_000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const open = async (n: Notification) => {
    if (!n.readAt) await api.readNotification(n.id).catch(() => undefined);
    await refresh();
    if (n.link) void navigate(n.link);
  };
  const rows = pager.rows ?? [];
  return (
    <Stack>
      <PageHeader
        title="Notifications"
        description="Matches, payments, transfers, settlements, refunds and balances close to expiry."
        actions={
          rows.some((n) => !n.readAt) && (
            <Button
              variant="light"
              onClick={async () => {
                await api.readAllNotifications();
                await refresh();
              }}
            >
              Mark all as read
            </Button>
          )
        }
      />
      {pager.isLoading ? (
        <LoadingState />
      ) : pager.error && !pager.rows ? (
        <ErrorState error={pager.error} onRetry={pager.refetch} />
      ) : rows.length === 0 && pager.page === 1 ? (
        <EmptyState
          title="Nothing new"
          description="You will be told here when something happens to your trades, listings and orders."
        />
      ) : (
        <Stack gap="xs" data-testid="notifications">
          {rows.map((n) => {
            const kind = KIND_LABEL[n.kind] ?? { label: n.kind, color: 'gray' };
            return (
              <UnstyledButton
                key={n.id}
                onClick={() => void open(n)}
                data-testid="notification"
                data-read={n.readAt ? 'true' : 'false'}
              >
                <Card withBorder padding="sm" bg={n.readAt ? undefined : 'blue.0'}>
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Stack gap={2}>
                      <Group gap="xs">
                        <Badge size="sm" variant="light" color={kind.color}>
                          {kind.label}
                        </Badge>
                        <Text size="sm" fw={n.readAt ? 500 : 700}>
                          {n.title}
                        </Text>
                      </Group>
                      <Text size="sm" c="dimmed">
                        {n.body}
                      </Text>
                    </Stack>
                    <Text
                      size="xs"
                      c="dimmed"
                      title={formatDateTime(n.createdAt)}
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {formatAge(n.createdAt)}
                    </Text>
                  </Group>
                </Card>
              </UnstyledButton>
            );
          })}
          {(pager.hasPrevious || pager.hasNext) && (
            <Group justify="flex-end">
              <Button size="xs" variant="default" disabled={!pager.hasPrevious} onClick={pager.previous}>
                Newer
              </Button>
              <Button size="xs" variant="default" disabled={!pager.hasNext} onClick={pager.next}>
                Older
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}
