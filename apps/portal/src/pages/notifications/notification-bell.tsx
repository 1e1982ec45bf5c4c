import { ActionIcon, Indicator, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { usePortalApi } from '../../api/use-portal-api';

/** How many notifications the member has not read, refreshed every half minute. */
export function useUnreadCount(): number | null {
  const api = usePortalApi();
  const query = useQuery({
    queryKey: ['notifications', 'first'],
    queryFn: () => api.notifications(),
    refetchInterval: 30_000,
  });
  return query.data?.unreadCount ?? null;
}

export function NotificationBell({ count }: { count: number | null }) {
  const label = count ? `${count} unread notification${count === 1 ? '' : 's'}` : 'Notifications';
  return (
    <Tooltip label={label}>
      <Indicator label={count ?? undefined} disabled={!count} size={16} color="red" offset={4}>
        <ActionIcon
          component={Link}
          to="/notifications"
          variant="subtle"
          size="lg"
          aria-label={label}
          data-testid="notification-bell"
        >
          <span aria-hidden="true" style={{ fontSize: 18 }}>
            🔔
          </span>
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}
