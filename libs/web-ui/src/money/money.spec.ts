import { formatMoney, minorToJson, parseMoney } from './money';
import { bpsAsPercent, discountPercent, formatPrice } from './price';

describe('formatMoney', () => {
  it.each([
    [1_234_567, 'USD', '$12,345.67'],
    [0, 'USD', '$0.00'],
    [5, 'USD', '$0.05'],
    [-50, 'USD', '-$0.50'],
    [100_000, 'EUR', '€1,000.00'],
    [1500, 'JPY', '¥1,500'],
  ])('shows %p %s as %s', (minor, currency, shown) => {
    expect(formatMoney(minor, currency)).toBe(shown);
  });

  it('is exact beyond the range of floating point', () => {
    expect(formatMoney(123_456_789_012_345_678_901n, 'USD')).toBe('$1,234,567,890,123,456,789.01');
  });

  it('refuses a fractional number of minor units', () => {
    expect(() => formatMoney(1.5)).toThrow(RangeError);
  });
});

describe('parseMoney', () => {
  it.each([
    ['12,345.67', 1_234_567n],
    ['$12,345.67', 1_234_567n],
    ['$ 250', 25_000n],
    ['0.05', 5n],
    ['0.1', 10n],
    ['19.', 1_900n],
    ['  1000000.00 ', 100_000_000n],
    ['0.29', 29n],
    ['1.15', 115n],
  ])('reads %p as %p minor units', (input, minor) => {
    expect(parseMoney(input)).toEqual({ ok: true, minor });
  });

  it.each([
    ['', 'Enter an amount'],
    ['-5', 'The amount cannot be negative'],
    ['1.234', 'Use at most 2 decimal places'],
    ['12,34.00', 'Enter an amount like $1,234.56'],
    ['ten dollars', 'Enter an amount like $1,234.56'],
    ['1e3', 'Enter an amount like $1,234.56'],
  ])('refuses %p: %s', (input, error) => {
    expect(parseMoney(input)).toEqual({ ok: false, error });
  });

  it('takes no minor units for a currency without them', () => {
    expect(parseMoney('1,500', 'JPY')).toEqual({ ok: true, minor: 1500n });
    expect(parseMoney('1.5', 'JPY')).toEqual({ ok: false, error: 'JPY has no minor units' });
  });

  it('round-trips every cent of a range through format and parse', () => {
    for (let minor = 0n; minor < 2_000n; minor += 7n) {
      expect(parseMoney(formatMoney(minor))).toEqual({ ok: true, minor });
    }
  });
});

describe('minorToJson', () => {
  it('passes safe integers and refuses larger amounts', () => {
    expect(minorToJson(1_234_567n)).toBe(1_234_567);
    expect(() => minorToJson(2n ** 60n)).toThrow('The amount is too large');
  });
});

describe('prices', () => {
  it('shows bps and the discount they imply', () => {
    expect(formatPrice(7200)).toBe('7,200 bps · 28.00% off');
    expect(discountPercent(10_000)).toBe('0.00%');
    expect(discountPercent(9_995)).toBe('0.05%');
    expect(bpsAsPercent(2250.5)).toBe('22.51%');
  });
});
