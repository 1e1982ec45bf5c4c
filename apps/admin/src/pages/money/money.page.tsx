import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  DateTime,
  Money,
  PageHeader,
  PagedTable,
  describeError,
  humanize,
  useCursorPages,
  useLocalPages,
  type Column,
} from '@carryover/web-ui';
import { useOperatorApi } from '../../api/use-operator-api';
import type { LedgerBalances, ReconciliationDifference } from '../../api/types';

type Account = LedgerBalances['accounts'][number];

function Balances() {
  const api = useOperatorApi();
  const balances = useQuery({ queryKey: ['ledger-balances'], queryFn: api.balances });
  const pager = useLocalPages({ ...balances, data: balances.data?.accounts }, 20);
  const columns: Column<Account>[] = [
    {
      key: 'account',
      header: 'Account',
      render: (a) => (
        <Text size="sm" ff="monospace">
          {a.account}
        </Text>
      ),
    },
    { key: 'currency', header: 'Currency', render: (a) => a.currency },
    {
      key: 'debit',
      header: 'Debits',
      align: 'right',
      render: (a) => <Money minor={a.debitMinor} currency={a.currency} size="sm" />,
    },
    {
      key: 'credit',
      header: 'Credits',
      align: 'right',
      render: (a) => <Money minor={a.creditMinor} currency={a.currency} size="sm" />,
    },
    {
      key: 'balance',
      header: 'Balance',
      align: 'right',
      render: (a) => <Money minor={a.balanceMinor} currency={a.currency} size="sm" fw={600} />,
    },
  ];
  return (
    <Card withBorder data-testid="ledger-balances">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Ledger balances</Title>
        {balances.data && (
          <Badge
            color={balances.data.balanced ? 'green' : 'red'}
            size="lg"
            variant="light"
            data-testid="ledger-balanced"
          >
            {balances.data.balanced ? 'balanced: debits equal credits' : 'NOT balanced'}
          </Badge>
        )}
      </Group>
      <PagedTable
        label="Ledger balances"
        pager={pager}
        columns={columns}
        rowKey={(a) => `${a.account}-${a.currency}`}
        empty={{
          title: 'No money has moved yet',
          description: 'Accounts appear with the first payment into escrow.',
        }}
      />
    </Card>
  );
}

function Differences() {
  const api = useOperatorApi();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('open');
  const pager = useCursorPages(['differences', status], (cursor) => api.differences(status, cursor));
  const run = useMutation({
    mutationFn: api.runReconciliation,
    onSuccess: async (summary) => {
      notifications.show({
        message: `Reconciled ${summary.tradesChecked} trade(s): ${summary.differencesOpened} new, ${summary.differencesResolved} resolved, ${summary.openDifferences} open.`,
      });
      await queryClient.invalidateQueries({ queryKey: ['differences'] });
    },
  });
  const columns: Column<ReconciliationDifference>[] = [
    {
      key: 'trade',
      header: 'Trade',
      render: (d) => (
        <Anchor component={Link} to={`/transfers/${d.tradeId}`} size="sm" ff="monospace">
          {d.tradeId.slice(0, 8)}
        </Anchor>
      ),
    },
    { key: 'kind', header: 'Kind', render: (d) => humanize(d.kind) },
    {
      key: 'ledger',
      header: 'Ledger',
      align: 'right',
      render: (d) => <Money minor={d.ledgerAmountMinor} currency={d.currency} size="sm" />,
    },
    {
      key: 'provider',
      header: 'Stripe',
      align: 'right',
      render: (d) => <Money minor={d.providerAmountMinor} currency={d.currency} size="sm" />,
    },
    {
      key: 'diff',
      header: 'Difference',
      align: 'right',
      render: (d) => <Money minor={d.differenceMinor} currency={d.currency} size="sm" c="red" />,
    },
    { key: 'detected', header: 'Detected', render: (d) => <DateTime iso={d.detectedAt} /> },
    { key: 'resolved', header: 'Resolved', render: (d) => <DateTime iso={d.resolvedAt} /> },
  ];
  return (
    <Card withBorder data-testid="reconciliation">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Reconciliation with Stripe</Title>
        <Group>
          <SegmentedControl
            size="xs"
            value={status}
            onChange={setStatus}
            data={[
              { value: 'open', label: 'Open' },
              { value: 'resolved', label: 'Resolved' },
              { value: 'all', label: 'All' },
            ]}
          />
          <Button size="xs" loading={run.isPending} onClick={() => run.mutate()}>
            Reconcile now
          </Button>
        </Group>
      </Group>
      {run.error && (
        <Alert color="red" mb="sm" title="Reconciliation did not run">
          {describeError(run.error)}
        </Alert>
      )}
      <PagedTable
        label="Reconciliation differences"
        pager={pager}
        columns={columns}
        rowKey={(d) => d.id}
        empty={{
          title: status === 'open' ? 'Ledger and Stripe agree' : 'No differences',
          description: 'Differences between what the ledger holds and what Stripe reports appear here.',
        }}
      />
    </Card>
  );
}

export function MoneyPage() {
  return (
    <Stack>
      <PageHeader
        title="Money"
        description="The double-entry ledger and its reconciliation with the payment provider."
      />
      <Balances />
      <Differences />
    </Stack>
  );
}
