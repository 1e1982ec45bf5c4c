import type { ReactNode } from 'react';
import { Alert, Anchor, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import {
  Money,
  PageHeader,
  Price,
  QueryState,
  StatusBadge,
  StatusTimeline,
  formatDateTime,
  formatMoney,
} from '@carryover/web-ui';
import type { TradeDetail } from '../../api/types';
import { useProviders } from '../../api/use-providers';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { TIMELINE_LABEL, TRANSFER_METHOD_LABEL, WAITING_TEXT, tradeStatusText } from '../../domain/words';
import { ConfirmReceipt, DISPUTABLE, DisputeForm, PayPanel, TransferForm } from './trade-actions';

/** States the workflow leaves by itself (or a payment that is being confirmed): poll until they move. */
function moving(trade: TradeDetail): boolean {
  if (trade.status === 'awaiting_payment') return trade.payment.status === 'processing';
  return ['funded', 'transfer_submitted', 'releasing', 'refunding', 'verifying'].includes(trade.status);
}

function Row({ label, children, strong }: { label: string; children: ReactNode; strong?: boolean }) {
  return (
    <Table.Tr>
      <Table.Td fw={strong ? 700 : undefined}>{label}</Table.Td>
      <Table.Td ta="right">{children}</Table.Td>
    </Table.Tr>
  );
}

/** What the money of the trade is and where it is now, from this side's point of view. */
function MoneySection({ trade }: { trade: TradeDetail }) {
  const c = trade.currency;
  const seller = trade.side === 'sell';
  const escrow = trade.escrow;
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        Money
      </Title>
      <Table withRowBorders={false} verticalSpacing={4} data-testid="trade-money">
        <Table.Tbody>
          <Row label="Credit (face value)">
            <Money minor={trade.quantityMinor} currency={c} size="sm" />
          </Row>
          <Row label="Price">
            <Price bps={trade.priceBps} />
          </Row>
          <Row label={seller ? 'Buyer pays' : 'You pay'} strong={!seller}>
            <Money minor={trade.grossMinor} currency={c} size="sm" fw={seller ? undefined : 700} />
          </Row>
          {seller && (
            <>
              <Row label="Platform fee">
                <Money minor={-trade.feeMinor} currency={c} size="sm" />
              </Row>
              <Row label="You receive" strong>
                <Money minor={trade.sellerProceedsMinor} currency={c} size="sm" fw={700} />
              </Row>
            </>
          )}
          {escrow && (
            <>
              <Row label="Paid into escrow">
                <Money minor={escrow.paidMinor} currency={c} size="sm" />
              </Row>
              <Row label="Held in escrow now">
                <Money minor={escrow.heldMinor} currency={c} size="sm" />
              </Row>
              <Row label={seller ? 'Paid out to you' : 'Paid out to the seller'}>
                <span data-testid="paid-out">
                  <Money
                    minor={escrow.paidOutMinor}
                    currency={c}
                    size="sm"
                    c={escrow.paidOutMinor > 0 ? 'teal.8' : undefined}
                  />
                </span>
              </Row>
              {escrow.refundedMinor > 0 && (
                <Row label={seller ? 'Refunded to the buyer' : 'Refunded to you'}>
                  <Money minor={escrow.refundedMinor} currency={c} size="sm" />
                </Row>
              )}
            </>
          )}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** The one thing this member should do next, or what the trade waits for. */
function NextStep({ trade, onChanged }: { trade: TradeDetail; onChanged(): Promise<void> }) {
  const { canTrade } = usePermissions();
  const buyer = trade.side === 'buy';
  const seller = trade.side === 'sell';
  let action: ReactNode = null;
  if (canTrade && buyer && trade.status === 'awaiting_payment')
    action = <PayPanel trade={trade} onChanged={onChanged} />;
  else if (canTrade && seller && trade.status === 'transfer_pending')
    action = <TransferForm trade={trade} onChanged={onChanged} />;
  else if (
    canTrade &&
    buyer &&
    ['transfer_submitted', 'verifying'].includes(trade.status) &&
    !trade.transfer.confirmedByBuyerAt
  )
    action = <ConfirmReceipt trade={trade} onChanged={onChanged} />;

  const waiting = trade.waitingFor ? WAITING_TEXT[trade.waitingFor] : null;
  const settledSeller = trade.status === 'settled' && seller;
  return (
    <Card withBorder data-testid="next-step">
      <Title order={4} mb="xs">
        {action ? 'Your next step' : 'Where it stands'}
      </Title>
      <Stack>
        <Text size="sm" fw={600} data-testid="trade-status-text">
          {tradeStatusText(trade.status, trade.side)}
        </Text>
        {waiting && <Alert color="yellow">{waiting}</Alert>}
        {settledSeller && (
          <Alert color="green" data-testid="proceeds-paid">
            {formatMoney(trade.escrow?.paidOutMinor ?? trade.sellerProceedsMinor, trade.currency)} paid to
            your payout account.
          </Alert>
        )}
        {trade.status === 'settled' && buyer && (
          <Alert color="green">The credit is yours and the seller has been paid.</Alert>
        )}
        {trade.transfer.confirmedByBuyerAt && !['settled', 'refunded'].includes(trade.status) && (
          <Text size="sm" c="dimmed">
            The buyer confirmed receipt on {formatDateTime(trade.transfer.confirmedByBuyerAt)}.
          </Text>
        )}
        {action}
        {!canTrade && (trade.status === 'awaiting_payment' || trade.status === 'transfer_pending') && (
          <Text size="sm" c="dimmed">
            A trader or administrator of your firm takes the next step.
          </Text>
        )}
        {trade.dispute && (
          <Alert
            color={trade.dispute.status === 'open' ? 'red' : 'gray'}
            title={trade.dispute.status === 'open' ? 'Disputed' : 'Dispute resolved'}
          >
            {trade.dispute.reason}
            {trade.dispute.resolutionReason && ` — resolved: ${trade.dispute.resolutionReason}`}
          </Alert>
        )}
        {canTrade && DISPUTABLE.has(trade.status) && !trade.dispute && (
          <DisputeForm trade={trade} onChanged={onChanged} />
        )}
      </Stack>
    </Card>
  );
}

/** One trade from this firm's side: its money, the next step for this member, and its timeline. */
export function TradePage() {
  const { id = '' } = useParams();
  const api = usePortalApi();
  const providers = useProviders();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['trade', id],
    queryFn: () => api.trade(id),
    refetchInterval: (q) => (q.state.data && moving(q.state.data) ? 1500 : 15_000),
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['trade', id] });
    await queryClient.invalidateQueries({ queryKey: ['trades'] });
  };
  return (
    <Stack>
      <Anchor component={Link} to="/trades" size="sm">
        ← Trades
      </Anchor>
      <QueryState query={query}>
        {(trade) => (
          <Stack>
            <PageHeader
              title={`${trade.side === 'buy' ? 'Bought' : 'Sold'} ${formatMoney(trade.quantityMinor, trade.currency)} of ${providers.name(trade.providerCode)} credit`}
              description={
                <Group gap="xs" component="span">
                  <span data-testid="trade-status">
                    <StatusBadge status={trade.status} />
                  </span>
                  <Text span size="sm" c="dimmed">
                    matched {formatDateTime(trade.executedAt)} · {trade.daysToExpiry} days before expiry ·{' '}
                    {TRANSFER_METHOD_LABEL[trade.transferMethod] ?? trade.transferMethod}
                    {trade.requiresProviderApproval && ' · needs the provider’s approval'}
                  </Text>
                </Group>
              }
            />
            <Grid>
              <Grid.Col span={{ base: 12, md: 7 }}>
                <Stack>
                  <NextStep trade={trade} onChanged={refresh} />
                  <MoneySection trade={trade} />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Card withBorder>
                  <Title order={4} mb="sm">
                    Timeline
                  </Title>
                  <StatusTimeline
                    entries={trade.timeline}
                    describe={(s) => TIMELINE_LABEL[s] ?? tradeStatusText(s, trade.side)}
                  />
                  {trade.transfer.reference && (
                    <Text size="sm" mt="md">
                      Transfer reference: <strong>{trade.transfer.reference}</strong>
                      {trade.transfer.note && ` — ${trade.transfer.note}`}
                    </Text>
                  )}
                </Card>
              </Grid.Col>
            </Grid>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
