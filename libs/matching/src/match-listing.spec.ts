import { NOW, context, listing, order } from './fixtures.factory';
import { matchIncomingListing } from './match';
import { DAY_MS } from './pricing';
import type { BuyOrder, Fill } from './types';

function fill(orderId: string, quantityMinor: bigint, priceBps: number, restingRemainingMinor = 0n): Fill {
  return { listingId: 'L1', orderId, quantityMinor, priceBps, restingRemainingMinor };
}

describe('matchIncomingListing', () => {
  it('fills the highest bid first, each at that bid price', () => {
    const candidates = [order({ id: 'O1', maxPriceBps: 9000 }), order({ id: 'O2', maxPriceBps: 8000 })];
    const result = matchIncomingListing(
      listing({ quantityMinor: 1500n, price: 6000 }),
      candidates,
      context(),
    );
    expect(result).toEqual({
      fills: [fill('O1', 1000n, 9000), fill('O2', 500n, 8000, 500n)],
      remainingMinor: 0n,
      rests: false,
    });
  });

  it('rests the unfilled remainder of a GTC listing', () => {
    const result = matchIncomingListing(listing({ quantityMinor: 1500n }), [order()], context());
    expect(result).toMatchObject({ remainingMinor: 500n, rests: true });
  });

  it('does not rest an IOC listing, and FOK is all or nothing', () => {
    const ioc = matchIncomingListing(
      listing({ quantityMinor: 1500n, timeInForce: 'IOC' }),
      [order()],
      context(),
    );
    expect(ioc).toMatchObject({ remainingMinor: 500n, rests: false });
    const fok = matchIncomingListing(
      listing({ quantityMinor: 1500n, timeInForce: 'FOK' }),
      [order()],
      context(),
    );
    expect(fok).toEqual({ fills: [], remainingMinor: 1500n, rests: false });
  });

  it('skips bids below the listing price, the seller own bids and expired bids', () => {
    const candidates: BuyOrder[] = [
      order({ id: 'O-own', buyerOrgId: 'seller' }),
      order({ id: 'O-expired', goodTillMs: NOW }),
      order({ id: 'O-low', maxPriceBps: 6999 }),
      order({ id: 'O-ok', maxPriceBps: 7000 }),
    ];
    expect(matchIncomingListing(listing(), candidates, context()).fills).toEqual([fill('O-ok', 1000n, 7000)]);
  });

  it('skips bids that want more days to expiry or another transfer method', () => {
    const candidates: BuyOrder[] = [
      order({ id: 'O-days', minDaysToExpiry: 101 }),
      order({ id: 'O-method', transferMethods: ['api_key'] }),
      order({ id: 'O-ok', minDaysToExpiry: 100, transferMethods: ['api_key', 'console_transfer'] }),
    ];
    expect(matchIncomingListing(listing(), candidates, context()).fills).toEqual([fill('O-ok', 1000n, 8000)]);
  });

  it('respects the bid minimum, unless the fill takes the whole rest of the bid', () => {
    const candidates = [
      order({ id: 'O-min', minFillMinor: 600n }),
      order({ id: 'O-small', quantityMinor: 200n, minFillMinor: 600n }),
    ];
    const result = matchIncomingListing(listing({ quantityMinor: 500n }), candidates, context());
    expect(result.fills).toEqual([fill('O-small', 200n, 8000)]);
    expect(result).toMatchObject({ remainingMinor: 300n, rests: true });
  });

  it('respects the listing minimum, unless the fill takes the whole rest of the listing', () => {
    const candidates = [
      order({ id: 'O-small', quantityMinor: 200n }),
      order({ id: 'O-big', quantityMinor: 5000n }),
    ];
    const result = matchIncomingListing(listing({ minFillMinor: 300n }), candidates, context());
    expect(result.fills).toEqual([fill('O-big', 1000n, 8000, 4000n)]);
  });

  it('prices its schedule by the days left against each bid limit', () => {
    const price = [
      { minDaysToExpiry: 0, priceBps: 6000 },
      { minDaysToExpiry: 60, priceBps: 7500 },
    ];
    const scheduled = listing({ price, expiresAtMs: NOW + 59 * DAY_MS, tradableUntilMs: NOW + 50 * DAY_MS });
    const result = matchIncomingListing(scheduled, [order({ maxPriceBps: 6000 })], context());
    expect(result.fills).toEqual([fill('O1', 1000n, 6000)]);
    const early = listing({ price, expiresAtMs: NOW + 60 * DAY_MS });
    expect(matchIncomingListing(early, [order({ maxPriceBps: 7499 })], context()).fills).toEqual([]);
  });

  it('neither matches nor rests once past tradableUntil or without a price tier', () => {
    const late = listing({ tradableUntilMs: NOW });
    expect(matchIncomingListing(late, [order()], context())).toEqual({
      fills: [],
      remainingMinor: 1000n,
      rests: false,
    });
    const unpriced = listing({ price: [{ minDaysToExpiry: 200, priceBps: 7000 }] });
    expect(matchIncomingListing(unpriced, [order()], context()).rests).toBe(false);
  });

  it('does not mutate the listing or the candidates', () => {
    const incoming = Object.freeze(listing({ quantityMinor: 1500n }));
    const candidates = Object.freeze([
      Object.freeze(order({ id: 'O1' })),
      Object.freeze(order({ id: 'O2' })),
    ]);
    const before = structuredClone([incoming, candidates]);
    matchIncomingListing(incoming, candidates, context());
    expect([incoming, candidates]).toEqual(before);
  });

  it('refuses a malformed listing', () => {
    expect(() => matchIncomingListing(listing({ price: 0 }), [], context())).toThrow(RangeError);
    expect(() => matchIncomingListing(listing({ price: [] }), [], context())).toThrow(RangeError);
    expect(() => matchIncomingListing(listing({ quantityMinor: -1n }), [], context())).toThrow(RangeError);
  });
});
