import { Button, Card, Progress, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import {
  Countdown,
  Money,
  Price,
  StatusBadge,
  daysUntil,
  formatDate,
  formatMoney,
  useNow,
} from '@carryover/web-ui';
import type { CreditLot } from '../../api/types';
import { useProviders } from '../../api/use-providers';
import { basisText, type LotValue } from '../../domain/market-value';
import { LOT_STATUS_LABEL } from '../../domain/words';

/** A sale window closing within this many days is a warning. */
export const SOON_DAYS = 30;

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

export function LotsTable({
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
