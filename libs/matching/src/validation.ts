import { isValidPriceBps } from './pricing';
import type { BuyOrder, Listing, PriceSpec } from './types';

function fail(what: string, id: string, detail: string): never {
  throw new RangeError(`${what} ${id}: ${detail}`);
}

function checkQuantities(what: string, id: string, quantityMinor: bigint, minFillMinor: bigint): void {
  if (quantityMinor <= 0n) fail(what, id, 'quantityMinor must be positive');
  if (minFillMinor < 0n) fail(what, id, 'minFillMinor must not be negative');
}

/** A fixed price or a non-empty schedule of integer tiers, every price in 1..10000. */
export function isValidPriceSpec(price: PriceSpec): boolean {
  if (typeof price === 'number') return isValidPriceBps(price);
  if (price.length === 0) return false;
  return price.every(
    (tier) =>
      Number.isInteger(tier.minDaysToExpiry) && tier.minDaysToExpiry >= 0 && isValidPriceBps(tier.priceBps),
  );
}

/** Throws a RangeError when an incoming listing cannot be matched or booked as given. */
export function assertValidListing(listing: Listing): void {
  checkQuantities('listing', listing.id, listing.quantityMinor, listing.minFillMinor);
  if (!isValidPriceSpec(listing.price))
    fail('listing', listing.id, 'price must be 1..10000 bps or a valid schedule');
  if (!Number.isFinite(listing.expiresAtMs) || !Number.isFinite(listing.tradableUntilMs)) {
    fail('listing', listing.id, 'expiresAtMs and tradableUntilMs must be finite');
  }
}

/** Throws a RangeError when an incoming buy order cannot be matched or booked as given. */
export function assertValidOrder(order: BuyOrder): void {
  checkQuantities('order', order.id, order.quantityMinor, order.minFillMinor);
  if (!isValidPriceBps(order.maxPriceBps))
    fail('order', order.id, 'maxPriceBps must be an integer in 1..10000');
  if (!Number.isInteger(order.minDaysToExpiry)) fail('order', order.id, 'minDaysToExpiry must be an integer');
}
