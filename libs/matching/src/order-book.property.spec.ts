import fc from 'fast-check';
import { compliance, listingBody, orderBody, priceAt } from './arbitraries.factory';
import { NOW } from './fixtures.factory';
import { matchIncomingListing, matchIncomingOrder } from './match';
import { OrderBook } from './order-book';
import { DAY_MS } from './pricing';
import type { BuyOrder, DepthLevel, Listing, MatchResult } from './types';

type Op =
  | { readonly kind: 'order'; readonly body: Omit<BuyOrder, 'id'> }
  | { readonly kind: 'listing'; readonly body: Omit<Listing, 'id'> }
  | { readonly kind: 'cancel'; readonly pick: number }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'expire' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: orderBody.map((body) => ({ kind: 'order' as const, body })) },
  { weight: 4, arbitrary: listingBody.map((body) => ({ kind: 'listing' as const, body })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'cancel' as const, pick })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 4 * DAY_MS }).map((ms) => ({ kind: 'advance' as const, ms })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'expire' as const }) },
);
const stream = fc.array(op, { minLength: 1, maxLength: 60 });

/** What the book should hold, kept from the fills alone: open quantity per resting id. */
class Model {
  readonly listings = new Map<string, bigint>();
  readonly orders = new Map<string, bigint>();
  readonly added = new Map<string, Listing>();

  /** Resting listings that still have a price tier; the others are parked until expireAt. */
  pricedListings(nowMs: number): Map<string, bigint> {
    return new Map(
      [...this.listings].filter(([id]) => priceAt(this.added.get(id) as Listing, nowMs) !== null),
    );
  }

  apply(
    result: MatchResult,
    incomingId: string,
    incoming: Map<string, bigint>,
    resting: Map<string, bigint>,
  ): void {
    for (const fill of result.fills) {
      const restingId = incoming === this.orders ? fill.listingId : fill.orderId;
      const left = (resting.get(restingId) ?? 0n) - fill.quantityMinor;
      if (left === 0n) resting.delete(restingId);
      else resting.set(restingId, left);
    }
    if (result.rests) incoming.set(incomingId, result.remainingMinor);
  }
}

function grouped(entries: readonly { level: number; quantityMinor: bigint }[]): DepthLevel[] {
  const levels: DepthLevel[] = [];
  for (const { level, quantityMinor } of entries) {
    const last = levels[levels.length - 1];
    if (last?.priceBps === level)
      levels[levels.length - 1] = {
        ...last,
        quantityMinor: last.quantityMinor + quantityMinor,
        count: last.count + 1,
      };
    else levels.push({ priceBps: level, quantityMinor, count: 1 });
  }
  return levels;
}

function expectBookMatchesModel(
  book: OrderBook,
  model: Model,
  arrival: Map<string, number>,
  nowMs: number,
): void {
  const listings = book.restingListings();
  const orders = book.restingOrders();
  expect(new Map(listings.map((l) => [l.id, l.quantityMinor]))).toEqual(model.pricedListings(nowMs));
  expect(new Map(orders.map((o) => [o.id, o.quantityMinor]))).toEqual(model.orders);
  // Priority order, checked against arrival numbers the book never saw.
  const askKeys = listings.map((l) => [priceAt(l, nowMs) ?? 0, arrival.get(l.id) ?? 0]);
  expect(askKeys).toEqual([...askKeys].sort((x, y) => x[0] - y[0] || x[1] - y[1]));
  const bidKeys = orders.map((o) => [o.maxPriceBps, arrival.get(o.id) ?? 0]);
  expect(bidKeys).toEqual([...bidKeys].sort((x, y) => y[0] - x[0] || x[1] - y[1]));
  // Depth is the sum of what rests, level by level.
  const asks = grouped(
    listings.map((l) => ({ level: priceAt(l, nowMs) ?? 0, quantityMinor: l.quantityMinor })),
  );
  const bids = grouped(orders.map((o) => ({ level: o.maxPriceBps, quantityMinor: o.quantityMinor })));
  expect(book.depth('ask')).toEqual(asks);
  expect(book.depth('bid')).toEqual(bids);
  expect(book.bestAsk()).toBe(asks[0]?.priceBps ?? null);
  expect(book.bestBid()).toBe(bids[0]?.priceBps ?? null);
}

describe('OrderBook against the pure matcher', () => {
  it('gives exactly the fills of the pure functions fed with its own candidates, and holds what they leave', () => {
    fc.assert(
      fc.property(stream, (ops) => {
        const book = new OrderBook();
        const model = new Model();
        const arrival = new Map<string, number>();
        const ids: string[] = [];
        let nowMs = NOW;
        ops.forEach((step, n) => {
          const ctx = { nowMs, isEligible: compliance };
          book.advanceTo(nowMs);
          if (step.kind === 'order') {
            const order = { ...step.body, id: `O${n}` };
            const expected = matchIncomingOrder(order, book.restingListings(), ctx);
            const actual = book.addOrder(order, ctx);
            expect(actual).toEqual(expected);
            model.apply(actual, order.id, model.orders, model.listings);
            arrival.set(order.id, n);
            ids.push(order.id);
          } else if (step.kind === 'listing') {
            const listing = { ...step.body, id: `L${n}` };
            const expected = matchIncomingListing(listing, book.restingOrders(), ctx);
            const actual = book.addListing(listing, ctx);
            expect(actual).toEqual(expected);
            model.apply(actual, listing.id, model.listings, model.orders);
            model.added.set(listing.id, listing);
            arrival.set(listing.id, n);
            ids.push(listing.id);
          } else if (step.kind === 'cancel' && ids.length > 0) {
            const id = ids[step.pick % ids.length];
            const resting = id.startsWith('O') ? model.orders : model.listings;
            const cancelled = id.startsWith('O') ? book.cancelOrder(id) : book.cancelListing(id);
            expect(cancelled).toBe(resting.delete(id));
          } else if (step.kind === 'advance') {
            nowMs += step.ms;
          } else if (step.kind === 'expire') {
            const orders = book.restingOrders();
            const expired = book.expireAt(nowMs);
            const deadListings = [...model.listings.keys()].filter((id) => {
              const listing = model.added.get(id) as Listing;
              return nowMs >= listing.tradableUntilMs || priceAt(listing, nowMs) === null;
            });
            const deadOrders = orders.filter((o) => o.goodTillMs !== undefined && nowMs >= o.goodTillMs);
            expect([...expired.listingIds].sort()).toEqual(deadListings.sort());
            expect([...expired.orderIds].sort()).toEqual(deadOrders.map((o) => o.id).sort());
            expired.listingIds.forEach((id) => model.listings.delete(id));
            expired.orderIds.forEach((id) => model.orders.delete(id));
          }
          book.advanceTo(nowMs);
          expectBookMatchesModel(book, model, arrival, nowMs);
        });
      }),
      { numRuns: 200 },
    );
  });
});
