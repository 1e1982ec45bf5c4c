import { Anchor, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import {
  ComplianceChecks,
  Countdown,
  Money,
  PageHeader,
  Price,
  QueryState,
  StatusBadge,
  formatDateTime,
  formatMoney,
} from '@carryover/web-ui';
import { useProviders } from '../../api/use-providers';
import { usePermissions, usePortalApi } from '../../api/use-portal-api';
import { ConfirmButton } from '../../components/confirm-button';
import { DetailList } from '../../components/detail-list';
import { LISTING_STATUS_LABEL, OPEN_LISTING, TRANSFER_METHOD_LABEL } from '../../domain/words';

/** One listing: what sold, what is left, its price schedule and compliance, and withdrawing the rest. */
export function ListingPage() {
  const { id = '' } = useParams();
  const api = usePortalApi();
  const providers = useProviders();
  const { canTrade } = usePermissions();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['listing', id], queryFn: () => api.listing(id) });

  return (
    <Stack>
      <Anchor component={Link} to="/listings" size="sm">
        ← My listings
      </Anchor>
      <QueryState query={query}>
        {(listing) => (
          <Stack>
            <PageHeader
              title={`${providers.name(listing.providerCode)} listing`}
              description={
                <Group gap="xs" component="span">
                  <span data-testid="listing-status">
                    <StatusBadge status={listing.status} />
                  </span>
                  <Text span size="sm" c="dimmed">
                    {LISTING_STATUS_LABEL[listing.status]} · listed {formatDateTime(listing.createdAt)}
                  </Text>
                </Group>
              }
              actions={
                canTrade &&
                OPEN_LISTING.has(listing.status) &&
                listing.creditLotId && (
                  <ConfirmButton
                    size="sm"
                    label="Withdraw unsold credit"
                    title="Withdraw the unsold credit?"
                    consequence={`${formatMoney(listing.remainingMinor, listing.currency)} goes back to the balance and buyers can no longer buy it. Trades already made are not affected.`}
                    confirmLabel="Withdraw"
                    done="Withdrawn. The credit is back on the balance."
                    onConfirm={async () => {
                      await api.cancelListing(listing.id);
                      await queryClient.invalidateQueries({ queryKey: ['listing', id] });
                      await queryClient.invalidateQueries({ queryKey: ['listings'] });
                      await queryClient.invalidateQueries({ queryKey: ['lots'] });
                    }}
                  />
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
                          label: 'Listed',
                          value: <Money minor={listing.quantityMinor} currency={listing.currency} />,
                        },
                        {
                          label: 'Sold',
                          value: <Money minor={listing.filledMinor} currency={listing.currency} />,
                        },
                        {
                          label: 'Unsold',
                          testId: 'listing-remaining',
                          value: <Money minor={listing.remainingMinor} currency={listing.currency} />,
                        },
                        { label: 'Price now', value: <Price bps={listing.effectivePriceBps} /> },
                        {
                          label: 'Smallest sale',
                          value: <Money minor={listing.minFillMinor} currency={listing.currency} size="sm" />,
                        },
                        {
                          label: 'Can be sold until',
                          value: (
                            <Stack gap={0}>
                              <Text size="sm">{formatDateTime(listing.tradableUntil)}</Text>
                              <Countdown until={listing.tradableUntil} />
                            </Stack>
                          ),
                        },
                        {
                          label: 'Transfer methods',
                          value: listing.transferMethods.map((m) => TRANSFER_METHOD_LABEL[m] ?? m).join(', '),
                        },
                        {
                          label: 'Balance',
                          value: listing.creditLotId ? (
                            <Anchor component={Link} to={`/credit-lots/${listing.creditLotId}`} size="sm">
                              Open the balance
                            </Anchor>
                          ) : (
                            '—'
                          ),
                        },
                      ]}
                    />
                  </Card>
                  {listing.priceSchedule && (
                    <Card withBorder>
                      <Title order={4} mb="xs">
                        Price schedule
                      </Title>
                      <Table aria-label="Price schedule">
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>Days left before expiry</Table.Th>
                            <Table.Th>Price</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {[...listing.priceSchedule]
                            .sort((a, b) => b.minDaysToExpiry - a.minDaysToExpiry)
                            .map((tier) => (
                              <Table.Tr
                                key={tier.minDaysToExpiry}
                                fw={tier.priceBps === listing.effectivePriceBps ? 700 : undefined}
                              >
                                <Table.Td>{tier.minDaysToExpiry} or more</Table.Td>
                                <Table.Td>
                                  <Price bps={tier.priceBps} />
                                </Table.Td>
                              </Table.Tr>
                            ))}
                        </Table.Tbody>
                      </Table>
                    </Card>
                  )}
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Card withBorder>
                  <Title order={4} mb="xs">
                    Provider’s resale terms
                  </Title>
                  {listing.compliance ? (
                    <ComplianceChecks
                      outcome={listing.compliance.outcome}
                      checks={listing.compliance.checks}
                      policyVersion={listing.compliance.policyVersion}
                      showPassed
                    />
                  ) : (
                    <Text size="sm" c="dimmed">
                      No compliance result on this listing.
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
