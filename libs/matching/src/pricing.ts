import type { PriceSpec } from './types';

/** Milliseconds in a day; days to expiry count whole days. */
export const DAY_MS = 86_400_000;

/** Lowest and highest price: prices are integer bps of face value. */
export const MIN_PRICE_BPS = 1;
export const MAX_PRICE_BPS = 10_000;

/** Whole days left before expiry: `floor((expiresAt - now) / 86,400,000)`, negative once expired. */
export function daysToExpiry(expiresAtMs: number, nowMs: number): number {
  return Math.floor((expiresAtMs - nowMs) / DAY_MS);
}

/** True for an integer price in 1..10000. */
export function isValidPriceBps(priceBps: number): boolean {
  return Number.isInteger(priceBps) && priceBps >= MIN_PRICE_BPS && priceBps <= MAX_PRICE_BPS;
}

/**
 * The price in force with `daysLeft` days to expiry: a fixed price as is; for a schedule, the tier with the
 * highest `minDaysToExpiry` that is <= `daysLeft` (tiers in any order). Null when no tier applies.
 */
export function effectivePriceBps(price: PriceSpec, daysLeft: number): number | null {
  if (typeof price === 'number') return price;
  let bestDays = -1;
  let bestPrice: number | null = null;
  for (let i = 0; i < price.length; i++) {
    const tier = price[i];
    if (tier.minDaysToExpiry <= daysLeft && tier.minDaysToExpiry > bestDays) {
      bestDays = tier.minDaysToExpiry;
      bestPrice = tier.priceBps;
    }
  }
  return bestPrice;
}

/**
 * The first instant at which a schedule's price can change: when the days left drop below the tier now in
 * force. Infinity for a fixed price, or when no tier applies (later days only lower the days left).
 */
export function nextRepriceAtMs(price: PriceSpec, expiresAtMs: number, nowMs: number): number {
  if (typeof price === 'number') return Infinity;
  const daysLeft = daysToExpiry(expiresAtMs, nowMs);
  let tierDays = -1;
  for (let i = 0; i < price.length; i++) {
    const days = price[i].minDaysToExpiry;
    if (days <= daysLeft && days > tierDays) tierDays = days;
  }
  // floor((E - t) / DAY) < m  <=>  t > E - m * DAY
  return tierDays < 0 ? Infinity : expiresAtMs - tierDays * DAY_MS + 1;
}
