import { NOW, context, listing, order } from './fixtures.factory';
import { matchIncomingOrder } from './match';
import { DAY_MS } from './pricing';
import type { Fill, Listing } from './types';

function fill(listingId: string, quantityMinor: bigint, priceBps: number, restingRemainingMinor = 0n): Fill {
  return { listingId, orderId: 'O1', quantityMinor, priceBps, restingRemainingMinor };
}

describe('matchIncomingOrder', () => {
  it('fills the cheapest listing first, then the next, at each listing price', () => {
    const candidates = [listing({ id: 'L1', price: 6500 }), listing({ id: 'L2', price: 6800 })];
    const result = matchIncomingOrder(order({ quantityMinor: 1500n }), candidates, context());
    expect(result).toEqual({
      fills: [fill('L1', 1000n, 6500), fill('L2', 500n, 6800, 500n)],
      remainingMinor: 0n,
      rests: false,
    });
  });

  it('takes candidates at one price in the order given (time priority)', () => {
    const candidates = [listing({ id: 'L-early' }), listing({ id: 'L-late' })];
    const result = matchIncomingOrder(order({ quantityMinor: 600n }), candidates, context());
    expect(result.fills).toEqual([fill('L-early', 600n, 7000, 400n)]);
  });

  it('executes at the resting listing price, not the buyer limit', () => {
    const result = matchIncomingOrder(order({ maxPriceBps: 9900 }), [listing({ price: 6100 })], context());
    expect(result.fills[0].priceBps).toBe(6100);
  });

  it('skips listings priced above the limit', () => {
    const candidates = [listing({ id: 'L1', price: 8001 }), listing({ id: 'L2', price: 8000 })];
    expect(matchIncomingOrder(order(), candidates, context()).fills).toEqual([fill('L2', 1000n, 8000)]);
  });

  it('skips a listing of the buyer organisation and fills the next one', () => {
    const own = listing({ id: 'L-own', sellerOrgId: 'buyer' });
    const result = matchIncomingOrder(order(), [own, listing({ id: 'L2' })], context());
    expect(result.fills).toEqual([fill('L2', 1000n, 7000)]);
  });

  it('does not mutate the order or the candidates', () => {
    const incoming = Object.freeze(order({ quantityMinor: 1500n }));
    const candidates = Object.freeze([
      Object.freeze(listing({ id: 'L1' })),
      Object.freeze(listing({ id: 'L2' })),
    ]);
    const before = structuredClone([incoming, candidates]);
    matchIncomingOrder(incoming, candidates, context());
    expect([incoming, candidates]).toEqual(before);
  });

  describe('minimum fills', () => {
    it('skips a listing whose minimum the fill would not reach', () => {
      const candidates = [listing({ id: 'L1', minFillMinor: 600n }), listing({ id: 'L2', price: 7100 })];
      const result = matchIncomingOrder(order({ quantityMinor: 500n }), candidates, context());
      expect(result.fills).toEqual([fill('L2', 500n, 7100, 500n)]);
    });

    it('lets a fill below the listing minimum take the whole rest of the listing', () => {
      const small = listing({ quantityMinor: 400n, minFillMinor: 600n });
      expect(matchIncomingOrder(order(), [small], context()).fills).toEqual([fill('L1', 400n, 7000)]);
    });

    it('skips a listing smaller than the order minimum', () => {
      const candidates = [listing({ id: 'L1', quantityMinor: 300n }), listing({ id: 'L2', price: 7100 })];
      const result = matchIncomingOrder(order({ minFillMinor: 500n }), candidates, context());
      expect(result.fills).toEqual([fill('L2', 1000n, 7100)]);
    });

    it('lets the order take a small listing for the whole of its own remainder', () => {
      const candidates = [
        listing({ id: 'L1', quantityMinor: 700n }),
        listing({ id: 'L2', quantityMinor: 300n }),
      ];
      const result = matchIncomingOrder(order({ minFillMinor: 500n }), candidates, context());
      expect(result.fills).toEqual([fill('L1', 700n, 7000), fill('L2', 300n, 7000)]);
    });
  });

  describe('time in force', () => {
    const twoListings = (): Listing[] => [listing({ id: 'L1' }), listing({ id: 'L2', quantityMinor: 200n })];

    it('GTC rests the remainder', () => {
      const result = matchIncomingOrder(order({ quantityMinor: 1500n }), twoListings(), context());
      expect(result).toMatchObject({ remainingMinor: 300n, rests: true });
      expect(result.fills).toHaveLength(2);
    });

    it('GTC does not rest once filled', () => {
      expect(matchIncomingOrder(order(), twoListings(), context()).rests).toBe(false);
    });

    it('IOC fills what it can and never rests', () => {
      const result = matchIncomingOrder(
        order({ quantityMinor: 1500n, timeInForce: 'IOC' }),
        twoListings(),
        context(),
      );
      expect(result).toMatchObject({ remainingMinor: 300n, rests: false });
      expect(result.fills.map((f) => f.quantityMinor)).toEqual([1000n, 200n]);
    });

    it('FOK fills nothing when it cannot fill everything', () => {
      const result = matchIncomingOrder(
        order({ quantityMinor: 1201n, timeInForce: 'FOK' }),
        twoListings(),
        context(),
      );
      expect(result).toEqual({ fills: [], remainingMinor: 1201n, rests: false });
    });

    it('FOK fills completely when it can', () => {
      const result = matchIncomingOrder(
        order({ quantityMinor: 1200n, timeInForce: 'FOK' }),
        twoListings(),
        context(),
      );
      expect(result).toEqual({
        fills: [fill('L1', 1000n, 7000), fill('L2', 200n, 7000)],
        remainingMinor: 0n,
        rests: false,
      });
    });

    it('GTC past its goodTill neither matches nor rests', () => {
      const result = matchIncomingOrder(order({ goodTillMs: NOW }), twoListings(), context());
      expect(result).toEqual({ fills: [], remainingMinor: 1000n, rests: false });
    });
  });

  describe('eligibility', () => {
    it('matches until the millisecond before tradableUntil', () => {
      const candidate = listing({ tradableUntilMs: NOW + 1 });
      expect(matchIncomingOrder(order(), [candidate], context()).fills).toHaveLength(1);
      expect(matchIncomingOrder(order(), [candidate], context({ nowMs: NOW + 1 })).fills).toEqual([]);
    });

    it('requires at least minDaysToExpiry whole days left', () => {
      const thirty = listing({ expiresAtMs: NOW + 30 * DAY_MS });
      const almost = listing({ expiresAtMs: NOW + 30 * DAY_MS - 1 });
      expect(matchIncomingOrder(order({ minDaysToExpiry: 30 }), [thirty], context()).fills).toHaveLength(1);
      expect(matchIncomingOrder(order({ minDaysToExpiry: 30 }), [almost], context()).fills).toEqual([]);
    });

    it.each([
      [['api_key'], ['console_transfer'], false],
      [['api_key'], ['console_transfer', 'api_key'], true],
      [[], ['console_transfer'], true],
      [undefined, ['console_transfer'], true],
      [undefined, [], false],
    ])('order methods %p and listing methods %p match: %p', (accepted, offered, matches) => {
      const result = matchIncomingOrder(
        order({ transferMethods: accepted }),
        [listing({ transferMethods: offered })],
        context(),
      );
      expect(result.fills).toHaveLength(matches ? 1 : 0);
    });

    it('prices a schedule by the days left and fills at that price', () => {
      const price = [
        { minDaysToExpiry: 0, priceBps: 5000 },
        { minDaysToExpiry: 30, priceBps: 6000 },
        { minDaysToExpiry: 90, priceBps: 7000 },
      ];
      const scheduled = listing({
        price,
        expiresAtMs: NOW + 89 * DAY_MS,
        tradableUntilMs: NOW + 80 * DAY_MS,
      });
      expect(matchIncomingOrder(order({ maxPriceBps: 6500 }), [scheduled], context()).fills).toEqual([
        fill('L1', 1000n, 6000),
      ]);
      const later = context({ nowMs: NOW + 60 * DAY_MS });
      expect(matchIncomingOrder(order(), [scheduled], later).fills).toEqual([fill('L1', 1000n, 5000)]);
      const far = listing({ price, expiresAtMs: NOW + 90 * DAY_MS });
      expect(matchIncomingOrder(order({ maxPriceBps: 6999 }), [far], context()).fills).toEqual([]);
    });

    it('asks the compliance predicate only about candidates that would fill, and obeys it', () => {
      const asked: string[] = [];
      const isEligible = (_o: unknown, l: Listing): boolean => {
        asked.push(l.id);
        return l.id !== 'L2';
      };
      const candidates = [
        listing({ id: 'L1', sellerOrgId: 'buyer' }),
        listing({ id: 'L2' }),
        listing({ id: 'L3', quantityMinor: 400n }),
        listing({ id: 'L4' }),
      ];
      const result = matchIncomingOrder(order(), candidates, context({ isEligible }));
      expect(asked).toEqual(['L2', 'L3', 'L4']);
      expect(result.fills).toEqual([fill('L3', 400n, 7000), fill('L4', 600n, 7000, 400n)]);
    });
  });

  it.each([
    ['a zero quantity', { quantityMinor: 0n }],
    ['a negative minimum fill', { minFillMinor: -1n }],
    ['a zero price', { maxPriceBps: 0 }],
    ['a price above 100%', { maxPriceBps: 10_001 }],
    ['a fractional price', { maxPriceBps: 7000.5 }],
  ])('refuses an order with %s', (_label, overrides) => {
    expect(() => matchIncomingOrder(order(overrides), [], context())).toThrow(RangeError);
  });
});
