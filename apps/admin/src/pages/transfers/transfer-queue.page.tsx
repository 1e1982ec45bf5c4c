import { useState } from 'react';
import { Badge, Select, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import { useNavigate } from 'react-router';
import {
  Money,
  PageHeader,
  PagedTable,
  Price,
  ShortId,
  StatusBadge,
  formatAge,
  humanize,
  useCursorPages,
  type Column,
} from '@carryover/web-ui';
import { useOperatorApi } from '../../api/use-operator-api';
import type { TradeRow } from '../../api/types';

const TRADE_STATUSES = [
  'awaiting_payment',
  'funded',
  'awaiting_provider_approval',
  'transfer_pending',
  'transfer_submitted',
  'verifying',
  'releasing',
  'settled',
  'cancelled',
  'refunding',
  'refunded',
  'disputed',
  'partially_refunded',
];

/** Since when the trade has been in its status: the operators' list says; the executed time otherwise. */
const waitingSince = (trade: TradeRow) => trade.statusEnteredAt ?? trade.executedAt;

const columns: Column<TradeRow>[] = [
  { key: 'id', header: 'Trade', render: (t) => <ShortId id={t.id} /> },
  { key: 'status', header: 'Status', render: (t) => <StatusBadge status={t.status} /> },
  { key: 'provider', header: 'Provider', render: (t) => t.providerCode },
  {
    key: 'quantity',
    header: 'Credit (face value)',
    align: 'right',
    render: (t) => <Money minor={t.quantityMinor} currency={t.currency} />,
  },
  {
    key: 'gross',
    header: 'Buyer pays',
    align: 'right',
    render: (t) => <Money minor={t.grossMinor} currency={t.currency} />,
  },
  { key: 'price', header: 'Price', render: (t) => <Price bps={t.priceBps} /> },
  { key: 'method', header: 'Transfer method', render: (t) => humanize(t.transferMethod) },
  {
    key: 'age',
    header: 'Waiting',
    render: (t) => (
      <Tooltip label={`in this status since ${waitingSince(t)}`}>
        <Text span size="sm" data-testid="trade-age">
          {formatAge(waitingSince(t))}
        </Text>
      </Tooltip>
    ),
  },
  {
    key: 'flag',
    header: '',
    render: (t) =>
      t.flaggedAt ? (
        <Tooltip label={t.flagReason ?? 'flagged'}>
          <Badge color="red" variant="filled" size="sm">
            overdue
          </Badge>
        </Tooltip>
      ) : null,
  },
];

function TradeTable({ status, oldestFirst }: { status: string | undefined; oldestFirst: boolean }) {
  const api = useOperatorApi();
  const navigate = useNavigate();
  const order = oldestFirst ? 'oldest' : 'newest';
  const pager = useCursorPages(
    ['trades', status ?? 'all', order],
    (cursor) => api.trades(status, cursor, order),
    { refetchInterval: 15_000 },
  );
  return (
    <PagedTable
      label={status ? `Trades ${humanize(status)}` : 'All trades'}
      pager={pager}
      columns={columns}
      rowKey={(t) => t.id}
      onRowClick={(t) => void navigate(`/transfers/${t.id}`)}
      empty={{
        title: status ? `No trades ${humanize(status)}` : 'No trades yet',
        description:
          status === 'verifying'
            ? 'Trades appear here once a seller has submitted the credit transfer for verification.'
            : 'Nothing is waiting here right now.',
      }}
    />
  );
}

export function TransferQueuePage() {
  const [tab, setTab] = useState<string | null>('verifying');
  const [status, setStatus] = useState<string | null>(null);
  return (
    <Stack>
      <PageHeader
        title="Transfers"
        description="Credit transfers waiting for an operator, oldest first. Open a trade to verify it."
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="verifying">To verify</Tabs.Tab>
          <Tabs.Tab value="awaiting_provider_approval">Awaiting provider approval</Tabs.Tab>
          <Tabs.Tab value="all">All trades</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="verifying" pt="md">
          <TradeTable status="verifying" oldestFirst />
        </Tabs.Panel>
        <Tabs.Panel value="awaiting_provider_approval" pt="md">
          <TradeTable status="awaiting_provider_approval" oldestFirst />
        </Tabs.Panel>
        <Tabs.Panel value="all" pt="md">
          <Stack>
            <Select
              label="Status"
              placeholder="Any status"
              clearable
              w={260}
              data={TRADE_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
              value={status}
              onChange={setStatus}
            />
            <TradeTable status={status ?? undefined} oldestFirst={false} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
