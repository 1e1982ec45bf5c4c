import fc from 'fast-check';
import { NOW } from './fixtures.factory';
import { DAY_MS, effectivePriceBps } from './pricing';
import type { BuyOrder, Listing, PriceSpec, TimeInForce } from './types';

// Narrow ranges on purpose: few orgs, prices, methods and quantities make ties, self-trades and
// minimum-fill conflicts common instead of rare.

const ORGS = ['a', 'b', 'c'] as const;
const METHODS = ['console', 'api_key', 'invite'] as const;

const quantity = fc.oneof(
  { weight: 9, arbitrary: fc.bigInt({ min: 1n, max: 60n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 60n, max: 2n ** 60n + 60n }) },
);
const minFill = fc.constantFrom(0n, 0n, 5n, 20n, 45n);
const timeInForce = fc.constantFrom<TimeInForce>('GTC', 'GTC', 'IOC', 'FOK');

const priceSpec: fc.Arbitrary<PriceSpec> = fc.oneof(
  fc.integer({ min: 5990, max: 6010 }),
  fc.array(
    fc.record({
      minDaysToExpiry: fc.integer({ min: 0, max: 40 }),
      priceBps: fc.integer({ min: 5980, max: 6020 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
);

/** A listing body (id assigned by the caller) expiring within 90 days, tradable until up to 10 days before. */
export const listingBody: fc.Arbitrary<Omit<Listing, 'id'>> = fc
  .record({
    sellerOrgId: fc.constantFrom(...ORGS),
    quantityMinor: quantity,
    minFillMinor: minFill,
    price: priceSpec,
    expiresInMs: fc.integer({ min: 0, max: 90 * DAY_MS }),
    transferLeadMs: fc.integer({ min: 0, max: 10 * DAY_MS }),
    transferMethods: fc.oneof(
      { weight: 9, arbitrary: fc.subarray([...METHODS], { minLength: 1 }) },
      { weight: 1, arbitrary: fc.constant([]) },
    ),
    timeInForce,
  })
  .map(({ expiresInMs, transferLeadMs, ...rest }) => ({
    ...rest,
    expiresAtMs: NOW + expiresInMs,
    tradableUntilMs: NOW + expiresInMs - transferLeadMs,
  }));

/** A buy order body (id assigned by the caller). */
export const orderBody: fc.Arbitrary<Omit<BuyOrder, 'id'>> = fc.record(
  {
    buyerOrgId: fc.constantFrom(...ORGS),
    maxPriceBps: fc.integer({ min: 5990, max: 6030 }),
    quantityMinor: quantity,
    minDaysToExpiry: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
    transferMethods: fc.option(fc.subarray([...METHODS], { minLength: 1 }), { nil: undefined, freq: 2 }),
    minFillMinor: minFill,
    timeInForce,
    goodTillMs: fc.option(fc.integer({ min: NOW - DAY_MS, max: NOW + 30 * DAY_MS }), { nil: undefined }),
  },
  {
    requiredKeys: [
      'buyerOrgId',
      'maxPriceBps',
      'quantityMinor',
      'minDaysToExpiry',
      'minFillMinor',
      'timeInForce',
    ],
  },
);

/** A deterministic stand-in for compliance: org c may not buy listings whose id ends in 3. */
export function compliance(order: BuyOrder, listing: Listing): boolean {
  return !(order.buyerOrgId === 'c' && listing.id.endsWith('3'));
}

/** Reference: the listing's price at `nowMs`, written independently of the engine. */
export function priceAt(listing: Listing, nowMs: number): number | null {
  return effectivePriceBps(listing.price, Math.floor((listing.expiresAtMs - nowMs) / DAY_MS));
}

/** Reference: every rule except minimum fills, from DESIGN.md "Matching", written independently. */
export function eligiblePair(order: BuyOrder, listing: Listing, nowMs: number): boolean {
  const price = priceAt(listing, nowMs);
  const daysLeft = Math.floor((listing.expiresAtMs - nowMs) / DAY_MS);
  const methods = order.transferMethods ?? [];
  return (
    price !== null &&
    price <= order.maxPriceBps &&
    daysLeft >= order.minDaysToExpiry &&
    nowMs < listing.tradableUntilMs &&
    (order.goodTillMs === undefined || nowMs < order.goodTillMs) &&
    listing.sellerOrgId !== order.buyerOrgId &&
    listing.transferMethods.some((m) => methods.length === 0 || methods.includes(m)) &&
    compliance(order, listing)
  );
}

/** Reference: a side accepts a fill that reaches its minimum or takes all it has left. */
export function sideAccepts(fill: bigint, left: bigint, minimum: bigint): boolean {
  return fill > 0n && (fill >= minimum || fill === left);
}

/** Sorts listings into priority order at `nowMs`: effective price ascending, then position (time). */
export function byAskPriority(listings: readonly Listing[], nowMs: number): Listing[] {
  const key = (l: Listing): number => priceAt(l, nowMs) ?? Infinity;
  return listings
    .map((l, i) => ({ l, i }))
    .sort((x, y) => key(x.l) - key(y.l) || x.i - y.i)
    .map((x) => x.l);
}

/** Sorts buy orders into priority order: maxPriceBps descending, then position (time). */
export function byBidPriority(orders: readonly BuyOrder[]): BuyOrder[] {
  return orders
    .map((o, i) => ({ o, i }))
    .sort((x, y) => y.o.maxPriceBps - x.o.maxPriceBps || x.i - y.i)
    .map((x) => x.o);
}
