import { lotValue, marketPriceFor } from './market-value';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23);

describe('marketPriceFor', () => {
  it('takes the best bid when a buyer is waiting', () => {
    const book = {
      bids: [
        { priceBps: 6800, quantityMinor: 1 },
        { priceBps: 7100, quantityMinor: 1 },
      ],
    };
    expect(marketPriceFor(90, book, [{ priceBps: 9000, daysToExpiry: 90 }])).toEqual({
      priceBps: 7100,
      basis: 'best_bid',
      tradeCount: 0,
    });
  });

  it('else the lower median of trades within 30 days to expiry of the lot', () => {
    const trades = [
      { priceBps: 7000, daysToExpiry: 80 },
      { priceBps: 7400, daysToExpiry: 110 },
      { priceBps: 5000, daysToExpiry: 10 },
      { priceBps: 7200, daysToExpiry: 95 },
      { priceBps: 7300, daysToExpiry: 100 },
    ];
    expect(marketPriceFor(90, { bids: [] }, trades)).toEqual({
      priceBps: 7200,
      basis: 'similar_trades',
      tradeCount: 4,
    });
  });

  it('else any recent trade, else nothing', () => {
    expect(marketPriceFor(300, { bids: [] }, [{ priceBps: 6000, daysToExpiry: 20 }])).toMatchObject({
      priceBps: 6000,
      basis: 'any_trades',
    });
    expect(marketPriceFor(300, undefined, [])).toEqual({ priceBps: null, basis: 'none', tradeCount: 0 });
  });
});

describe('lotValue', () => {
  const price = { priceBps: 7200, basis: 'best_bid' as const, tradeCount: 0 };

  it('values the unsold credit at the market price after the fee, exactly', () => {
    const lot = {
      availableMinor: 400_000,
      listedMinor: 100_000,
      tradableUntil: new Date(NOW + 10 * DAY).toISOString(),
    };
    // $5,000.00 at 72% = $3,600.00 gross, 5% fee $180.00 -> $3,420.00.
    expect(lotValue(lot, price, 500, NOW)).toEqual({
      unsoldMinor: 500_000n,
      recoverableMinor: 342_000n,
      price,
      lapsed: false,
    });
  });

  it('is worth nothing once the lot can no longer be traded', () => {
    const lot = { availableMinor: 400_000, listedMinor: 0, tradableUntil: new Date(NOW - 1).toISOString() };
    expect(lotValue(lot, price, 500, NOW)).toMatchObject({ recoverableMinor: 0n, lapsed: true });
  });

  it('has no value to show without a market price', () => {
    const lot = { availableMinor: 1, listedMinor: 0, tradableUntil: new Date(NOW + DAY).toISOString() };
    expect(
      lotValue(lot, { priceBps: null, basis: 'none', tradeCount: 0 }, 500, NOW).recoverableMinor,
    ).toBeNull();
  });
});
