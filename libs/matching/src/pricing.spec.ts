import { DAY_MS, daysToExpiry, effectivePriceBps, nextRepriceAtMs } from './pricing';
import { isValidPriceSpec } from './validation';

const NOW = Date.UTC(2026, 0, 1);
const SCHEDULE = [
  { minDaysToExpiry: 90, priceBps: 8000 },
  { minDaysToExpiry: 0, priceBps: 5000 },
  { minDaysToExpiry: 30, priceBps: 6500 },
];

describe('daysToExpiry', () => {
  it.each([
    [30 * DAY_MS, 30],
    [30 * DAY_MS - 1, 29],
    [DAY_MS - 1, 0],
    [0, 0],
    [-1, -1],
  ])('counts whole days: %p ms left is %p days', (msLeft, days) => {
    expect(daysToExpiry(NOW + msLeft, NOW)).toBe(days);
  });
});

describe('effectivePriceBps', () => {
  it('returns a fixed price unchanged', () => {
    expect(effectivePriceBps(7200, -5)).toBe(7200);
  });

  it.each([
    [400, 8000],
    [90, 8000],
    [89, 6500],
    [30, 6500],
    [29, 5000],
    [0, 5000],
  ])('applies the highest tier reached with %p days left: %p bps', (daysLeft, price) => {
    expect(effectivePriceBps(SCHEDULE, daysLeft)).toBe(price);
  });

  it('is null when no tier applies', () => {
    expect(effectivePriceBps([{ minDaysToExpiry: 10, priceBps: 6000 }], 9)).toBeNull();
    expect(effectivePriceBps(SCHEDULE, -1)).toBeNull();
  });
});

describe('nextRepriceAtMs', () => {
  it('is the first millisecond the tier in force stops applying', () => {
    const expiresAtMs = NOW + 100 * DAY_MS;
    const at = nextRepriceAtMs(SCHEDULE, expiresAtMs, NOW);
    expect(at).toBe(expiresAtMs - 90 * DAY_MS + 1);
    expect(effectivePriceBps(SCHEDULE, daysToExpiry(expiresAtMs, at - 1))).toBe(8000);
    expect(effectivePriceBps(SCHEDULE, daysToExpiry(expiresAtMs, at))).toBe(6500);
  });

  it('is Infinity for a fixed price or a schedule with no tier left', () => {
    expect(nextRepriceAtMs(7000, NOW, NOW)).toBe(Infinity);
    expect(nextRepriceAtMs([{ minDaysToExpiry: 10, priceBps: 6000 }], NOW + DAY_MS, NOW)).toBe(Infinity);
  });
});

describe('isValidPriceSpec', () => {
  it.each([
    [1, true],
    [10_000, true],
    [0, false],
    [10_001, false],
    [70.5, false],
    [[], false],
    [[{ minDaysToExpiry: 0, priceBps: 7000 }], true],
    [[{ minDaysToExpiry: -1, priceBps: 7000 }], false],
    [[{ minDaysToExpiry: 1.5, priceBps: 7000 }], false],
    [[{ minDaysToExpiry: 0, priceBps: 0 }], false],
  ])('%p is valid: %p', (price, valid) => {
    expect(isValidPriceSpec(price)).toBe(valid);
  });
});
