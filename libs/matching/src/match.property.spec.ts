import fc from 'fast-check';
import {
  byAskPriority,
  byBidPriority,
  compliance,
  eligiblePair,
  listingBody,
  orderBody,
  priceAt,
  sideAccepts,
} from './arbitraries.factory';
import { NOW } from './fixtures.factory';
import { matchIncomingListing, matchIncomingOrder } from './match';
import { DAY_MS } from './pricing';
import type { BuyOrder, Fill, Listing, MatchResult, TimeInForce } from './types';

interface Side {
  readonly id: string;
  readonly quantityMinor: bigint;
  readonly minFillMinor: bigint;
}

interface Case {
  readonly incoming: Side & { readonly timeInForce: TimeInForce };
  readonly candidates: readonly Side[];
  readonly result: MatchResult;
  readonly restingIdOf: (fill: Fill) => string;
  /** Every rule but minimum fills, by the independent reference. */
  readonly eligible: (candidateIndex: number) => boolean;
  readonly live: boolean;
}

const nowMs = fc.integer({ min: NOW, max: NOW + 20 * DAY_MS });

const orderCase = fc
  .record({ order: orderBody, listings: fc.array(listingBody, { minLength: 1, maxLength: 8 }), nowMs })
  .map(({ order, listings, nowMs }) => {
    const withIds = listings.map((l, i) => ({ ...l, id: `L${i}` }));
    return { order: { ...order, id: 'O' }, candidates: byAskPriority(withIds, nowMs), nowMs };
  });

const listingCase = fc
  .record({ listing: listingBody, orders: fc.array(orderBody, { minLength: 1, maxLength: 8 }), nowMs })
  .map(({ listing, orders, nowMs }) => {
    const withIds = orders.map((o, i) => ({ ...o, id: `O${i}` }));
    return { listing: { ...listing, id: 'L' }, candidates: byBidPriority(withIds), nowMs };
  });

function runOrder(order: BuyOrder, candidates: readonly Listing[], now: number): Case {
  const result = matchIncomingOrder(order, candidates, { nowMs: now, isEligible: compliance });
  return {
    incoming: order,
    candidates,
    result,
    restingIdOf: (f) => f.listingId,
    eligible: (i) => eligiblePair(order, candidates[i], now),
    live: order.goodTillMs === undefined || now < order.goodTillMs,
  };
}

function runListing(listing: Listing, candidates: readonly BuyOrder[], now: number): Case {
  const result = matchIncomingListing(listing, candidates, { nowMs: now, isEligible: compliance });
  return {
    incoming: { ...listing, timeInForce: listing.timeInForce ?? 'GTC' },
    candidates,
    result,
    restingIdOf: (f) => f.orderId,
    eligible: (i) => eligiblePair(candidates[i], listing, now),
    live:
      priceAt(listing, now) !== null && now < listing.tradableUntilMs && listing.transferMethods.length > 0,
  };
}

const sum = (fills: readonly Fill[]): bigint => fills.reduce((total, f) => total + f.quantityMinor, 0n);

function expectConservation({ incoming, candidates, result, restingIdOf }: Case): void {
  expect(sum(result.fills) + result.remainingMinor).toBe(incoming.quantityMinor);
  const ids = result.fills.map(restingIdOf);
  expect(new Set(ids).size).toBe(ids.length);
  for (const fill of result.fills) {
    const resting = candidates.find((c) => c.id === restingIdOf(fill));
    expect(fill.quantityMinor + fill.restingRemainingMinor).toBe(resting?.quantityMinor);
    expect(fill.restingRemainingMinor >= 0n).toBe(true);
  }
}

function expectMinimumFills({ incoming, candidates, result, restingIdOf }: Case): void {
  let left = incoming.quantityMinor;
  for (const fill of result.fills) {
    const resting = candidates.find((c) => c.id === restingIdOf(fill)) as Side;
    expect(sideAccepts(fill.quantityMinor, left, incoming.minFillMinor)).toBe(true);
    expect(sideAccepts(fill.quantityMinor, resting.quantityMinor, resting.minFillMinor)).toBe(true);
    left -= fill.quantityMinor;
  }
}

