import { Alert, Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Money, Price, formatMoney } from '@carryover/web-ui';
import type { Order, Trade } from '../../api/types';
import { usePortalApi } from '../../api/use-portal-api';
import { ConfirmButton } from '../../components/confirm-button';
import { OPEN_ORDER, ORDER_STATUS_LABEL } from '../../domain/words';

/** What an order just did: the trades it made at once and what still rests, with cancelling the rest. */
export function Fills({
  order,
  trades,
  onCancelled,
}: {
  order: Order;
  trades: Trade[];
  onCancelled(): void;
}) {
  const api = usePortalApi();
  const bought = trades.reduce((sum, t) => sum + BigInt(t.quantityMinor), 0n);
  const pay = trades.reduce((sum, t) => sum + BigInt(t.grossMinor), 0n);
  return (
    <Alert
      color={trades.length > 0 ? 'green' : 'blue'}
      title={
        trades.length > 0
          ? `Bought ${formatMoney(bought, order.currency)} of credit for ${formatMoney(pay, order.currency)}`
          : 'Nothing matched yet'
      }
      data-testid="order-result"
    >
      <Stack gap="xs">
        {trades.length > 0 && (
          <>
            <Text size="sm">Pay each trade into escrow to start the transfer:</Text>
            <Table verticalSpacing={2} aria-label="Fills">
              <Table.Tbody>
                {trades.map((t) => (
                  <Table.Tr key={t.id} data-testid="fill">
                    <Table.Td>
                      <Money minor={t.quantityMinor} currency={t.currency} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      <Price bps={t.priceBps} size="xs" />
                    </Table.Td>
                    <Table.Td>
                      <Money minor={t.grossMinor} currency={t.currency} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/trades/${t.id}`} size="sm">
                        Pay
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        <Group justify="space-between">
          <Text size="sm" data-testid="order-status">
            Order {ORDER_STATUS_LABEL[order.status]?.toLowerCase() ?? order.status}
            {OPEN_ORDER.has(order.status) &&
              `: ${formatMoney(order.remainingMinor, order.currency)} waits in the market for sellers`}
          </Text>
          {OPEN_ORDER.has(order.status) && (
            <ConfirmButton
              label="Cancel the rest"
              title="Cancel the rest of this order?"
              consequence={`${formatMoney(order.remainingMinor, order.currency)} will no longer be bought. Trades already made stay.`}
              confirmLabel="Cancel the rest"
              done="The rest of the order is cancelled."
              onConfirm={async () => {
                await api.cancelOrder(order.id);
                onCancelled();
              }}
            />
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
