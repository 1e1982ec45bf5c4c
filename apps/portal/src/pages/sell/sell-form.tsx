import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Card,
  Grid,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import {
  ApiError,
  MoneyInput,
  daysToExpiry,
  effectivePriceBps,
  formatMoney,
  minorToJson,
  newIdempotencyKey,
  parseMoney,
  showProblemOnForm,
  useNow,
} from '@carryover/web-ui';
import type { CreditLot } from '../../api/types';
import { useProviders } from '../../api/use-providers';
import { usePortalApi } from '../../api/use-portal-api';
import { PriceInput, PriceUnitSwitch, convertPriceText, parsePrice } from '../../components/price-input';
import { ProblemAlert } from '../../components/problem-alert';
import { MarketReference } from './market-reference';
import { scheduleOf, sellFieldMap, validateSellForm, type SellFormValues } from './sell-form-values';
import { SalePreview } from './sale-preview';

const DEFAULT_TIERS = [
  { minDays: '90', price: '20' },
  { minDays: '30', price: '30' },
  { minDays: '0', price: '40' },
];

/** The listing form: quantity, a fixed price or a schedule, the minimum fill, and what it pays. */
export function SellForm({ lot, feeBps }: { lot: CreditLot; feeBps: number }) {
  const api = usePortalApi();
  const providers = useProviders();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow(60_000);
  const [failure, setFailure] = useState<{ message: string | null; error?: unknown }>({ message: null });
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const available = BigInt(lot.availableMinor);
  const form = useForm<SellFormValues>({
    initialValues: {
      quantity: formatMoney(lot.availableMinor, lot.currency),
      mode: 'fixed',
      unit: 'discount',
      price: '25',
      tiers: DEFAULT_TIERS,
      minFill: '',
    },
    validate: (values) => validateSellForm(values, lot.currency, available),
  });
  const values = form.values;
  const quantity = parseMoney(values.quantity, lot.currency);
  const quantityMinor = quantity.ok ? quantity.minor : 0n;
  const daysLeft = daysToExpiry(new Date(lot.expiresAt).getTime(), now);
  const fixed = parsePrice(values.price, values.unit);
  const schedule = scheduleOf(values);
  const todayBps =
    values.mode === 'fixed'
      ? fixed.ok
        ? fixed.priceBps
        : null
      : schedule
        ? effectivePriceBps(schedule, daysLeft)
        : null;
  const policyDays = providers.byCode.get(lot.providerCode)?.policy.minDaysToExpiry ?? 0;
  const lastSellableDays = Math.max(0, policyDays);

  const switchUnit = (unit: SellFormValues['unit']) =>
    form.setValues({
      unit,
      price: convertPriceText(values.price, values.unit, unit),
      tiers: values.tiers.map((t) => ({ ...t, price: convertPriceText(t.price, values.unit, unit) })),
    });

  const submit = form.onSubmit(async (v) => {
    const q = parseMoney(v.quantity, lot.currency);
    const minFill = v.minFill.trim() ? parseMoney(v.minFill, lot.currency) : null;
    if (!q.ok || (minFill && !minFill.ok)) return;
    const price = v.mode === 'fixed' ? parsePrice(v.price, v.unit) : null;
    setBusy(true);
    setFailure({ message: null });
    try {
      const created = await api.createListing(
        {
          creditLotId: lot.id,
          quantityMinor: minorToJson(q.minor),
          ...(price?.ok ? { priceBps: price.priceBps } : { priceSchedule: scheduleOf(v) ?? [] }),
          ...(minFill?.ok ? { minFillMinor: minorToJson(minFill.minor) } : {}),
        },
        idempotencyKey,
      );
      await Promise.all(
        [['lots'], ['lot', lot.id], ['listings'], ['trades'], ['book']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
      const sold = created.trades.reduce((sum, t) => sum + BigInt(t.quantityMinor), 0n);
      notifications.show({
        color: 'green',
        message:
          sold > 0n
            ? `Listed, and ${formatMoney(sold, lot.currency)} sold at once to waiting buyers.`
            : 'Listed. Buyers can see it in the market now.',
      });
      void navigate(`/listings/${created.listing.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) setIdempotencyKey(newIdempotencyKey());
      const fields = [
        'quantity',
        'price',
        'tiers',
        'minFill',
        ...values.tiers.flatMap((_, i) => [`tiers.${i}.minDays`, `tiers.${i}.price`]),
      ];
      setFailure({ message: showProblemOnForm(form, error, sellFieldMap(v), fields), error });
    } finally {
      setBusy(false);
    }
  });

  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Card withBorder>
          <form onSubmit={submit} noValidate aria-label="List for sale">
            <Stack>
              <ProblemAlert title="Not listed" message={failure.message} error={failure.error} />
              <MoneyInput
                currency={lot.currency}
                label="Credit to sell"
                description={`Up to ${formatMoney(lot.availableMinor, lot.currency)} available (face value)`}
                required
                {...form.getInputProps('quantity')}
              />
              <Group justify="space-between">
                <SegmentedControl
                  aria-label="Pricing"
                  data={[
                    { value: 'fixed', label: 'Fixed price' },
                    { value: 'schedule', label: 'Price schedule' },
                  ]}
                  {...form.getInputProps('mode')}
                />
                <PriceUnitSwitch value={values.unit} onChange={switchUnit} />
              </Group>
              {values.mode === 'fixed' ? (
                <PriceInput unit={values.unit} label="Price" required {...form.getInputProps('price')} />
              ) : (
                <Stack gap="xs">
                  <Text size="sm">
                    The price follows the days left before the credit expires: each tier applies from its
                    number of days down to the next tier. Buyers pay less as expiry nears.
                  </Text>
                  {form.errors.tiers && (
                    <Text size="sm" c="red">
                      {form.errors.tiers}
                    </Text>
                  )}
                  {values.tiers.map((tier, index) => (
                    <Group key={index} align="flex-start" wrap="nowrap" data-testid="price-tier">
                      <TextInput
                        label={index === 0 ? 'From days left' : undefined}
                        aria-label={`Tier ${index + 1} from days left`}
                        inputMode="numeric"
                        w={140}
                        {...form.getInputProps(`tiers.${index}.minDays`)}
                      />
                      <PriceInput
                        unit={values.unit}
                        label={index === 0 ? 'Price' : undefined}
                        aria-label={`Tier ${index + 1} price`}
                        style={{ flex: 1 }}
                        {...form.getInputProps(`tiers.${index}.price`)}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={index === 0 ? 28 : 4}
                        aria-label={`Remove tier ${index + 1}`}
                        onClick={() => form.removeListItem('tiers', index)}
                      >
                        ✕
                      </ActionIcon>
                    </Group>
                  ))}
                  <Group>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => form.insertListItem('tiers', { minDays: '', price: '' })}
                      disabled={values.tiers.length >= 20}
                    >
                      Add a tier
                    </Button>
                  </Group>
                  {schedule && !schedule.some((t) => t.minDaysToExpiry <= lastSellableDays) && (
                    <Text size="xs" c="orange">
                      No tier covers the last {lastSellableDays} days of the sale window: the listing will not
                      sell then.
                    </Text>
                  )}
                </Stack>
              )}
              <MoneyInput
                currency={lot.currency}
                label="Smallest sale (optional)"
                description="Refuse buyers who want less than this"
                {...form.getInputProps('minFill')}
              />
              <Group justify="flex-end">
                <Button variant="default" component={Link} to={`/credit-lots/${lot.id}`}>
                  Cancel
                </Button>
                <Button type="submit" loading={busy}>
                  List for sale
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack>
          <SalePreview
            lot={lot}
            feeBps={feeBps}
            daysLeft={daysLeft}
            quantityMinor={quantityMinor}
            todayBps={todayBps}
            schedule={values.mode === 'schedule' ? schedule : null}
          />
          <MarketReference providerCode={lot.providerCode} currency={lot.currency} daysLeft={daysLeft} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
