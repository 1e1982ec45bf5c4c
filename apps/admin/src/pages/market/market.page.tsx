import { useState } from 'react';
import { BarChart } from '@mantine/charts';
import { Card, Grid, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  EmptyState,
  Money,
  PageHeader,
  PagedTable,
  Price,
  QueryState,
  bpsAsPercent,
  formatDateTime,
  formatMoney,
  useLocalPages,
  type Column,
  MarketPicker,
} from '@carryover/web-ui';
import { useOperatorApi } from '../../api/use-operator-api';
import type { BookLevel, MarketStats, MarketTrade } from '../../api/types';

/** Bids and asks by price, cheapest on the left; bar heights are the exact minor-unit quantities. */
function depthData(book: { asks: BookLevel[]; bids: BookLevel[] }) {
  const byPrice = new Map<number, { price: string; bps: number; bids: number; asks: number }>();
  const row = (bps: number) => {
    const existing = byPrice.get(bps) ?? { price: `${bps}`, bps, bids: 0, asks: 0 };
    byPrice.set(bps, existing);
    return existing;
  };
  for (const level of book.bids) row(level.priceBps).bids += level.quantityMinor;
  for (const level of book.asks) row(level.priceBps).asks += level.quantityMinor;
  return [...byPrice.values()].sort((a, b) => a.bps - b.bps);
}