// Each eligible candidate is filled, or blocked by a minimum at the incoming remainder it met, or came
// after the incoming side was full; fills come in candidate order.
function expectPriority(c: Case): void {
  const { incoming, candidates, result, restingIdOf } = c;
  if (incoming.timeInForce === 'FOK' && result.fills.length === 0) return;
  const filled = new Map(result.fills.map((f) => [restingIdOf(f), f.quantityMinor]));
  const order = result.fills.map((f) => candidates.findIndex((x) => x.id === restingIdOf(f)));
  expect(order).toEqual([...order].sort((x, y) => x - y));
  let left = c.live ? incoming.quantityMinor : 0n;
  candidates.forEach((candidate, i) => {
    const q = filled.get(candidate.id);
    if (q !== undefined) {
      left -= q;
      return;
    }
    if (left === 0n || !c.eligible(i)) return;
    const would = left < candidate.quantityMinor ? left : candidate.quantityMinor;
    const blocked =
      !sideAccepts(would, left, incoming.minFillMinor) ||
      !sideAccepts(would, candidate.quantityMinor, candidate.minFillMinor);
    expect({ candidate: candidate.id, blocked }).toEqual({ candidate: candidate.id, blocked: true });
  });
  // Nothing ineligible was filled.
  candidates.forEach((candidate, i) => {
    if (filled.has(candidate.id)) expect(c.eligible(i)).toBe(true);
  });
}

function expectTimeInForce({ incoming, result, live }: Case): void {
  if (incoming.timeInForce === 'FOK') {
    expect(result.remainingMinor === 0n || result.fills.length === 0).toBe(true);
  }
  if (result.fills.length === 0) expect(result.remainingMinor).toBe(incoming.quantityMinor);
  expect(result.rests).toBe(incoming.timeInForce === 'GTC' && result.remainingMinor > 0n && live);
}

describe('matchIncomingOrder properties', () => {
  const expectForAllOrders = (expectation: (c: Case) => void): void =>
    fc.assert(
      fc.property(orderCase, ({ order, candidates, nowMs }) =>
        expectation(runOrder(order, candidates, nowMs)),
      ),
      { numRuns: 300 },
    );

  it('conserves quantity on both sides', () => expectForAllOrders(expectConservation));
  it('respects both minimum fills, with the whole-remainder exception', () =>
    expectForAllOrders(expectMinimumFills));
  it('respects priority: no eligible candidate is passed over unless a minimum blocks it', () =>
    expectForAllOrders(expectPriority));
  it('applies GTC, IOC and FOK', () => expectForAllOrders(expectTimeInForce));

  it('prices every fill at the resting listing and within the limit', () => {
    fc.assert(
      fc.property(orderCase, ({ order, candidates, nowMs }) => {
        const { fills } = matchIncomingOrder(order, candidates, { nowMs, isEligible: compliance });
        for (const fill of fills) {
          const listing = candidates.find((l) => l.id === fill.listingId) as Listing;
          expect(fill.priceBps).toBe(priceAt(listing, nowMs));
          expect(fill.priceBps).toBeLessThanOrEqual(order.maxPriceBps);
        }
      }),
    );
  });

  it('kills an FOK exactly when the same order as IOC would leave something', () => {
    fc.assert(
      fc.property(orderCase, ({ order, candidates, nowMs }) => {
        const ctx = { nowMs, isEligible: compliance };
        const fok = matchIncomingOrder({ ...order, timeInForce: 'FOK' }, candidates, ctx);
        const ioc = matchIncomingOrder({ ...order, timeInForce: 'IOC' }, candidates, ctx);
        expect(fok.fills).toEqual(ioc.remainingMinor === 0n ? ioc.fills : []);
      }),
    );
  });

  it('mutates neither the order nor the candidates', () => {
    fc.assert(
      fc.property(orderCase, ({ order, candidates, nowMs }) => {
        const before = structuredClone({ order, candidates });
        matchIncomingOrder(order, candidates, { nowMs, isEligible: compliance });
        expect({ order, candidates }).toEqual(before);
      }),
    );
  });
});

describe('matchIncomingListing properties', () => {
  const expectForAllListings = (expectation: (c: Case) => void): void =>
    fc.assert(
      fc.property(listingCase, ({ listing, candidates, nowMs }) =>
        expectation(runListing(listing, candidates, nowMs)),
      ),
      { numRuns: 300 },
    );

  it('conserves quantity on both sides', () => expectForAllListings(expectConservation));
  it('respects both minimum fills, with the whole-remainder exception', () =>
    expectForAllListings(expectMinimumFills));
  it('respects priority: no eligible candidate is passed over unless a minimum blocks it', () =>
    expectForAllListings(expectPriority));
  it('applies GTC, IOC and FOK', () => expectForAllListings(expectTimeInForce));

  it('fills at the bid price, never below the listing effective price', () => {
    fc.assert(
      fc.property(listingCase, ({ listing, candidates, nowMs }) => {
        const { fills } = matchIncomingListing(listing, candidates, { nowMs, isEligible: compliance });
        for (const fill of fills) {
          const bid = candidates.find((o) => o.id === fill.orderId) as BuyOrder;
          expect(fill.priceBps).toBe(bid.maxPriceBps);
          expect(fill.priceBps).toBeGreaterThanOrEqual(priceAt(listing, nowMs) ?? Infinity);
        }
      }),
    );
  });
});
