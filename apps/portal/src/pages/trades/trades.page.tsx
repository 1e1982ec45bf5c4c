import { Group, SegmentedControl, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { PageHeader, useCursorPages } from '@carryover/web-ui';
import { usePortalApi } from '../../api/use-portal-api';
import { TradesTable } from '../../components/trades-table';
import { tradeStatusText } from '../../domain/words';

const STATUSES = [
  'awaiting_payment',
  'funded',
  'awaiting_provider_approval',
  'transfer_pending',
  'transfer_submitted',
  'verifying',
  'releasing',
  'settled',
  'disputed',
  'refunding',
  'refunded',
  'partially_refunded',
  'cancelled',
];

/** Every trade of the firm, bought and sold, with where each stands. */
export function TradesPage() {
  const api = usePortalApi();
  const [side, setSide] = useState('all');
  const [status, setStatus] = useState<string | null>(null);
  const filter = { side: side === 'all' ? undefined : side, status: status ?? undefined };
  const pager = useCursorPages(['trades', filter], (cursor) => api.trades(filter, cursor), {
    refetchInterval: 15_000,
  });
  return (
    <Stack>
      <PageHeader
        title="Trades"
        description="Each match between your firm and another: pay, transfer, confirm and follow it to settlement."
        actions={
          <Group>
            <SegmentedControl
              aria-label="Side"
              value={side}
              onChange={setSide}
              data={[
                { value: 'all', label: 'All' },
                { value: 'buy', label: 'Bought' },
                { value: 'sell', label: 'Sold' },
              ]}
            />
            <Select
              aria-label="Status"
              placeholder="Any status"
              clearable
              data={STATUSES.map((s) => ({ value: s, label: tradeStatusText(s, null) }))}
              value={status}
              onChange={setStatus}
            />
          </Group>
        }
      />
      <TradesTable
        pager={pager}
        empty={{
          title: 'No trades yet',
          description: 'Trades appear here when a listing or a buy order matches.',
        }}
      />
    </Stack>
  );
}
