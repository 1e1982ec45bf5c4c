import { formatMoney } from './format-money';

describe('formatMoney', () => {
  it.each([
    [1234567n, 'USD', '$12,345.67'],
    [0n, 'USD', '$0.00'],
    [5n, 'USD', '$0.05'],
    [-250n, 'USD', '-$2.50'],
    [100000000n, 'EUR', '€1,000,000.00'],
    [1234n, 'JPY', '¥1,234'],
    ['720000', 'GBP', '£7,200.00'],
  ])('%p %s reads %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });

  it('is exact beyond the range a double holds', () => {
    expect(formatMoney(9007199254740993123n, 'USD')).toBe('$90,071,992,547,409,931.23');
  });

  it('refuses a code that is not a currency', () => {
    expect(() => formatMoney(1n, 'usd!')).toThrow(RangeError);
  });
});
