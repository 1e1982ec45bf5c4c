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
          <svg
            width="20"
            height="20"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            aria-hidden="true"
          >
            <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
            <path d="M13.7 21a2 2 0 0 1-3.4 0" />
          </svg>
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}
