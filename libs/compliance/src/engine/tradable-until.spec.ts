import { MS_PER_DAY, tradableUntil } from './tradable-until';

describe('tradableUntil', () => {
  it('subtracts whole 24-hour days from the expiry', () => {
    expect(tradableUntil(new Date('2026-06-01T00:00:00.000Z'), 14).toISOString()).toBe(
      '2026-05-18T00:00:00.000Z',
    );
    expect(tradableUntil(new Date('2026-04-10T15:30:00.123Z'), 1).toISOString()).toBe(
      '2026-04-09T15:30:00.123Z',
    );
  });

  it('ignores daylight saving: days are UTC, 86,400,000 ms each', () => {
    // 2026-03-29 is the EU clock change; the result is still exactly 7 * 24 h earlier.
    const expiresAt = new Date('2026-04-02T12:00:00.000Z');
    expect(expiresAt.getTime() - tradableUntil(expiresAt, 7).getTime()).toBe(7 * MS_PER_DAY);
  });

  it('is the expiry itself with no minimum, and a new Date the caller may not alias', () => {
    const expiresAt = new Date('2026-06-01T00:00:00.000Z');
    const until = tradableUntil(expiresAt, 0);
    expect(until.getTime()).toBe(expiresAt.getTime());
    expect(until).not.toBe(expiresAt);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p days', (days) => {
    expect(() => tradableUntil(new Date('2026-06-01T00:00:00.000Z'), days)).toThrow(RangeError);
  });

  it('refuses a day count that leaves the Date range', () => {
    expect(() => tradableUntil(new Date('2026-06-01T00:00:00.000Z'), 1_000_000_000)).toThrow(RangeError);
  });

  it('refuses an invalid expiry date', () => {
    expect(() => tradableUntil(new Date('not a date'), 14)).toThrow(RangeError);
  });
});
