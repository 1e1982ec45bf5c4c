import { useState } from 'react';
import { Alert, Card, Grid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import {
  DepthChart,
  EmptyState,
  Money,
  PageHeader,
  PagedTable,
  Price,
  QueryState,
  daysUntil,
  formatDate,
  formatDateTime,
  useCursorPages,
  useLocalPages,
  type Column,
  MarketPicker,
} from '@carryover/web-ui';
import type { Listing, MarketTrade, Provider } from '../../api/types';
import { useProviders } from '../../api/use-providers';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { PolicySummary } from '../../components/policy-summary';
import { TRANSFER_METHOD_LABEL } from '../../domain/words';
import { OrderForm } from './order-form';

function Offers({ code }: { code: string }) {
  const api = usePortalApi();
  const pager = useCursorPages(['offers', code], (cursor) => api.offers(code, cursor), {
    refetchInterval: 15_000,
  });
  const columns: Column<Listing>[] = [
    { key: 'price', header: 'Price now', render: (l) => <Price bps={l.effectivePriceBps} /> },
    {
      key: 'left',
      header: 'For sale',
      align: 'right',
      render: (l) => <Money minor={l.remainingMinor} currency={l.currency} size="sm" />,
    },
    {
      key: 'expiry',
      header: 'Expires',
      render: (l) => (
        <Text size="sm">
          {formatDate(l.expiresAt)}{' '}
          <Text span size="xs" c="dimmed">
            ({daysUntil(l.expiresAt)} d)
          </Text>
        </Text>
      ),
    },
    {
      key: 'methods',
      header: 'Transfer',
      render: (l) => l.transferMethods.map((m) => TRANSFER_METHOD_LABEL[m] ?? m).join(', '),
    },
    {
      key: 'min',
      header: 'Smallest sale',
      align: 'right',
      render: (l) => <Money minor={l.minFillMinor} currency={l.currency} size="sm" />,
    },
  ];
  return (
    <PagedTable
      label="Offers"
      pager={pager}
      columns={columns}
      rowKey={(l) => l.id}
      empty={{
        title: 'Nothing for sale right now',
        description: 'Place a buy order: it waits until a seller lists.',
      }}
    />
  );
}

function RecentTrades({ code, currency }: { code: string; currency: string }) {
  const api = usePortalApi();
  const trades = useQuery({
    queryKey: ['market-trades', code],
    queryFn: () => api.marketTrades(code),
    refetchInterval: 15_000,
  });
  const pager = useLocalPages(trades, 8);
  const columns: Column<MarketTrade>[] = [
    { key: 'at', header: 'When', render: (t) => <Text size="sm">{formatDateTime(t.executedAt)}</Text> },
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
    <PagedTable
      label="Recent trades"
      pager={pager}
      columns={columns}
      rowKey={(t) => `${t.executedAt}-${t.priceBps}-${t.quantityMinor}`}
      empty={{ title: 'No trades yet', description: 'Nothing has traded in this market.' }}
    />
  );
}

function Market({ provider, currency }: { provider: Provider; currency: string }) {
  const api = usePortalApi();
  const { canTrade } = usePermissions();
  const book = useQuery({
    queryKey: ['book', provider.code, currency],
    queryFn: () => api.book(provider.code, currency),
    refetchInterval: 15_000,
  });
  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack>
          <Card withBorder data-testid="book-depth">
            <Title order={4} mb="sm">
              Book depth
            </Title>
            <QueryState
              query={book}
              isEmpty={(b) => b.asks.length === 0 && b.bids.length === 0}
              empty={{
                title: 'No listings or buy orders',
                description: `Nobody is offering or asking for ${provider.name} credit in ${currency} right now.`,
              }}
            >
              {(b) => <DepthChart book={b} currency={currency} />}
            </QueryState>
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              For sale
            </Title>
            <Offers code={provider.code} />
          </Card>
          <Card withBorder data-testid="recent-trades">
            <Title order={4} mb="sm">
              Recent trades
            </Title>
            <RecentTrades code={provider.code} currency={currency} />
          </Card>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack>
          <Card withBorder>
            <Title order={4} mb="sm">
              Buy {provider.name} credit
            </Title>
            {provider.policy.resale === 'prohibited' ? (
              <Text size="sm" c="dimmed">
                {provider.name} does not allow its credits to be resold.
              </Text>
            ) : canTrade ? (
              <OrderForm
                key={`${provider.code}-${currency}`}
                provider={provider}
                currency={currency}
                book={book.data}
              />
            ) : (
              <Alert color="gray" variant="light" data-testid="read-only">
                You can follow the market. Buying needs the trader role: ask your firm’s administrator.
              </Alert>
            )}
          </Card>
          <Card withBorder>
            <Title order={5} mb="xs">
              {provider.name}’s resale terms
            </Title>
            <PolicySummary provider={provider} />
          </Card>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/** The market of one provider: depth, offers, recent prices, and buying. */
export function MarketPage() {
  const { code } = useParams();
  const navigate = useNavigate();
  const providers = useProviders();
  const [currency, setCurrency] = useState<string | null>(null);
  const list = providers.query.data ?? [];
  const provider = list.find((p) => p.code === code) ?? list[0];
  const chosenCurrency =
    currency && provider?.currencies.includes(currency) ? currency : provider?.currencies[0];
  return (
    <Stack>
      <PageHeader
        title="Buy credits"
        description="Capacity other firms will not use before it expires, below the provider’s price. You pay into escrow; the seller is paid only after the transfer is verified."
        actions={
          <MarketPicker
            providers={list}
            provider={provider}
            currency={chosenCurrency}
            onProvider={(next) => void navigate(`/market/${next}`)}
            onCurrency={setCurrency}
          />
        }
      />
      <QueryState
        query={providers.query}
        isEmpty={(p) => p.length === 0}
        empty={{ title: 'No providers yet' }}
      >
        {() =>
          provider && chosenCurrency ? (
            <Market provider={provider} currency={chosenCurrency} />
          ) : (
            <EmptyState title="Choose a provider" />
          )
        }
      </QueryState>
    </Stack>
  );
}
