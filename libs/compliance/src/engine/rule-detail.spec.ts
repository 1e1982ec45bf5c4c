import { formatAmount, formatList } from './rule-detail';

describe('formatAmount', () => {
  it.each([
    [1_000_000n, 'USD', 'USD 10,000.00'],
    [5n, 'EUR', 'EUR 0.05'],
    [0n, 'USD', 'USD 0.00'],
    [-123_456n, 'USD', 'USD -1,234.56'],
    [1_500_000n, 'JPY', 'JPY 1,500,000'],
    [1_234_567n, 'BHD', 'BHD 1,234.567'],
    [9_007_199_254_740_993n, 'USD', 'USD 90,071,992,547,409.93'],
  ])('formats %p %s as %s', (amount, currency, expected) => {
    expect(formatAmount(amount, currency)).toBe(expected);
  });

  it('falls back to two decimals for a code ICU does not accept', () => {
    expect(formatAmount(1234n, 'U$')).toBe('U$ 12.34');
  });
});

describe('formatList', () => {
  it('joins with commas and reads "none" when empty', () => {
    expect(formatList(['a', 'b'])).toBe('a, b');
    expect(formatList([])).toBe('none');
  });
});
