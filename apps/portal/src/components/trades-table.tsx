import { Badge, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import {
  Money,
  PagedTable,
  Price,
  StatusBadge,
  formatDateTime,
  type Column,
  type Pager,
} from '@carryover/web-ui';
import type { Trade } from '../api/types';
import { useProviders } from '../api/use-providers';
import { tradeStatusText } from '../domain/words';

/** Trades of both sides, each with what it is waiting for; a row opens the trade. */
export function TradesTable({
  pager,
  empty,
}: {
  pager: Pager<Trade>;
  empty: { title: string; description?: string };
}) {
  const providers = useProviders();
  const navigate = useNavigate();
  const columns: Column<Trade>[] = [
    {
      key: 'side',
      header: 'Side',
      render: (t) => (
        <Badge variant="outline" color={t.side === 'buy' ? 'blue' : 'teal'}>
          {t.side === 'buy' ? 'Bought' : 'Sold'}
        </Badge>
      ),
    },
    { key: 'provider', header: 'Provider', render: (t) => providers.name(t.providerCode) },
    {
      key: 'qty',
      header: 'Credit',
      align: 'right',
      render: (t) => <Money minor={t.quantityMinor} currency={t.currency} size="sm" />,
    },
    { key: 'price', header: 'Price', render: (t) => <Price bps={t.priceBps} /> },
    {
      key: 'amount',
      header: 'Amount',
      align: 'right',
      render: (t) =>
        t.side === 'sell' ? (
          <Money minor={t.sellerProceedsMinor} currency={t.currency} size="sm" />
        ) : (
          <Money minor={t.grossMinor} currency={t.currency} size="sm" />
        ),
    },
    {
      key: 'status',
      header: 'Status',
      render: (t) => (
        <div>
          <StatusBadge status={t.status} />
          <Text size="xs" c="dimmed">
            {tradeStatusText(t.status, t.side)}
          </Text>
        </div>
      ),
    },
    { key: 'at', header: 'Matched', render: (t) => <Text size="sm">{formatDateTime(t.executedAt)}</Text> },
  ];
  return (
    <PagedTable
      label="Trades"
      pager={pager}
      columns={columns}
      rowKey={(t) => t.id}
      onRowClick={(t) => void navigate(`/trades/${t.id}`)}
      empty={empty}
    />
  );
}
