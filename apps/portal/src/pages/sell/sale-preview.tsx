import { Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Countdown, Money, Price, computeTradeAmounts } from '@carryover/web-ui';
import type { CreditLot, PriceTier } from '../../api/types';
import { Proceeds } from './proceeds';

/**
 * What the listing pays if it all sells today, after the fee, and by tier for a schedule (`schedule` only
 * in schedule mode, null when its tiers do not parse).
 */
export function SalePreview({
  lot,
  feeBps,
  daysLeft,
  quantityMinor,
  todayBps,
  schedule,
}: {
  lot: CreditLot;
  feeBps: number;
  daysLeft: number;
  quantityMinor: bigint;
  todayBps: number | null;
  schedule: PriceTier[] | null;
}) {
  return (
    <Card withBorder>
      <Title order={4} mb={4}>
        If it all sells today
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {daysLeft} days before expiry · sale window closes in{' '}
        <Countdown until={lot.tradableUntil} size="xs" />
      </Text>
      {todayBps === null || quantityMinor === 0n ? (
        <Text size="sm" c="dimmed" data-testid="proceeds">
          {schedule ? 'No tier applies today.' : 'Enter a quantity and a price.'}
        </Text>
      ) : (
        <Stack gap="xs">
          <Group gap="xs">
            <Text size="sm">Price today:</Text>
            <Price bps={todayBps} />
          </Group>
          <Proceeds
            quantityMinor={quantityMinor}
            priceBps={todayBps}
            feeBps={feeBps}
            currency={lot.currency}
          />
        </Stack>
      )}
      {schedule && quantityMinor > 0n && (
        <Table mt="sm" verticalSpacing={2} aria-label="Proceeds by tier">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Days left</Table.Th>
              <Table.Th>Price</Table.Th>
              <Table.Th ta="right">You receive</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...schedule]
              .sort((a, b) => b.minDaysToExpiry - a.minDaysToExpiry)
              .map((tier) => (
                <Table.Tr key={tier.minDaysToExpiry}>
                  <Table.Td>{tier.minDaysToExpiry}+</Table.Td>
                  <Table.Td>
                    <Price bps={tier.priceBps} size="xs" />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money
                      minor={computeTradeAmounts(quantityMinor, tier.priceBps, feeBps).sellerProceedsMinor}
                      currency={lot.currency}
                      size="sm"
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
