import { Table } from '@mantine/core';
import { Money, computeTradeAmounts } from '@carryover/web-ui';

/** What the seller would receive for the whole quantity at a price: gross, the fee, and proceeds. */
export function Proceeds({
  quantityMinor,
  priceBps,
  feeBps,
  currency,
}: {
  quantityMinor: bigint;
  priceBps: number;
  feeBps: number;
  currency: string;
}) {
  const amounts = computeTradeAmounts(quantityMinor, priceBps, feeBps);
  return (
    <Table withRowBorders={false} verticalSpacing={2} data-testid="proceeds">
      <Table.Tbody>
        <Table.Tr>
          <Table.Td>Buyers pay</Table.Td>
          <Table.Td ta="right">
            <Money minor={amounts.grossMinor} currency={currency} size="sm" />
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Td>Platform fee ({feeBps / 100}%)</Table.Td>
          <Table.Td ta="right">
            <Money minor={-amounts.feeMinor} currency={currency} size="sm" />
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Td fw={700}>You receive</Table.Td>
          <Table.Td ta="right" data-testid="proceeds-total">
            <Money minor={amounts.sellerProceedsMinor} currency={currency} size="md" fw={700} c="teal.8" />
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
