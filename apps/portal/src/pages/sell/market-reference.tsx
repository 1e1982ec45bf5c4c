import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Price, QueryState } from '@carryover/web-ui';
import { usePortalApi } from '../../api/use-portal-api';
import { SIMILAR_DAYS } from '../../domain/market-value';

/** Where the market is for this provider: the best bid and ask, and recent prices near these days to expiry. */
export function MarketReference({
  providerCode,
  currency,
  daysLeft,
}: {
  providerCode: string;
  currency: string;
  daysLeft: number;
}) {
  const api = usePortalApi();
  const book = useQuery({
    queryKey: ['book', providerCode, currency],
    queryFn: () => api.book(providerCode, currency),
  });
  const trades = useQuery({
    queryKey: ['market-trades', providerCode],
    queryFn: () => api.marketTrades(providerCode),
  });
  const similar = (trades.data ?? []).filter((t) => Math.abs(t.daysToExpiry - daysLeft) <= SIMILAR_DAYS);
  const low = similar.length ? Math.min(...similar.map((t) => t.priceBps)) : null;
  const high = similar.length ? Math.max(...similar.map((t) => t.priceBps)) : null;
  return (
    <Card withBorder data-testid="market-reference">
      <Title order={4} mb="xs">
        The market today
      </Title>
      <QueryState query={book}>
        {(b) => (
          <Stack gap={6}>
            <Group justify="space-between">
              <Text size="sm">Best bid (a buyer waiting)</Text>
              {b.bids[0] ? (
                <Price bps={b.bids[0].priceBps} />
              ) : (
                <Text size="sm" c="dimmed">
                  none
                </Text>
              )}
            </Group>
            <Group justify="space-between">
              <Text size="sm">Cheapest listing</Text>
              {b.asks[0] ? (
                <Price bps={b.asks[0].priceBps} />
              ) : (
                <Text size="sm" c="dimmed">
                  none
                </Text>
              )}
            </Group>
            <Group justify="space-between">
              <Text size="sm">
                Recent trades at {Math.max(0, daysLeft - SIMILAR_DAYS)}–{daysLeft + SIMILAR_DAYS} days to
                expiry
              </Text>
              {low === null || high === null ? (
                <Text size="sm" c="dimmed">
                  none
                </Text>
              ) : (
                <Text size="sm">
                  {similar.length} between <Price bps={high} /> and <Price bps={low} />
                </Text>
              )}
            </Group>
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}
