import { planListing, planOrder } from './engine';
import type { BuyOrder, Listing, MatchContext, MatchResult, RestingListing, RestingOrder } from './types';
import { assertValidListing, assertValidOrder } from './validation';

/**
 * Decides the fills of an incoming buy order. `candidates` must already be in priority order (effective
 * price ascending, then listing time); ineligible ones are skipped, never cancelled. Each fill executes at
 * the listing's effective price. Pure: reads its inputs, mutates none of them.
 * @throws RangeError when the order is malformed (non-positive quantity, price outside 1..10000, ...).
 */
export function matchIncomingOrder(
  order: BuyOrder,
  candidates: Iterable<RestingListing>,
  ctx: MatchContext,
): MatchResult {
  assertValidOrder(order);
  return planOrder(order, candidates, ctx, null);
}

/**
 * Decides the fills of an incoming listing. `candidates` must already be in priority order (maxPriceBps
 * descending, then order time). Each fill executes at the order's maxPriceBps. Pure, like matchIncomingOrder.
 * @throws RangeError when the listing is malformed (non-positive quantity, invalid price or schedule, ...).
 */
export function matchIncomingListing(
  listing: Listing,
  candidates: Iterable<RestingOrder>,
  ctx: MatchContext,
): MatchResult {
  assertValidListing(listing);
  return planListing(listing, candidates, ctx, null);
}
