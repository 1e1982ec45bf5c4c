import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import {
  Money,
  PageHeader,
  Price,
  QueryState,
  StatusBadge,
  formatDateTime,
  formatMoney,
  useCursorPages,
} from '@carryover/web-ui';
import { useProviders } from '../../api/use-providers';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { ConfirmButton } from '../../components/confirm-button';
import { DetailList } from '../../components/detail-list';
import { TradesTable } from '../../components/trades-table';
import {
  OPEN_ORDER,
  ORDER_STATUS_LABEL,
  TIME_IN_FORCE_HELP,
  TRANSFER_METHOD_LABEL,
} from '../../domain/words';

function OrderTrades({ orderId }: { orderId: string }) {
  const api = usePortalApi();
  // The API lists trades by side; this order's are the buy trades that name it.
  const pager = useCursorPages(['trades', 'buy'], (cursor) => api.trades({ side: 'buy' }, cursor));
  return (
    <TradesTable
      pager={{ ...pager, rows: pager.rows?.filter((t) => t.orderId === orderId) }}
      empty={{ title: 'No trades from this order yet' }}
    />
  );
}

/** One buy order: its terms, what it bought, and cancelling the rest. */
export function OrderPage() {
  const { id = '' } = useParams();
  const api = usePortalApi();
  const providers = useProviders();
  const { canTrade } = usePermissions();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['order', id], queryFn: () => api.order(id) });
  return (
    <Stack>
      <Anchor component={Link} to="/orders" size="sm">
        ← My buy orders
      </Anchor>
      <QueryState query={query}>
        {(order) => (
          <Stack>
            <PageHeader
              title={`Buy order for ${providers.name(order.providerCode)} credit`}
              description={
                <Group gap="xs" component="span">
                  <StatusBadge status={order.status} />
                  <Text span size="sm" c="dimmed">
                    {ORDER_STATUS_LABEL[order.status]} · placed {formatDateTime(order.createdAt)}
                  </Text>
                </Group>
              }
              actions={
                canTrade &&
                OPEN_ORDER.has(order.status) && (
                  <ConfirmButton
                    size="sm"
                    label="Cancel the rest"
                    title="Cancel the rest of this order?"
                    consequence={`${formatMoney(order.remainingMinor, order.currency)} will no longer be bought. Trades already made stay.`}
                    confirmLabel="Cancel the rest"
                    done="The rest of the order is cancelled."
                    onConfirm={async () => {
                      await api.cancelOrder(order.id);
                      await queryClient.invalidateQueries({ queryKey: ['order', id] });
                      await queryClient.invalidateQueries({ queryKey: ['orders'] });
                    }}
                  />
                )
              }
            />
            <Card withBorder>
              <DetailList
                cols={3}
                items={[
                  { label: 'Wanted', value: <Money minor={order.quantityMinor} currency={order.currency} /> },
                  { label: 'Bought', value: <Money minor={order.filledMinor} currency={order.currency} /> },
                  {
                    label: 'Still wanted',
                    value: <Money minor={order.remainingMinor} currency={order.currency} />,
                  },
                  { label: 'Highest price', value: <Price bps={order.maxPriceBps} /> },
                  { label: 'Fresh for at least', value: `${order.minDaysToExpiry} days` },
                  {
                    label: 'Transfer methods',
                    value:
                      order.transferMethods.map((m) => TRANSFER_METHOD_LABEL[m] ?? m).join(', ') || 'any',
                  },
                  { label: 'Kind', value: TIME_IN_FORCE_HELP[order.timeInForce] ?? order.timeInForce },
                  {
                    label: 'Good till',
                    value: order.goodTill ? formatDateTime(order.goodTill) : 'cancelled',
                  },
                ]}
              />
            </Card>
            <Card withBorder>
              <Title order={4} mb="sm">
                Trades
              </Title>
              <OrderTrades orderId={order.id} />
            </Card>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
