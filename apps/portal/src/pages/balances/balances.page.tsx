import type { ReactNode } from 'react';
import { Button, Card, Progress, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import {
  Countdown,
  EmptyState,
  ErrorState,
  LoadingState,
  Money,
  PageHeader,
  Price,
  StatusBadge,
  daysUntil,
  formatDate,
  formatMoney,
  useNow,
} from '@carryover/web-ui';
import type { CreditLot } from '../../api/types';
import { useProviders } from '../../api/use-providers';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { basisText, type LotValue } from '../../domain/market-value';
import { sumByCurrency } from '../../domain/totals';
import { LOT_STATUS_LABEL } from '../../domain/words';
import { useLotValues } from './use-lot-values';

const SOON_DAYS = 30;

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

/** Listed, sold and still available, as one bar: a CFO sees at once how much of a lot is dealt with. */
function LotSplit({ lot }: { lot: CreditLot }) {
  const face = lot.faceValueMinor || 1;
  const pct = (minor: number) => (minor / face) * 100;
  return (
    <Stack gap={4} miw={200}>
      <Progress.Root size="md" aria-label="Sold, listed and available">
        <Progress.Section value={pct(lot.soldMinor)} color="green" />
        <Progress.Section value={pct(lot.listedMinor)} color="blue" />
        <Progress.Section value={pct(lot.availableMinor)} color="gray.4" />
      </Progress.Root>
      <Text size="xs" c="dimmed">
        <Text span c="green.8" size="xs">
          sold {formatMoney(lot.soldMinor, lot.currency)}
        </Text>{' '}
        ·{' '}
        <Text span c="blue.8" size="xs">
          listed {formatMoney(lot.listedMinor, lot.currency)}
        </Text>{' '}
        · available {formatMoney(lot.availableMinor, lot.currency)}
      </Text>
    </Stack>
  );
}

function Recoverable({ lot, value }: { lot: CreditLot; value: LotValue | undefined }) {
  if (!value)
    return (
      <Text size="sm" c="dimmed">
        …
      </Text>
    );
  if (value.lapsed) {
    return (
      <Text size="sm" c="red" fw={600}>
        {value.unsoldMinor > 0n ? 'Expires worthless' : '—'}
      </Text>
    );
  }
  if (value.recoverableMinor === null) {
    return (
      <Text size="sm" c="dimmed">
        No market yet
      </Text>
    );
  }
  return (
    <Tooltip label={`${basisText(value.price)}, after the platform fee`} multiline w={260}>
      <Stack gap={0} align="flex-end">
        <Money minor={value.recoverableMinor} currency={lot.currency} size="sm" fw={600} />
        {value.price.priceBps !== null && <Price bps={value.price.priceBps} size="xs" c="dimmed" />}
      </Stack>
    </Tooltip>
  );
}

function Verification({ lot }: { lot: CreditLot }) {
  const compliance = lot.compliance?.outcome;
  return (
    <Stack gap={4}>
      <StatusBadge status={lot.status} />
      {(lot.status !== 'verified' || compliance === 'block') && (
        <Text size="xs" c={lot.status === 'rejected' || compliance === 'block' ? 'red' : 'dimmed'}>
          {LOT_STATUS_LABEL[lot.status]}
          {lot.status === 'pending_verification' && compliance === 'review' && ' · compliance review'}
          {compliance === 'block' && ' · cannot be resold'}
        </Text>
      )}
    </Stack>
  );
}

function LotsTable({
  lots,
  values,
  canTrade,
}: {
  lots: CreditLot[];
  values: Map<string, LotValue>;
  canTrade: boolean;
}) {
  const providers = useProviders();
  const navigate = useNavigate();
  const now = useNow(60_000);
  return (
    <Card withBorder padding={0}>
      <Table.ScrollContainer minWidth={1000}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Credit lots">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Provider</Table.Th>
              <Table.Th ta="right">Balance</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Can be sold until</Table.Th>
              <Table.Th>Sold · listed · available</Table.Th>
              <Table.Th ta="right">Recoverable now</Table.Th>
              <Table.Th>Verification</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lots.map((lot) => {
              const lapsed = new Date(lot.tradableUntil).getTime() <= now;
              const sellable = canTrade && lot.status === 'verified' && lot.availableMinor > 0 && !lapsed;
              return (
                <Table.Tr
                  key={lot.id}
                  data-testid="lot-row"
                  data-lot-id={lot.id}
                  onClick={() => void navigate(`/credit-lots/${lot.id}`)}
                  style={{ cursor: 'pointer' }}
                >
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {providers.name(lot.providerCode)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {lot.accountReference}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money minor={lot.faceValueMinor} currency={lot.currency} size="sm" />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(lot.expiresAt)}</Text>
                    <Text size="xs" c="dimmed">
                      in {daysUntil(lot.expiresAt, now)} days
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Countdown until={lot.tradableUntil} warnDays={SOON_DAYS} />
                  </Table.Td>
                  <Table.Td>
                    <LotSplit lot={lot} />
                  </Table.Td>
                  <Table.Td ta="right" data-testid="lot-recoverable">
                    <Recoverable lot={lot} value={values.get(lot.id)} />
                  </Table.Td>
                  <Table.Td>
                    <Verification lot={lot} />
                  </Table.Td>
                  <Table.Td onClick={(event) => event.stopPropagation()}>
                    {sellable && (
                      <Button size="xs" component={Link} to={`/sell/${lot.id}`}>
                        Sell
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
