import { useState } from 'react';
import { Anchor, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import {
  DecisionModal,
  Money,
  PageHeader,
  QueryState,
  StatusBadge,
  formatMoney,
  type DecisionOption,
} from '@carryover/web-ui';
import { useOperatorApi } from '../../api/use-operator-api';
import type { OperatorTrade } from '../../api/types';
import {
  ComplianceSection,
  DealSection,
  DisputeSection,
  LedgerSection,
  PartiesSection,
  TimelineSection,
  TransferSection,
} from './trade-sections';

/** States the workflow leaves by itself: while in one, the page polls until it settles. */
const MOVING = new Set(['funded', 'releasing', 'refunding']);

function verificationOptions(trade: OperatorTrade): DecisionOption[] {
  const c = trade.currency;
  return [
    {
      value: 'approve',
      label: 'Approve',
      color: 'green',
      consequence: `The transfer is verified: ${formatMoney(trade.sellerProceedsMinor, c)} is released to the seller and ${formatMoney(trade.feeMinor, c)} kept as the fee.`,
    },
    {
      value: 'reject',
      label: 'Reject',
      color: 'red',
      consequence: `The transfer is rejected: the buyer is refunded ${formatMoney(trade.grossMinor, c)}.`,
    },
  ];
}

const PROVIDER_OPTIONS: DecisionOption[] = [
  {
    value: 'approved',
    label: 'Approved',
    color: 'green',
    consequence: 'The provider approved the resale: the seller is asked to transfer the credit.',
  },
  {
    value: 'denied',
    label: 'Denied',
    color: 'red',
    consequence: 'The provider denied the resale: the buyer is refunded in full.',
  },
];

export function TradePage() {
  const { id = '' } = useParams();
  const api = useOperatorApi();
  const queryClient = useQueryClient();
  const [deciding, setDeciding] = useState<'verification' | 'provider' | null>(null);
  const query = useQuery({
    queryKey: ['trade', id],
    queryFn: () => api.trade(id),
    refetchInterval: (q) => (q.state.data && MOVING.has(q.state.data.status) ? 1000 : false),
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['trade', id] });
    await queryClient.invalidateQueries({ queryKey: ['trades'] });
  };

  return (
    <Stack>
      <Anchor component={Link} to="/transfers" size="sm">
        ← Transfers
      </Anchor>
      <QueryState query={query}>
        {(trade) => (
          <Stack>
            <PageHeader
              title={`Trade ${trade.id.slice(0, 8)}`}
              description={
                <Group gap="xs" component="span">
                  <span data-testid="trade-status">
                    <StatusBadge status={trade.status} />
                  </span>
                  <Text span size="sm" c="dimmed">
                    {trade.id} · <Money minor={trade.grossMinor} currency={trade.currency} size="sm" />
                  </Text>
                </Group>
              }
              actions={
                <>
                  {trade.status === 'verifying' && (
                    <Button onClick={() => setDeciding('verification')}>Verify transfer…</Button>
                  )}
                  {trade.status === 'awaiting_provider_approval' && (
                    <Button onClick={() => setDeciding('provider')}>Record provider decision…</Button>
                  )}
                </>
              }
            />
            {trade.flag && (
              <Text c="red" size="sm">
                Flagged: {trade.flag.reason}
              </Text>
            )}
            <PartiesSection trade={trade} />
            <Grid>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Stack>
                  <DealSection trade={trade} />
                  <TransferSection trade={trade} />
                  <DisputeSection trade={trade} />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Stack>
                  <ComplianceSection trade={trade} />
                  <LedgerSection trade={trade} />
                  <TimelineSection trade={trade} />
                </Stack>
              </Grid.Col>
            </Grid>
            <DecisionModal
              opened={deciding === 'verification'}
              onClose={() => setDeciding(null)}
              title="Verify the credit transfer"
              subject={
                <Text size="sm">
                  Reference <strong>{trade.transfer.reference ?? 'none'}</strong> for{' '}
                  {formatMoney(trade.quantityMinor, trade.currency)} of {trade.providerCode} credit.
                </Text>
              }
              options={verificationOptions(trade)}
              text={{ name: 'reason', label: 'Reason', placeholder: 'What you checked with the provider' }}
              onSubmit={async ({ decision, text, idempotencyKey }) => {
                await api.verifyTrade(
                  trade.id,
                  { decision: decision as 'approve' | 'reject', reason: text },
                  idempotencyKey,
                );
                notifications.show({
                  color: decision === 'approve' ? 'green' : 'red',
                  message:
                    decision === 'approve'
                      ? 'Transfer approved; releasing the money.'
                      : 'Transfer rejected; refunding the buyer.',
                });
                await refresh();
              }}
            />
            <DecisionModal
              opened={deciding === 'provider'}
              onClose={() => setDeciding(null)}
              title="Record the provider’s decision"
              options={PROVIDER_OPTIONS}
              text={{
                name: 'reference',
                label: 'Provider reference',
                placeholder: 'e.g. OPENAI-RESALE-7731',
              }}
              onSubmit={async ({ decision, text, idempotencyKey }) => {
                await api.decideProviderApproval(
                  trade.id,
                  { decision: decision as 'approved' | 'denied', reference: text },
                  idempotencyKey,
                );
                notifications.show({ message: `Provider decision recorded: ${decision}.` });
                await refresh();
              }}
            />
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
