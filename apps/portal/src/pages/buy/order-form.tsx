import { useState } from 'react';
import { Button, Checkbox, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import {
  ApiError,
  Money,
  MoneyInput,
  computeTradeAmounts,
  formatMoney,
  minorToJson,
  newIdempotencyKey,
  parseMoney,
  showProblemOnForm,
} from '@carryover/web-ui';
import {
  TRANSFER_METHODS,
  type Book,
  type Order,
  type Provider,
  type Trade,
  type TransferMethod,
} from '../../api/types';
import { usePortalApi } from '../../api/use-portal-api';
import {
  PriceInput,
  PriceUnitSwitch,
  convertPriceText,
  parsePrice,
  type PriceUnit,
} from '../../components/price-input';
import { ProblemAlert } from '../../components/problem-alert';
import { TIME_IN_FORCE_HELP, TRANSFER_METHOD_LABEL } from '../../domain/words';
import { Fills } from './fills';

const FIELD_MAP = {
  quantityMinor: 'quantity',
  maxPriceBps: 'maxPrice',
  minDaysToExpiry: 'minDays',
};
const FIELDS = ['quantity', 'maxPrice', 'minDays', 'transferMethods', 'timeInForce'];

interface OrderValues {
  quantity: string;
  unit: PriceUnit;
  maxPrice: string;
  minDays: string;
  transferMethods: TransferMethod[];
  timeInForce: 'GTC' | 'IOC' | 'FOK';
}

/** A buy order: how much, at most what price, how fresh, how transferred, and how long it may wait. */
export function OrderForm({
  provider,
  currency,
  book,
}: {
  provider: Provider;
  currency: string;
  book: Book | undefined;
}) {
  const api = usePortalApi();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<{ message: string | null; error?: unknown }>({ message: null });
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [result, setResult] = useState<{ order: Order; trades: Trade[] } | null>(null);
  const form = useForm<OrderValues>({
    initialValues: {
      quantity: '',
      unit: 'discount',
      maxPrice: '',
      minDays: '30',
      transferMethods: [...provider.policy.transferMethods],
      timeInForce: 'GTC',
    },
    validate: {
      quantity: (v) => {
        const parsed = parseMoney(v, currency);
        if (!parsed.ok) return parsed.error;
        return parsed.minor > 0n ? null : 'Enter how much credit to buy';
      },
      maxPrice: (v, values) => (parsePrice(v, values.unit) as { error?: string }).error ?? null,
      minDays: (v) => (/^\d{1,4}$/.test(v.trim()) ? null : 'Enter whole days, e.g. 30'),
      transferMethods: (v) => (v.length > 0 ? null : 'Accept at least one transfer method'),
    },
  });
  const values = form.values;
  const quantity = parseMoney(values.quantity, currency);
  const maxPrice = parsePrice(values.maxPrice, values.unit);
  const atMost =
    quantity.ok && maxPrice.ok && quantity.minor > 0n
      ? computeTradeAmounts(quantity.minor, maxPrice.priceBps, 0).grossMinor
      : null;
  const offeredUpTo = maxPrice.ok
    ? (book?.asks ?? [])
        .filter((a) => a.priceBps <= maxPrice.priceBps)
        .reduce((sum, a) => sum + BigInt(a.quantityMinor), 0n)
    : null;

  const submit = form.onSubmit(async (v) => {
    const q = parseMoney(v.quantity, currency);
    const price = parsePrice(v.maxPrice, v.unit);
    if (!q.ok || !price.ok) return;
    setBusy(true);
    setFailure({ message: null });
    setResult(null);
    try {
      const placed = await api.placeOrder(
        {
          providerCode: provider.code,
          currency,
          quantityMinor: minorToJson(q.minor),
          maxPriceBps: price.priceBps,
          minDaysToExpiry: Number(v.minDays.trim()),
          transferMethods: v.transferMethods,
          timeInForce: v.timeInForce,
        },
        idempotencyKey,
      );
      setIdempotencyKey(newIdempotencyKey());
      setResult(placed);
      await Promise.all(
        [['book'], ['market-trades'], ['orders'], ['trades']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) setIdempotencyKey(newIdempotencyKey());
      setFailure({ message: showProblemOnForm(form, error, FIELD_MAP, FIELDS), error });
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Buy credit">
      <Stack>
        <ProblemAlert title="The order was not placed" message={failure.message} error={failure.error} />
        {result && (
          <Fills
            order={result.order}
            trades={result.trades}
            onCancelled={() => {
              setResult({ ...result, order: { ...result.order, status: 'cancelled' } });
              void queryClient.invalidateQueries({ queryKey: ['book'] });
              void queryClient.invalidateQueries({ queryKey: ['orders'] });
            }}
          />
        )}
        <MoneyInput
          currency={currency}
          label="Credit to buy"
          description="Face value of the credit"
          required
          {...form.getInputProps('quantity')}
        />
        <PriceUnitSwitch
          value={values.unit}
          onChange={(unit) =>
            form.setValues({ unit, maxPrice: convertPriceText(values.maxPrice, values.unit, unit) })
          }
        />
        <PriceInput
          unit={values.unit}
          label={values.unit === 'discount' ? 'Smallest discount you accept' : 'Highest price you pay'}
          required
          {...form.getInputProps('maxPrice')}
        />
        <TextInput
          label="Credit must have at least this many days before it expires"
          inputMode="numeric"
          rightSection={<Text size="xs">days</Text>}
          rightSectionWidth={44}
          required
          {...form.getInputProps('minDays')}
        />
        <Checkbox.Group
          label="Transfer methods you accept"
          required
          {...form.getInputProps('transferMethods')}
        >
          <Group mt={6}>
            {TRANSFER_METHODS.filter((m) => provider.policy.transferMethods.includes(m)).map((m) => (
              <Checkbox key={m} value={m} label={TRANSFER_METHOD_LABEL[m]} />
            ))}
          </Group>
        </Checkbox.Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            If not all of it is for sale now
          </Text>
          <SegmentedControl
            aria-label="Time in force"
            data={[
              { value: 'GTC', label: 'Wait for sellers' },
              { value: 'IOC', label: 'Buy what is there' },
              { value: 'FOK', label: 'All or nothing' },
            ]}
            {...form.getInputProps('timeInForce')}
          />
          <Text size="xs" c="dimmed">
            {TIME_IN_FORCE_HELP[values.timeInForce]}
          </Text>
        </Stack>
        <Stack gap={2} data-testid="order-estimate">
          {atMost !== null && (
            <Text size="sm">
              You pay at most <Money minor={atMost} currency={currency} size="sm" fw={700} />, into escrow,
              after the match.
            </Text>
          )}
          {offeredUpTo !== null && (
            <Text size="xs" c="dimmed">
              {formatMoney(offeredUpTo, currency)} is listed at or below this price now (before expiry and
              transfer-method conditions).
            </Text>
          )}
        </Stack>
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Place buy order
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
