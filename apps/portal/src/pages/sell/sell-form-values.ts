import { parseMoney } from '@carryover/web-ui';
import type { PriceTier } from '../../api/types';
import { parsePrice, type PriceUnit } from '../../components/price-input';

export interface SellFormValues {
  quantity: string;
  mode: 'fixed' | 'schedule';
  unit: PriceUnit;
  price: string;
  tiers: { minDays: string; price: string }[];
  minFill: string;
}

/** The schedule the form describes, or the first problem with it. */
export function scheduleOf(values: SellFormValues): PriceTier[] | null {
  const tiers: PriceTier[] = [];
  for (const tier of values.tiers) {
    const price = parsePrice(tier.price, values.unit);
    if (!/^\d{1,4}$/.test(tier.minDays.trim()) || !price.ok) return null;
    tiers.push({ minDaysToExpiry: Number(tier.minDays.trim()), priceBps: price.priceBps });
  }
  return tiers;
}

export function validateSellForm(values: SellFormValues, currency: string, availableMinor: bigint) {
  const tierErrors: Record<string, string> = {};
  if (values.mode === 'schedule') {
    const seen = new Set<string>();
    values.tiers.forEach((tier, index) => {
      const days = tier.minDays.trim();
      if (!/^\d{1,4}$/.test(days)) tierErrors[`tiers.${index}.minDays`] = 'Enter whole days, e.g. 60';
      else if (seen.has(days))
        tierErrors[`tiers.${index}.minDays`] = 'Each tier needs its own number of days';
      seen.add(days);
      const price = parsePrice(tier.price, values.unit);
      if (!price.ok) tierErrors[`tiers.${index}.price`] = price.error;
    });
  }
  const quantity = parseMoney(values.quantity, currency);
  const minFill = values.minFill.trim() ? parseMoney(values.minFill, currency) : null;
  return {
    quantity: !quantity.ok
      ? quantity.error
      : quantity.minor <= 0n
        ? 'Enter how much credit to sell'
        : quantity.minor > availableMinor
          ? 'That is more than the balance has available'
          : null,
    price:
      values.mode === 'fixed'
        ? ((parsePrice(values.price, values.unit) as { error?: string }).error ?? null)
        : null,
    tiers: values.mode === 'schedule' && values.tiers.length === 0 ? 'Add at least one price tier' : null,
    minFill: minFill && !minFill.ok ? minFill.error : null,
    ...tierErrors,
  };
}

/** The API's field names for this form's: the schedule's tiers by index. */
export function sellFieldMap(values: SellFormValues): Record<string, string> {
  const map: Record<string, string> = {
    quantityMinor: 'quantity',
    priceBps: 'price',
    priceSchedule: 'tiers',
    minFillMinor: 'minFill',
  };
  values.tiers.forEach((_, index) => {
    map[`priceSchedule.${index}.minDaysToExpiry`] = `tiers.${index}.minDays`;
    map[`priceSchedule.${index}.priceBps`] = `tiers.${index}.price`;
  });
  return map;
}
