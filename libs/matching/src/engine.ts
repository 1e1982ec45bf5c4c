import { daysToExpiry, effectivePriceBps } from './pricing';
import type { BuyOrder, EligibilityPredicate, Fill, Listing, MatchContext, MatchResult } from './types';

// The one code path behind both the pure functions and the OrderBook; `matched` collects the candidates
// that received a fill (in fill order) so the book can apply them, and is left empty when nothing executes.

const NO_FILLS: readonly Fill[] = Object.freeze([]);

/** True when some method is offered by the listing and accepted by the order (no preference accepts any). */
export function transferMethodsIntersect(
  listingMethods: readonly string[],
  orderMethods: readonly string[] | undefined,
): boolean {
  if (orderMethods === undefined || orderMethods.length === 0) return listingMethods.length > 0;
  for (let i = 0; i < listingMethods.length; i++) {
    if (orderMethods.includes(listingMethods[i])) return true;
  }
  return false;
}

/** True while a buy order may still match: before its goodTill, if it has one. */
export function orderIsLive(order: BuyOrder, nowMs: number): boolean {
  return order.goodTillMs === undefined || nowMs < order.goodTillMs;
}

/** The listing's price now, or null when it cannot match at all (past tradableUntil, or unpriced). */
export function listingPriceNow(listing: Listing, nowMs: number): number | null {
  if (!(nowMs < listing.tradableUntilMs)) return null;
  return effectivePriceBps(listing.price, daysToExpiry(listing.expiresAtMs, nowMs));
}

/**
 * The largest allowed fill between two sides, or 0n. The fill is min of the two remainders; each side
 * accepts it if it reaches that side's minFill or takes that side's whole remainder.
 */
export function fillQuantity(
  incomingRemaining: bigint,
  incomingMinFill: bigint,
  restingRemaining: bigint,
  restingMinFill: bigint,
): bigint {
  const q = incomingRemaining < restingRemaining ? incomingRemaining : restingRemaining;
  if (q <= 0n) return 0n;
  if (q < restingMinFill && q !== restingRemaining) return 0n;
  if (q < incomingMinFill && q !== incomingRemaining) return 0n;
  return q;
}

// Rules of the pair that do not depend on which side is incoming; price and days are precomputed.
function pairAllowed(
  order: BuyOrder,
  listing: Listing,
  listingPriceBps: number,
  listingDaysLeft: number,
  nowMs: number,
): boolean {
  return (
    listingPriceBps <= order.maxPriceBps &&
    listingDaysLeft >= order.minDaysToExpiry &&
    nowMs < listing.tradableUntilMs &&
    listing.sellerOrgId !== order.buyerOrgId &&
    transferMethodsIntersect(listing.transferMethods, order.transferMethods)
  );
}

function result(
  fills: Fill[] | null,
  original: bigint,
  remaining: bigint,
  timeInForce: string,
  live: boolean,
  matched: unknown[] | null,
): MatchResult {
  if (timeInForce === 'FOK' && remaining !== 0n) {
    if (matched !== null) matched.length = 0;
    return { fills: NO_FILLS, remainingMinor: original, rests: false };
  }
  return {
    fills: fills ?? NO_FILLS,
    remainingMinor: remaining,
    rests: timeInForce === 'GTC' && remaining > 0n && live,
  };
}

/** Plans the fills of an incoming buy order against listings in priority order; mutates nothing. */
export function planOrder<L extends Listing>(
  order: BuyOrder,
  candidates: Iterable<L>,
  ctx: MatchContext,
  matched: L[] | null,
): MatchResult {
  const nowMs = ctx.nowMs;
  const isEligible: EligibilityPredicate | undefined = ctx.isEligible;
  const live = orderIsLive(order, nowMs);
  let remaining = order.quantityMinor;
  let fills: Fill[] | null = null;
  if (live) {
    for (const listing of candidates) {
      const priceBps = listingPriceNow(listing, nowMs);
      if (priceBps === null) continue;
      if (!pairAllowed(order, listing, priceBps, daysToExpiry(listing.expiresAtMs, nowMs), nowMs)) continue;
      const q = fillQuantity(remaining, order.minFillMinor, listing.quantityMinor, listing.minFillMinor);
      if (q === 0n) continue;
      if (isEligible !== undefined && !isEligible(order, listing)) continue;
      const left = listing.quantityMinor - q;
      (fills ??= []).push({
        listingId: listing.id,
        orderId: order.id,
        quantityMinor: q,
        priceBps,
        restingRemainingMinor: left,
      });
      if (matched !== null) matched.push(listing);
      remaining -= q;
      if (remaining === 0n) break;
    }
  }
  return result(fills, order.quantityMinor, remaining, order.timeInForce, live, matched);
}

/** Plans the fills of an incoming listing against buy orders in priority order; mutates nothing. */
export function planListing<O extends BuyOrder>(
  listing: Listing,
  candidates: Iterable<O>,
  ctx: MatchContext,
  matched: O[] | null,
): MatchResult {
  const nowMs = ctx.nowMs;
  const isEligible: EligibilityPredicate | undefined = ctx.isEligible;
  const listingPriceBps = listingPriceNow(listing, nowMs);
  const live = listingPriceBps !== null && listing.transferMethods.length > 0;
  const daysLeft = daysToExpiry(listing.expiresAtMs, nowMs);
  let remaining = listing.quantityMinor;
  let fills: Fill[] | null = null;
  if (listingPriceBps !== null) {
    for (const order of candidates) {
      if (!orderIsLive(order, nowMs)) continue;
      if (!pairAllowed(order, listing, listingPriceBps, daysLeft, nowMs)) continue;
      const q = fillQuantity(remaining, listing.minFillMinor, order.quantityMinor, order.minFillMinor);
      if (q === 0n) continue;
      if (isEligible !== undefined && !isEligible(order, listing)) continue;
      const left = order.quantityMinor - q;
      (fills ??= []).push({
        listingId: listing.id,
        orderId: order.id,
        quantityMinor: q,
        priceBps: order.maxPriceBps,
        restingRemainingMinor: left,
      });
      if (matched !== null) matched.push(order);
      remaining -= q;
      if (remaining === 0n) break;
    }
  }
  return result(fills, listing.quantityMinor, remaining, listing.timeInForce ?? 'GTC', live, matched);
}
