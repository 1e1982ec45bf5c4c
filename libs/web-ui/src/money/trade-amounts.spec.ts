import {
  computeTradeAmounts,
  discountInputValue,
  parseDiscountPercent,
  parsePriceBps,
} from './trade-amounts';

describe('parseDiscountPercent', () => {
  it('turns a discount into the price it means, exact to one basis point', () => {
    expect(parseDiscountPercent('28')).toEqual({ ok: true, priceBps: 7200 });
    expect(parseDiscountPercent(' 28.25 % ')).toEqual({ ok: true, priceBps: 7175 });
    expect(parseDiscountPercent('0.01')).toEqual({ ok: true, priceBps: 9999 });
    expect(parseDiscountPercent('0')).toEqual({ ok: true, priceBps: 10_000 });
  });

  it('refuses what is not a discount below 100%', () => {
    expect(parseDiscountPercent('')).toMatchObject({ ok: false });
    expect(parseDiscountPercent('100')).toMatchObject({
      ok: false,
      error: 'The discount must be below 100%',
    });
    expect(parseDiscountPercent('28.125')).toMatchObject({ ok: false });
    expect(parseDiscountPercent('-5')).toMatchObject({ ok: false });
    expect(parseDiscountPercent('abc')).toMatchObject({ ok: false });
  });

  it('reads back what discountInputValue writes', () => {
    for (const bps of [1, 7175, 7200, 9999, 10_000]) {
      expect(parseDiscountPercent(discountInputValue(bps))).toEqual({ ok: true, priceBps: bps });
    }
  });
});

describe('parsePriceBps', () => {
  it('takes whole bps from 1 to 10,000', () => {
    expect(parsePriceBps('7,200')).toEqual({ ok: true, priceBps: 7200 });
    expect(parsePriceBps('7200 bps')).toEqual({ ok: true, priceBps: 7200 });
    expect(parsePriceBps('0')).toMatchObject({ ok: false });
    expect(parsePriceBps('10001')).toMatchObject({ ok: false });
    expect(parsePriceBps('72.5')).toMatchObject({ ok: false });
  });
});

describe('computeTradeAmounts (the API’s own split)', () => {
  it('splits $5,000.00 at 7,200 bps with a 5% fee into $3,600.00 = $180.00 + $3,420.00', () => {
    expect(computeTradeAmounts(500_000n, 7200, 500)).toEqual({
      grossMinor: 360_000n,
      feeMinor: 18_000n,
      sellerProceedsMinor: 342_000n,
    });
  });
});
