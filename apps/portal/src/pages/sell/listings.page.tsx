import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import {
  Money,
  PageHeader,
  PagedTable,
  Price,
  formatDate,
  useCursorPages,
  type Column,
} from '@carryover/web-ui';
import type { Listing } from '../../api/types';
import { useProviders } from '../../api/use-providers';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { LISTING_STATUS_LABEL } from '../../domain/words';

/** Everything this firm has put up for sale, newest first. */
export function ListingsPage() {
  const api = usePortalApi();
  const providers = useProviders();
  const { canTrade } = usePermissions();
  const pager = useCursorPages(['listings', 'mine'], (cursor) => api.myListings(cursor));
  const columns: Column<Listing>[] = [
    {
      key: 'provider',
      header: 'Provider',
      render: (l) => (
        <Anchor component={Link} to={`/listings/${l.id}`} size="sm">
          {providers.name(l.providerCode)}
        </Anchor>
      ),
    },
    { key: 'status', header: 'Status', render: (l) => LISTING_STATUS_LABEL[l.status] ?? l.status },
    {
      key: 'qty',
      header: 'Listed',
      align: 'right',
      render: (l) => <Money minor={l.quantityMinor} currency={l.currency} size="sm" />,
    },
    {
      key: 'sold',
      header: 'Sold',
      align: 'right',
      render: (l) => <Money minor={l.filledMinor} currency={l.currency} size="sm" />,
    },
    {
      key: 'left',
      header: 'Unsold',
      align: 'right',
      render: (l) => <Money minor={l.remainingMinor} currency={l.currency} size="sm" />,
    },
    {
      key: 'price',
      header: 'Price now',
      render: (l) => (
        <Group gap={4}>
          <Price bps={l.effectivePriceBps} />
          {l.priceSchedule && (
            <Text span size="xs" c="dimmed">
              (schedule)
            </Text>
          )}
        </Group>
      ),
    },
    { key: 'created', header: 'Listed on', render: (l) => formatDate(l.createdAt) },
  ];
  return (
    <Stack>
      <PageHeader
        title="My listings"
        description="Credit your firm has offered for sale. Open a listing to see its trades or withdraw what is unsold."
        actions={
          canTrade && (
            <Button component={Link} to="/balances" variant="light">
              Sell a balance
            </Button>
          )
        }
      />
      <PagedTable
        label="My listings"
        pager={pager}
        columns={columns}
        rowKey={(l) => l.id}
        empty={{
          title: 'Nothing listed yet',
          description: 'Choose a verified balance on Expiring balances and sell it.',
        }}
      />
    </Stack>
  );
}
