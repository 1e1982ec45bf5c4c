import { Anchor, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import {
  ComplianceChecks,
  Countdown,
  Money,
  PageHeader,
  PagedTable,
  Price,
  QueryState,
  StatusBadge,
  formatDate,
  formatDateTime,
  useLocalPages,
  useNow,
  type Column,
} from '@carryover/web-ui';
import type { CreditLot, Listing } from '../../api/types';
import { useProviders } from '../../api/use-providers';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { DetailList } from '../../components/detail-list';
import { basisText } from '../../domain/market-value';
import {
  CREDIT_SOURCE_LABEL,
  LISTING_STATUS_LABEL,
  TRANSFER_METHOD_LABEL,
  lotVerificationText,
} from '../../domain/words';
import { useLotValues } from './use-lot-values';

function LotListings({ lot }: { lot: CreditLot }) {
  const api = usePortalApi();
  const listings = useQuery({
    queryKey: ['listings', 'mine', 'all'],
    queryFn: api.myOpenListings,
    select: (page) => page.data.filter((l) => l.creditLotId === lot.id),
  });
  const pager = useLocalPages(listings, 10);
  const columns: Column<Listing>[] = [
    { key: 'status', header: 'Status', render: (l) => LISTING_STATUS_LABEL[l.status] ?? l.status },
    {
      key: 'qty',
      header: 'Listed',
      align: 'right',
      render: (l) => <Money minor={l.quantityMinor} currency={l.currency} size="sm" />,
    },
    {
      key: 'left',
      header: 'Unsold',
      align: 'right',
      render: (l) => <Money minor={l.remainingMinor} currency={l.currency} size="sm" />,
    },
    { key: 'price', header: 'Price now', render: (l) => <Price bps={l.effectivePriceBps} /> },
    { key: 'since', header: 'Listed on', render: (l) => formatDate(l.createdAt) },
    {
      key: 'open',
      header: '',
      render: (l) => (
        <Anchor component={Link} to={`/listings/${l.id}`} size="sm">
          Open
        </Anchor>
      ),
    },
  ];
  return (
    <PagedTable
      label="Listings of this balance"
      pager={pager}
      columns={columns}
      rowKey={(l) => l.id}
      empty={{ title: 'Not listed yet', description: 'List this balance to offer it to buyers.' }}
    />
  );
}

/** One balance: its facts, its verification and compliance in plain words, its listings, its value now. */
export function LotPage() {
  const { id = '' } = useParams();
  const api = usePortalApi();
  const { canTrade } = usePermissions();
  const providers = useProviders();
  const now = useNow(60_000);
  const query = useQuery({ queryKey: ['lot', id], queryFn: () => api.lot(id) });
  const { values } = useLotValues(query.data ? [query.data] : undefined);

  return (
    <Stack>
      <Anchor component={Link} to="/balances" size="sm">
        ← Expiring balances
      </Anchor>
      <QueryState query={query}>
        {(lot) => {
          const value = values.get(lot.id);
          const lapsed = new Date(lot.tradableUntil).getTime() <= now;
          const sellable = canTrade && lot.status === 'verified' && lot.availableMinor > 0 && !lapsed;
          return (
            <Stack>
              <PageHeader
                title={`${providers.name(lot.providerCode)} balance`}
                description={
                  <Group gap="xs" component="span">
                    <StatusBadge status={lot.status} />
                    <Text span size="sm" c="dimmed">
                      {lot.accountReference} · registered {formatDate(lot.createdAt)}
                    </Text>
                  </Group>
                }
                actions={
                  sellable && (
                    <Button component={Link} to={`/sell/${lot.id}`}>
                      Sell this balance
                    </Button>
                  )
                }
              />
              <Grid>
                <Grid.Col span={{ base: 12, md: 7 }}>
                  <Stack>
                    <Card withBorder>
                      <DetailList
                        items={[
                          {
                            label: 'Balance',
                            value: <Money minor={lot.faceValueMinor} currency={lot.currency} fw={600} />,
                          },
                          {
                            label: 'Recoverable now',
                            testId: 'lot-recoverable',
                            value:
                              value?.recoverableMinor === null || value === undefined ? (
                                <Text size="sm" c="dimmed">
                                  {value ? basisText(value.price) : '…'}
                                </Text>
                              ) : (
                                <Stack gap={0}>
                                  <Money
                                    minor={value.recoverableMinor}
                                    currency={lot.currency}
                                    fw={600}
                                    c="teal.8"
                                  />
                                  <Text size="xs" c="dimmed">
                                    after the platform fee, at the {basisText(value.price)}
                                  </Text>
                                </Stack>
                              ),
                          },
                          {
                            label: 'Sold',
                            value: <Money minor={lot.soldMinor} currency={lot.currency} size="sm" />,
                          },
                          {
                            label: 'Listed, unsold',
                            value: <Money minor={lot.listedMinor} currency={lot.currency} size="sm" />,
                          },
                          {
                            label: 'Available to list',
                            value: <Money minor={lot.availableMinor} currency={lot.currency} size="sm" />,
                          },
                          { label: 'Expires', value: formatDateTime(lot.expiresAt) },
                          {
                            label: 'Can be sold until',
                            value: (
                              <Stack gap={0}>
                                <Text size="sm">{formatDateTime(lot.tradableUntil)}</Text>
                                <Countdown until={lot.tradableUntil} />
                              </Stack>
                            ),
                          },
                          { label: 'Obtained as', value: CREDIT_SOURCE_LABEL[lot.source] ?? lot.source },
                          {
                            label: 'Transfer methods',
                            value: lot.transferMethods.map((m) => TRANSFER_METHOD_LABEL[m] ?? m).join(', '),
                          },
                          {
                            label: 'Evidence',
                            value: `${lot.evidence.statementReference}${lot.evidence.note ? ` — ${lot.evidence.note}` : ''}`,
                          },
                        ]}
                      />
                    </Card>
                    <Card withBorder>
                      <Title order={4} mb="sm">
                        Listings
                      </Title>
                      <LotListings lot={lot} />
                    </Card>
                  </Stack>
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 5 }}>
                  <Stack>
                    <Card withBorder>
                      <Title order={4} mb="xs">
                        Verification
                      </Title>
                      <Text size="sm" data-testid="lot-verification">
                        {lotVerificationText(lot)}
                      </Text>
                      {lot.verifiedAt && (
                        <Text size="xs" c="dimmed" mt={4}>
                          Decided {formatDateTime(lot.verifiedAt)}
                        </Text>
                      )}
                    </Card>
                    <Card withBorder>
                      <Title order={4} mb="xs">
                        Provider’s resale terms
                      </Title>
                      {lot.compliance ? (
                        <ComplianceChecks
                          outcome={lot.compliance.outcome}
                          checks={lot.compliance.checks}
                          policyVersion={lot.compliance.policyVersion}
                          showPassed
                        />
                      ) : (
                        <Text size="sm" c="dimmed">
                          Not checked yet.
                        </Text>
                      )}
                    </Card>
                  </Stack>
                </Grid.Col>
              </Grid>
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
