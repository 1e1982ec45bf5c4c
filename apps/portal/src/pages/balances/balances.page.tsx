import type { ReactNode } from 'react';
import { Button, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  EmptyState,
  ErrorState,
  LoadingState,
  Money,
  PageHeader,
  daysUntil,
  useNow,
} from '@carryover/web-ui';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { sumByCurrency } from '../../domain/totals';
import { useLotValues } from './use-lot-values';
import { LotsTable, SOON_DAYS } from './lots-table';

function Amounts({ totals, testId }: { totals: { currency: string; minor: bigint }[]; testId: string }) {
  if (totals.length === 0)
    return (
      <Text fw={700} size="xl" data-testid={testId}>
        —
      </Text>
    );
  return (
    <Stack gap={0} data-testid={testId}>
      {totals.map((t) => (
        <Money key={t.currency} minor={t.minor} currency={t.currency} fw={700} size="xl" />
      ))}
    </Stack>
  );
}

function SummaryCard({
  title,
  help,
  children,
  color,
}: {
  title: string;
  help: string;
  children: ReactNode;
  color?: string;
}) {
  return (
    <Card
      withBorder
      padding="md"
      style={color ? { borderLeft: `4px solid var(--mantine-color-${color}-6)` } : undefined}
    >
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {title}
      </Text>
      {children}
      <Text size="xs" c="dimmed" mt={4}>
        {help}
      </Text>
    </Card>
  );
}

/** The seller's home: every lot, what is dealt with, how long is left, and what it is worth today. */
export function BalancesPage() {
  const api = usePortalApi();
  const { canTrade } = usePermissions();
  const lots = useQuery({ queryKey: ['lots'], queryFn: api.allLots });
  const sales = useQuery({ queryKey: ['trades', 'settled-sales'], queryFn: api.settledSales });
  const now = useNow(60_000);
  const sorted = [...(lots.data ?? [])].sort((a, b) => a.tradableUntil.localeCompare(b.tradableUntil));
  const { values, feeBps } = useLotValues(lots.data);

  const live = sorted.filter((lot) => new Date(lot.tradableUntil).getTime() > now);
  const unsold = sumByCurrency(
    live.map((lot) => ({ currency: lot.currency, minor: lot.availableMinor + lot.listedMinor })),
  );
  const recoverable = sumByCurrency(
    live.flatMap((lot) => {
      const minor = values.get(lot.id)?.recoverableMinor;
      return minor === null || minor === undefined ? [] : [{ currency: lot.currency, minor }];
    }),
  );
  const soon = sumByCurrency(
    live
      .filter((lot) => daysUntil(lot.tradableUntil, now) < SOON_DAYS)
      .map((lot) => ({ currency: lot.currency, minor: lot.availableMinor + lot.listedMinor })),
  );
  const received = sumByCurrency(
    (sales.data?.data ?? []).map((t) => ({ currency: t.currency, minor: t.sellerProceedsMinor })),
  );

  return (
    <Stack>
      <PageHeader
        title="Expiring balances"
        description="Every credit balance your firm holds: how long it can still be sold, what is sold or listed, and what the rest would fetch at today’s market."
        actions={
          canTrade && (
            <Button component={Link} to="/credit-lots/new">
              Register a balance
            </Button>
          )
        }
      />
      {lots.isLoading ? (
        <LoadingState rows={6} />
      ) : lots.error ? (
        <ErrorState error={lots.error} onRetry={() => void lots.refetch()} />
      ) : sorted.length === 0 ? (
        <EmptyState
          title="No credit balances yet"
          description="Register a prepaid or committed balance you will not use up before it expires; once Carryover has verified it you can sell it."
          action={
            canTrade && (
              <Button component={Link} to="/credit-lots/new" variant="light">
                Register a balance
              </Button>
            )
          }
        />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <SummaryCard title="Unsold credit" help="Still yours to sell, listed or not">
              <Amounts totals={unsold} testId="total-unsold" />
            </SummaryCard>
            <SummaryCard
              title="Recoverable at today’s market"
              help={`What selling it now would pay you after the ${feeBps === undefined ? '' : `${feeBps / 100}% `}platform fee`}
              color="teal"
            >
              <Amounts totals={recoverable} testId="total-recoverable" />
            </SummaryCard>
            <SummaryCard
              title={`Sale window closes within ${SOON_DAYS} days`}
              help="Sell it soon or it expires unused"
              color="orange"
            >
              <Amounts totals={soon} testId="total-soon" />
            </SummaryCard>
            <SummaryCard title="Proceeds received" help="From settled sales, after the fee" color="green">
              <Amounts totals={received} testId="total-received" />
            </SummaryCard>
          </SimpleGrid>
          <LotsTable lots={sorted} values={values} canTrade={canTrade} />
        </>
      )}
    </Stack>
  );
}
