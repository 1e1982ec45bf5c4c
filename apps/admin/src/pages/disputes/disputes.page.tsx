import { useState } from 'react';
import { Anchor, Button, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  DecisionModal,
  ErrorState,
  PageHeader,
  PagedTable,
  ShortId,
  StatusBadge,
  formatAge,
  formatMoney,
  humanize,
  minorToJson,
  useCursorPages,
  type Column,
  type DecisionOption,
} from '@carryover/web-ui';
import { useOperatorApi } from '../../api/use-operator-api';
import type { Dispute, OperatorTrade } from '../../api/types';

function outcomes(trade: OperatorTrade): DecisionOption[] {
  const gross = formatMoney(trade.grossMinor, trade.currency);
  return [
    {
      value: 'release',
      label: 'Release',
      color: 'green',
      consequence: `The seller is paid: ${gross} leaves escrow for the seller (less the fee).`,
    },
    {
      value: 'refund',
      label: 'Refund',
      color: 'red',
      consequence: `The buyer gets the whole ${gross} back.`,
    },
    {
      value: 'partial_refund',
      label: 'Partial refund',
      color: 'grape',
      consequence:
        'The amount below goes back to the buyer; the rest is released to the seller, fee recomputed on it.',
      amount: {
        label: 'Refund to the buyer',
        description: `In dollars and cents, more than zero and less than the ${gross} paid.`,
      },
    },
  ];
}

function ResolveDispute({ dispute, onClose }: { dispute: Dispute; onClose(): void }) {
  const api = useOperatorApi();
  const queryClient = useQueryClient();
  const trade = useQuery({ queryKey: ['trade', dispute.tradeId], queryFn: () => api.trade(dispute.tradeId) });
  if (trade.isLoading) return <Loader size="sm" />;
  if (!trade.data) return <ErrorState error={trade.error} onRetry={() => void trade.refetch()} />;
  const t = trade.data;
  return (
    <DecisionModal
      opened
      onClose={onClose}
      title="Resolve the dispute"
      currency={t.currency}
      subject={
        <Stack gap={4}>
          <Text size="sm">
            Trade <ShortId id={t.id} /> · {t.providerCode} · buyer paid{' '}
            <strong>{formatMoney(t.grossMinor, t.currency)}</strong>
          </Text>
          <Text size="sm" c="dimmed">
            Opened by the {dispute.openedBy.side === 'buy' ? 'buyer' : 'seller'}: “{dispute.reason}”
          </Text>
        </Stack>
      }
      options={outcomes(t)}
      text={{ name: 'reason', label: 'Reason', placeholder: 'What the evidence showed' }}
      fieldMap={{ refundMinor: 'amount', outcome: 'decision' }}
      onSubmit={async ({ decision, text, amountMinor, idempotencyKey }) => {
        await api.resolveDispute(
          dispute.id,
          {
            outcome: decision,
            reason: text,
            ...(decision === 'partial_refund' && amountMinor !== undefined
              ? { refundMinor: minorToJson(amountMinor) }
              : {}),
          },
          idempotencyKey,
        );
        notifications.show({ message: `Dispute resolved: ${humanize(decision)}.` });
        await queryClient.invalidateQueries({ queryKey: ['disputes'] });
        await queryClient.invalidateQueries({ queryKey: ['trade', t.id] });
        await queryClient.invalidateQueries({ queryKey: ['trades'] });
      }}
    />
  );
}

export function DisputesPage() {
  const api = useOperatorApi();
  const [status, setStatus] = useState('open');
  const [resolving, setResolving] = useState<Dispute | null>(null);
  const pager = useCursorPages(['disputes', status], (cursor) => api.disputes(status, cursor));

  const columns: Column<Dispute>[] = [
    {
      key: 'trade',
      header: 'Trade',
      render: (d) => (
        <Anchor component={Link} to={`/transfers/${d.tradeId}`} size="sm" ff="monospace">
          {d.tradeId.slice(0, 8)}
        </Anchor>
      ),
    },
    { key: 'by', header: 'Opened by', render: (d) => (d.openedBy.side === 'buy' ? 'buyer' : 'seller') },
    { key: 'reason', header: 'Reason', render: (d) => <Text size="sm">{d.reason}</Text> },
    { key: 'frozen', header: 'Trade was', render: (d) => <StatusBadge status={d.frozenStatus} /> },
    { key: 'age', header: 'Open for', render: (d) => formatAge(d.openedAt) },
    { key: 'status', header: 'Status', render: (d) => <StatusBadge status={d.status} /> },
    {
      key: 'action',
      header: '',
      align: 'right',
      render: (d) =>
        d.status === 'open' ? (
          <Button size="xs" variant="light" onClick={() => setResolving(d)}>
            Resolve…
          </Button>
        ) : (
          <Text size="xs" c="dimmed">
            {d.outcome ? humanize(d.outcome) : ''}
          </Text>
        ),
    },
  ];

  return (
    <Stack>
      <PageHeader
        title="Disputes"
        description="Trades a buyer or seller disputed. The money stays in escrow until an operator resolves them."
        actions={
          <SegmentedControl
            value={status}
            onChange={setStatus}
            data={[
              { value: 'open', label: 'Open' },
              { value: 'resolved', label: 'Resolved' },
            ]}
          />
        }
      />
      <PagedTable
        label="Disputes"
        pager={pager}
        columns={columns}
        rowKey={(d) => d.id}
        empty={{
          title: status === 'open' ? 'No open disputes' : 'No resolved disputes',
          description: 'A dispute freezes its trade; it appears here until resolved.',
        }}
      />
      {resolving && <ResolveDispute dispute={resolving} onClose={() => setResolving(null)} />}
    </Stack>
  );
}
