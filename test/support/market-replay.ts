import {
  daysToExpiry,
  effectivePriceBps,
  fillQuantity,
  OrderBook,
  transferMethodsIntersect,
  type Fill,
} from '@carryover/matching';
import { isResting, type ListingRow, type MarketRows, type OrderRow } from './market-ledger';

/** What the in-memory book decides for the same arrivals, and where it leaves every side. */
export interface Replayed {
  fills: Fill[];
  /** Open quantity per listing and order id after the replay; 0 when it no longer rests. */
  remaining: Record<string, bigint>;
}

/**
 * Feeds the market's listings and orders to the in-memory OrderBook in the order the database serialised
 * them (book_seq is drawn under the market lock), each at the time it was written. Cancels are not
 * replayed, so a cancelled listing or resting order is refused.
 */
export function replayInBook(rows: MarketRows): Replayed {
  const arrivals: ({ kind: 'listing'; row: ListingRow } | { kind: 'order'; row: OrderRow })[] = [
    ...rows.listings.map((row) => ({ kind: 'listing' as const, row })),
    ...rows.orders.map((row) => ({ kind: 'order' as const, row })),
  ].sort((a, b) => (a.row.bookSeq < b.row.bookSeq ? -1 : 1));
  const book = new OrderBook();
  const fills: Fill[] = [];
  for (const arrival of arrivals) {
    const ctx = { nowMs: arrival.row.createdAtMs };
    if (arrival.kind === 'listing') {
      const l = arrival.row;
      if (l.status === 'cancelled') throw new Error(`listing ${l.id} was cancelled: cannot replay`);
      const result = book.addListing(
        {
          id: l.id,
          sellerOrgId: l.organizationId,
          quantityMinor: l.quantityMinor,
          minFillMinor: l.minFillMinor,
          price: l.price,
          expiresAtMs: l.expiresAtMs,
          tradableUntilMs: l.tradableUntilMs,
          transferMethods: l.transferMethods,
        },
        ctx,
      );
      fills.push(...result.fills);
    } else {
      const o = arrival.row;
      if (o.status === 'cancelled' && o.timeInForce === 'GTC')
        throw new Error(`order ${o.id} was cancelled: cannot replay`);
      const result = book.addOrder(
        {
          id: o.id,
          buyerOrgId: o.organizationId,
          maxPriceBps: o.maxPriceBps,
          quantityMinor: o.quantityMinor,
          minDaysToExpiry: o.minDaysToExpiry,
          transferMethods: o.transferMethods,
          minFillMinor: o.minFillMinor,
          timeInForce: o.timeInForce,
          goodTillMs: o.goodTillMs,
        },
        ctx,
      );
      fills.push(...result.fills);
    }
  }
  const remaining: Record<string, bigint> = {};
  for (const l of rows.listings) remaining[l.id] = book.listing(l.id)?.quantityMinor ?? 0n;
  for (const o of rows.orders) remaining[o.id] = book.order(o.id)?.quantityMinor ?? 0n;
  return { fills, remaining };
}

/**
 * Resting order/listing pairs that could trade right now. With minimum fills of 1 (so an earlier refusal
 * cannot become acceptable later) and compliance passing for every pair, the matcher must leave none.
 */
export function crossedPairs(rows: MarketRows, nowMs: number): string[] {
  const out: string[] = [];
  for (const o of rows.orders.filter(isResting.order)) {
    for (const l of rows.listings.filter(isResting.listing)) {
      const price = effectivePriceBps(l.price, daysToExpiry(l.expiresAtMs, nowMs));
      const tradable =
        price !== null &&
        price <= o.maxPriceBps &&
        nowMs < l.tradableUntilMs &&
        daysToExpiry(l.expiresAtMs, nowMs) >= o.minDaysToExpiry &&
        l.organizationId !== o.organizationId &&
        transferMethodsIntersect(l.transferMethods, o.transferMethods) &&
        fillQuantity(o.remainingMinor, o.minFillMinor, l.remainingMinor, l.minFillMinor) > 0n;
      if (tradable) out.push(`order ${o.id} @${o.maxPriceBps} and listing ${l.id} @${price} both rest`);
    }
  }
  return out;
}
