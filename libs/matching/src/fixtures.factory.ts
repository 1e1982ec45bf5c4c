import { DAY_MS } from './pricing';
import type { BuyOrder, Listing, MatchContext } from './types';

/** 2026-01-01T00:00:00Z: the fixed "now" of the unit tests. */
export const NOW = Date.UTC(2026, 0, 1);

/** A context at NOW, or at `nowMs`, with an optional predicate. */
export function context(overrides: Partial<MatchContext> = {}): MatchContext {
  return { nowMs: NOW, ...overrides };
}

/** A tradable $10.00 listing at 70%, 100 days from expiry, transferable by console transfer. */
export function listing(overrides: Partial<Listing> = {}): Listing {
  return {
    id: 'L1',
    sellerOrgId: 'seller',
    quantityMinor: 1000n,
    minFillMinor: 0n,
    price: 7000,
    expiresAtMs: NOW + 100 * DAY_MS,
    tradableUntilMs: NOW + 90 * DAY_MS,
    transferMethods: ['console_transfer'],
    ...overrides,
  };
}

/** A GTC order for $10.00 of credit at up to 80%, any expiry, any transfer method. */
export function order(overrides: Partial<BuyOrder> = {}): BuyOrder {
  return {
    id: 'O1',
    buyerOrgId: 'buyer',
    maxPriceBps: 8000,
    quantityMinor: 1000n,
    minDaysToExpiry: 0,
    minFillMinor: 0n,
    timeInForce: 'GTC',
    ...overrides,
  };
}
