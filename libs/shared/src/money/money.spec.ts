import fc from 'fast-check';
import { Money } from './money';
import { applyBps, divRoundHalfUp } from './rounding';
import { computeTradeAmounts } from './trade-amounts';

describe('divRoundHalfUp', () => {
  it.each([
    [5n, 2n, 3n],
    [4n, 2n, 2n],
    [7n, 3n, 2n],
    [8n, 3n, 3n],
    [1n, 3n, 0n],
    [-5n, 2n, -3n],
    [-7n, 3n, -2n],
    [0n, 9n, 0n],
  ])('%p / %p rounds to %p', (n, d, expected) => {
    expect(divRoundHalfUp(n, d)).toBe(expected);
  });

  it('refuses division by zero', () => {
    expect(() => divRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });

  it('never differs from the exact quotient by more than one half', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          const q = divRoundHalfUp(n, d);
          const diffTimesTwo = (q * d - n) * 2n;
          const abs = diffTimesTwo < 0n ? -diffTimesTwo : diffTimesTwo;
          return abs <= d;
        },
      ),
    );
  });
});

describe('applyBps', () => {
  it('rounds $0.005 up to one cent', () => {
    // 1 cent at 50% is half a cent, which rounds up.
    expect(applyBps(1n, 5000)).toBe(1n);
    expect(applyBps(1n, 4999)).toBe(0n);
  });

  it('is exact beyond the float range', () => {
    expect(applyBps(9_007_199_254_740_993n, 10_000)).toBe(9_007_199_254_740_993n);
  });
});

describe('computeTradeAmounts', () => {
  it('prices $10,000.00 of credit at 72% with a 5% fee', () => {
    expect(computeTradeAmounts(1_000_000n, 7200, 500)).toEqual({
      grossMinor: 720_000n,
      feeMinor: 36_000n,
      sellerProceedsMinor: 684_000n,
    });
  });

  it('rounds the gross and the fee half up', () => {
    // 333 * 0.7250 = 241.425 -> 241; fee 241 * 0.05 = 12.05 -> 12
    expect(computeTradeAmounts(333n, 7250, 500)).toEqual({
      grossMinor: 241n,
      feeMinor: 12n,
      sellerProceedsMinor: 229n,
    });
    // 3 * 0.5 = 1.5 -> 2; fee 2 * 0.25 = 0.5 -> 1
    expect(computeTradeAmounts(3n, 5000, 2500)).toEqual({
      grossMinor: 2n,
      feeMinor: 1n,
      sellerProceedsMinor: 1n,
    });
  });

  it('always splits the gross exactly into fee and proceeds', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (quantity, priceBps, feeBps) => {
          const { grossMinor, feeMinor, sellerProceedsMinor } = computeTradeAmounts(
            quantity,
            priceBps,
            feeBps,
          );
          return (
            feeMinor + sellerProceedsMinor === grossMinor &&
            feeMinor >= 0n &&
            sellerProceedsMinor >= 0n &&
            grossMinor <= quantity
          );
        },
      ),
    );
  });

  it.each([
    [0, 500],
    [10_001, 500],
    [7200.5, 500],
    [7200, -1],
  ])('rejects priceBps %p with feeBps %p', (priceBps, feeBps) => {
    expect(() => computeTradeAmounts(100n, priceBps, feeBps)).toThrow(RangeError);
  });
});

describe('Money', () => {
  it('adds and subtracts within one currency', () => {
    const a = Money.of(1050n, 'USD');
    expect(a.add(Money.of(25, 'USD')).amountMinor).toBe(1075n);
    expect(a.subtract(Money.of('2000', 'USD')).amountMinor).toBe(-950n);
  });

  it('refuses to mix currencies', () => {
    expect(() => Money.of(1n, 'USD').add(Money.of(1n, 'EUR'))).toThrow(/Currency mismatch/);
  });

  it('refuses fractional or malformed amounts and currencies', () => {
    expect(() => Money.of(10.5, 'USD')).toThrow(RangeError);
    expect(() => Money.of('10.50', 'USD')).toThrow(RangeError);
    expect(() => Money.of(1n, 'usd')).toThrow(RangeError);
  });

  it('serialises only JSON-safe amounts', () => {
    expect(JSON.stringify(Money.of(123n, 'USD'))).toBe('{"amountMinor":123,"currency":"USD"}');
    expect(() => Money.of(2n ** 60n, 'USD').toSafeNumber()).toThrow(RangeError);
  });

  it('applies basis points with the same rounding rule', () => {
    expect(Money.of(333n, 'USD').multiplyBps(7250).amountMinor).toBe(241n);
  });
});
