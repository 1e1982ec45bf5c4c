import { Anchor, Button, Stack } from '@mantine/core';
import { Link } from 'react-router';
import {
  Money,
  PageHeader,
  PagedTable,
  Price,
  formatDateTime,
  useCursorPages,
  type Column,
} from '@carryover/web-ui';
import type { Order } from '../../api/types';
import { useProviders } from '../../api/use-providers';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { ORDER_STATUS_LABEL } from '../../domain/words';

/** The firm's buy orders, newest first. */
export function OrdersPage() {
  const api = usePortalApi();
  const providers = useProviders();
  const { canTrade } = usePermissions();
  const pager = useCursorPages(['orders'], (cursor) => api.orders(cursor));
  const columns: Column<Order>[] = [
    {
      key: 'provider',
      header: 'Provider',
      render: (o) => (
        <Anchor component={Link} to={`/orders/${o.id}`} size="sm">
          {providers.name(o.providerCode)}
        </Anchor>
      ),
    },
    { key: 'status', header: 'Status', render: (o) => ORDER_STATUS_LABEL[o.status] ?? o.status },
    {
      key: 'qty',
      header: 'Wanted',
      align: 'right',
      render: (o) => <Money minor={o.quantityMinor} currency={o.currency} size="sm" />,
    },
    {
      key: 'filled',
      header: 'Bought',
      align: 'right',
      render: (o) => <Money minor={o.filledMinor} currency={o.currency} size="sm" />,
    },
    { key: 'price', header: 'Up to', render: (o) => <Price bps={o.maxPriceBps} /> },
    { key: 'tif', header: 'Kind', render: (o) => o.timeInForce },
    { key: 'at', header: 'Placed', render: (o) => formatDateTime(o.createdAt) },
  ];
  return (
    <Stack>
      <PageHeader
        title="My buy orders"
        description="What your firm has asked to buy, and how much of it has been bought."
        actions={
          canTrade && (
            <Button component={Link} to="/market" variant="light">
              Buy credits
            </Button>
          )
        }
      />
      <PagedTable
        label="My buy orders"
        pager={pager}
        columns={columns}
        rowKey={(o) => o.id}
        empty={{
          title: 'No buy orders yet',
          description: 'Open a provider’s market under Buy credits and place one.',
        }}
      />
    </Stack>
  );
}
