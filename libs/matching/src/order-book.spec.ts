import { NOW, context, listing, order } from './fixtures.factory';
import { OrderBook } from './order-book';
import { DAY_MS } from './pricing';

describe('OrderBook', () => {
  it('rests a GTC order and a GTC listing that do not cross', () => {
    const book = new OrderBook();
    expect(book.addOrder(order({ maxPriceBps: 6000 }), context())).toEqual({
      fills: [],
      remainingMinor: 1000n,
      rests: true,
    });
    book.addListing(listing({ price: 6500 }), context());
    expect([book.bestBid(), book.bestAsk()]).toEqual([6000, 6500]);
  });

  it('matches a crossing order at the resting price and removes what is filled', () => {
    const book = new OrderBook();
    book.addListing(listing({ id: 'L1', price: 6500 }), context());
    book.addListing(listing({ id: 'L2', price: 6800 }), context());
    const result = book.addOrder(order({ quantityMinor: 1500n }), context());
    expect(result.fills).toEqual([
      { listingId: 'L1', orderId: 'O1', quantityMinor: 1000n, priceBps: 6500, restingRemainingMinor: 0n },
      { listingId: 'L2', orderId: 'O1', quantityMinor: 500n, priceBps: 6800, restingRemainingMinor: 500n },
    ]);
    expect(book.listing('L1')).toBeUndefined();
    expect(book.listing('L2')?.quantityMinor).toBe(500n);
    expect(book.depth('ask')).toEqual([{ priceBps: 6800, quantityMinor: 500n, count: 1 }]);
    expect(book.depth('bid')).toEqual([]);
  });

  it('matches an incoming listing against the best bid first, at the bid price', () => {
    const book = new OrderBook();
    book.addOrder(order({ id: 'O1', maxPriceBps: 7500 }), context());
    book.addOrder(order({ id: 'O2', maxPriceBps: 7900 }), context());
    const result = book.addListing(listing({ price: 7000, quantityMinor: 1200n }), context());
    expect(result.fills.map((f) => [f.orderId, f.quantityMinor, f.priceBps])).toEqual([
      ['O2', 1000n, 7900],
      ['O1', 200n, 7500],
    ]);
    expect(book.depth('bid')).toEqual([{ priceBps: 7500, quantityMinor: 800n, count: 1 }]);
  });

  it('skips an ineligible head without losing its time priority', () => {
    const book = new OrderBook();
    book.addListing(listing({ id: 'L-first', sellerOrgId: 'acme' }), context());
    book.addListing(listing({ id: 'L-second' }), context());
    const own = book.addOrder(order({ id: 'O-acme', buyerOrgId: 'acme', quantityMinor: 300n }), context());
    expect(own.fills.map((f) => f.listingId)).toEqual(['L-second']);
    const other = book.addOrder(order({ id: 'O-other', quantityMinor: 300n }), context());
    expect(other.fills.map((f) => f.listingId)).toEqual(['L-first']);
    expect(book.restingListings().map((l) => [l.id, l.quantityMinor])).toEqual([
      ['L-first', 700n],
      ['L-second', 700n],
    ]);
  });

  it('leaves the book untouched when an FOK cannot fill completely', () => {
    const book = new OrderBook();
    book.addListing(listing({ id: 'L1', quantityMinor: 400n }), context());
    book.addListing(listing({ id: 'L2', quantityMinor: 400n }), context());
    const result = book.addOrder(order({ quantityMinor: 801n, timeInForce: 'FOK' }), context());
    expect(result).toEqual({ fills: [], remainingMinor: 801n, rests: false });
    expect(book.depth('ask')).toEqual([{ priceBps: 7000, quantityMinor: 800n, count: 2 }]);
    expect(book.depth('bid')).toEqual([]);
  });

  it('never rests an IOC remainder', () => {
    const book = new OrderBook();
    book.addListing(listing({ quantityMinor: 400n }), context());
    const result = book.addOrder(order({ timeInForce: 'IOC' }), context());
    expect(result).toMatchObject({ remainingMinor: 600n, rests: false });
    expect([book.bestBid(), book.bestAsk()]).toEqual([null, null]);
  });

  it('does not match a listing past tradableUntil even before it is expired', () => {
    const book = new OrderBook();
    book.addListing(listing({ tradableUntilMs: NOW + DAY_MS }), context());
    const result = book.addOrder(order(), context({ nowMs: NOW + DAY_MS }));
    expect(result).toMatchObject({ fills: [], rests: true });
    expect(book.bestAsk()).toBe(7000);
  });

  it('cancels from the middle of a level and keeps the others in order', () => {
    const book = new OrderBook();
    for (const id of ['L1', 'L2', 'L3']) book.addListing(listing({ id }), context());
    expect(book.cancelListing('L2')).toBe(true);
    expect(book.cancelListing('L2')).toBe(false);
    expect(book.restingListings().map((l) => l.id)).toEqual(['L1', 'L3']);
    book.addOrder(order({ id: 'O1', maxPriceBps: 5000 }), context());
    expect(book.cancelOrder('O1')).toBe(true);
    expect(book.cancelOrder('nope')).toBe(false);
    expect(book.bestBid()).toBeNull();
  });

  it('finds the next best level across the whole price range', () => {
    const book = new OrderBook();
    for (const price of [1, 31, 32, 33, 9999, 10_000])
      book.addListing(listing({ id: `L${price}`, price }), context());
    const seen: (number | null)[] = [];
    for (const price of [1, 31, 32, 33, 9999, 10_000]) {
      seen.push(book.bestAsk());
      book.cancelListing(`L${price}`);
    }
    expect([...seen, book.bestAsk()]).toEqual([1, 31, 32, 33, 9999, 10_000, null]);
    for (const price of [1, 31, 32, 63, 64, 10_000])
      book.addOrder(order({ id: `O${price}`, maxPriceBps: price }), context());
    expect(book.depth('bid').map((l) => l.priceBps)).toEqual([10_000, 64, 63, 32, 31, 1]);
  });

  it('aggregates depth per level, best first, up to a number of levels', () => {
    const book = new OrderBook();
    book.addOrder(order({ id: 'O1', maxPriceBps: 6000, quantityMinor: 100n }), context());
    book.addOrder(order({ id: 'O2', maxPriceBps: 6000, quantityMinor: 250n }), context());
    book.addOrder(order({ id: 'O3', maxPriceBps: 6200, quantityMinor: 40n }), context());
    book.addOrder(order({ id: 'O4', maxPriceBps: 5000, quantityMinor: 1n }), context());
    expect(book.depth('bid', 2)).toEqual([
      { priceBps: 6200, quantityMinor: 40n, count: 1 },
      { priceBps: 6000, quantityMinor: 350n, count: 2 },
    ]);
  });

  it('expires listings at tradableUntil and orders at goodTill', () => {
    const book = new OrderBook();
    book.addListing(listing({ id: 'L-soon', price: 9000, tradableUntilMs: NOW + DAY_MS }), context());
    book.addListing(listing({ id: 'L-later', price: 9000 }), context());
    book.addOrder(order({ id: 'O-soon', goodTillMs: NOW + DAY_MS }), context());
    book.addOrder(order({ id: 'O-open' }), context());
    expect(book.expireAt(NOW + DAY_MS - 1)).toEqual({ listingIds: [], orderIds: [] });
    expect(book.expireAt(NOW + DAY_MS)).toEqual({ listingIds: ['L-soon'], orderIds: ['O-soon'] });
    expect(book.restingListings().map((l) => l.id)).toEqual(['L-later']);
    expect(book.restingOrders().map((o) => o.id)).toEqual(['O-open']);
  });

  it('re-prices a schedule at its tier boundary and keeps listing-time priority in the new level', () => {
    const book = new OrderBook();
    const price = [
      { minDaysToExpiry: 0, priceBps: 6000 },
      { minDaysToExpiry: 30, priceBps: 6500 },
    ];
    book.addListing(listing({ id: 'L-before', price: 6000 }), context());
    book.addListing(
      listing({
        id: 'L-scheduled',
        price,
        expiresAtMs: NOW + 31 * DAY_MS,
        tradableUntilMs: NOW + 25 * DAY_MS,
      }),
      context(),
    );
    book.addListing(listing({ id: 'L-after', price: 6000 }), context());
    expect(book.depth('ask').map((l) => [l.priceBps, l.count])).toEqual([
      [6000, 2],
      [6500, 1],
    ]);
    const boundary = NOW + DAY_MS + 1;
    book.advanceTo(boundary - 1);
    expect(book.bestAsk()).toBe(6000);
    expect(book.depth('ask')).toHaveLength(2);
    const result = book.addOrder(order({ quantityMinor: 2500n }), context({ nowMs: boundary }));
    expect(result.fills.map((f) => [f.listingId, f.priceBps])).toEqual([
      ['L-before', 6000],
      ['L-scheduled', 6000],
      ['L-after', 6000],
    ]);
  });

  it('parks a schedule with no tier left until expireAt removes it', () => {
    const book = new OrderBook();
    const price = [{ minDaysToExpiry: 10, priceBps: 6000 }];
    book.addListing(
      listing({ price, expiresAtMs: NOW + 20 * DAY_MS, tradableUntilMs: NOW + 15 * DAY_MS }),
      context(),
    );
    book.advanceTo(NOW + 11 * DAY_MS);
    expect(book.bestAsk()).toBeNull();
    expect(book.addOrder(order(), context({ nowMs: NOW + 11 * DAY_MS })).fills).toEqual([]);
    expect(book.expireAt(NOW + 11 * DAY_MS).listingIds).toEqual(['L1']);
  });

  it('refuses an id that is already resting', () => {
    const book = new OrderBook();
    book.addOrder(order({ maxPriceBps: 1000 }), context());
    expect(() => book.addOrder(order({ maxPriceBps: 1000 }), context())).toThrow(RangeError);
    book.addListing(listing(), context());
    expect(() => book.addListing(listing(), context())).toThrow(RangeError);
  });

  it('hands out copies: changing one does not change the book', () => {
    const book = new OrderBook();
    book.addListing(listing(), context());
    const copy = book.listing('L1') as { quantityMinor: bigint };
    copy.quantityMinor = 1n;
    expect(book.listing('L1')?.quantityMinor).toBe(1000n);
  });
});