function BookDepth({ code, currency }: { code: string; currency: string }) {
  const api = useOperatorApi();
  const book = useQuery({
    queryKey: ['book', code, currency],
    queryFn: () => api.book(code, currency),
    refetchInterval: 15_000,
  });
  return (
    <Card withBorder data-testid="book-depth">
      <Title order={4} mb="sm">
        Book depth
      </Title>
      <QueryState
        query={book}
        isEmpty={(b) => b.asks.length === 0 && b.bids.length === 0}
        empty={{
          title: 'The book is empty',
          description: `No open listings or buy orders in ${code} ${currency}.`,
        }}
      >
        {(b) => (
          <Stack>
            <BarChart
              h={260}
              data={depthData(b)}
              dataKey="price"
              series={[
                { name: 'bids', label: 'Bids (buy orders)', color: 'teal.6' },
                { name: 'asks', label: 'Asks (listings)', color: 'red.6' },
              ]}
              withLegend
              yAxisProps={{ width: 90 }}
              xAxisLabel="Price (bps of face value)"
              // Axis ticks may fall between cents; amounts themselves are whole minor units.
              valueFormatter={(value) =>
                Number.isSafeInteger(value) ? formatMoney(value, currency) : String(value)
              }
            />
            <SimpleGrid cols={2}>
              <LevelTable title="Best bids" levels={b.bids} currency={currency} />
              <LevelTable title="Best asks" levels={b.asks} currency={currency} />
            </SimpleGrid>
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}

function LevelTable({ title, levels, currency }: { title: string; levels: BookLevel[]; currency: string }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {levels.length === 0 ? (
        <Text size="sm" c="dimmed">
          none
        </Text>
      ) : (
        <Table verticalSpacing={2}>
          <Table.Tbody>
            {levels.slice(0, 5).map((level) => (
              <Table.Tr key={level.priceBps}>
                <Table.Td>
                  <Price bps={level.priceBps} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money minor={level.quantityMinor} currency={currency} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="xs" c="dimmed">
                    {level.count}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}

function ExpiryStats({ code, currency }: { code: string; currency: string }) {
  const api = useOperatorApi();
  const stats = useQuery({
    queryKey: ['market-stats', code, currency],
    queryFn: () => api.marketStats(code, currency),
  });
  return (
    <Card withBorder data-testid="expiry-stats">
      <Title order={4} mb="sm">
        Volume and discount by days to expiry
      </Title>
      <QueryState
        query={stats}
        isEmpty={(s: MarketStats) => s.buckets.every((b) => b.trades === 0)}
        empty={{ title: 'No trades yet', description: `Nothing has traded in ${code} ${currency}.` }}
      >
        {(s) => (
          <Stack>
            <BarChart
              h={200}
              data={s.buckets.map((b) => ({
                bucket: `${b.bucket} d`,
                discount: b.averageDiscountBps === null ? 0 : b.averageDiscountBps / 100,
              }))}
              dataKey="bucket"
              series={[{ name: 'discount', label: 'Average discount %', color: 'blue.6' }]}
              valueFormatter={(value) => `${value.toFixed(2)}%`}
            />
            <Table aria-label="Volume by days to expiry">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Days to expiry</Table.Th>
                  <Table.Th ta="right">Trades</Table.Th>
                  <Table.Th ta="right">Credit traded</Table.Th>
                  <Table.Th ta="right">Paid</Table.Th>
                  <Table.Th ta="right">Avg. discount</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.buckets.map((b) => (
                  <Table.Tr key={b.bucket}>
                    <Table.Td>{b.bucket}</Table.Td>
                    <Table.Td ta="right">{b.trades}</Table.Td>
                    <Table.Td ta="right">
                      <Money minor={b.quantityMinor} currency={currency} size="sm" />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money minor={b.grossMinor} currency={currency} size="sm" />
                    </Table.Td>
                    <Table.Td ta="right">
                      {b.averageDiscountBps === null ? '—' : bpsAsPercent(b.averageDiscountBps)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}

function RecentTrades({ code, currency }: { code: string; currency: string }) {
  const api = useOperatorApi();
  const trades = useQuery({ queryKey: ['market-trades', code], queryFn: () => api.marketTrades(code) });
  const pager = useLocalPages(trades, 10);
  const columns: Column<MarketTrade>[] = [
    { key: 'at', header: 'Executed', render: (t) => formatDateTime(t.executedAt) },
    { key: 'price', header: 'Price', render: (t) => <Price bps={t.priceBps} /> },
    {
      key: 'qty',
      header: 'Credit',
      align: 'right',
      render: (t) => <Money minor={t.quantityMinor} currency={currency} size="sm" />,
    },
    { key: 'days', header: 'Days to expiry', align: 'right', render: (t) => t.daysToExpiry },
  ];
  return (
    <Card withBorder data-testid="recent-trades">
      <Title order={4} mb="sm">
        Recent trades
      </Title>
      <PagedTable
        label="Recent trades"
        pager={pager}
        columns={columns}
        rowKey={(t) => `${t.executedAt}-${t.priceBps}-${t.quantityMinor}`}
        empty={{ title: 'No trades yet', description: `Nothing has traded in ${code}.` }}
      />
    </Card>
  );
}

export function MarketPage() {
  const api = useOperatorApi();
  const providers = useQuery({ queryKey: ['providers'], queryFn: api.providers });
  const [code, setCode] = useState<string | null>(null);
  const [currency, setCurrency] = useState<string | null>(null);
  const provider = providers.data?.find((p) => p.code === code) ?? providers.data?.[0];
  const chosenCurrency =
    currency && provider?.currencies.includes(currency) ? currency : provider?.currencies[0];
  return (
    <Stack>
      <PageHeader
        title="Market overview"
        description="Per provider: resting bids and asks, recent executions, and what trades at which distance to expiry."
        actions={
          <MarketPicker
            providers={providers.data ?? []}
            provider={provider}
            currency={chosenCurrency}
            onProvider={setCode}
            onCurrency={setCurrency}
          />
        }
      />
      <QueryState query={providers} isEmpty={(p) => p.length === 0} empty={{ title: 'No providers' }}>
        {() =>
          provider && chosenCurrency ? (
            <Grid>
              <Grid.Col span={{ base: 12, lg: 7 }}>
                <Stack>
                  <BookDepth code={provider.code} currency={chosenCurrency} />
                  <ExpiryStats code={provider.code} currency={chosenCurrency} />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 5 }}>
                <RecentTrades code={provider.code} currency={chosenCurrency} />
              </Grid.Col>
            </Grid>
          ) : (
            <EmptyState title="Choose a provider" />
          )
        }
      </QueryState>
    </Stack>
  );
}
