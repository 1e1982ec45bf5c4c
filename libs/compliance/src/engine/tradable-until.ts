/** One whole UTC day; the policy's minimum is counted in these, not in calendar days. */
export const MS_PER_DAY = 86_400_000;

/**
 * The last moment (exclusive) a lot may trade: `expiresAt - minDaysToExpiry` whole days, leaving the
 * transfer the time the provider's policy says it needs. Throws RangeError on an invalid date or a
 * negative or fractional day count, because a wrong answer here would let an untransferable lot trade.
 */
export function tradableUntil(expiresAt: Date, minDaysToExpiry: number): Date {
  assertValidDate(expiresAt, 'expiresAt');
  if (!Number.isSafeInteger(minDaysToExpiry) || minDaysToExpiry < 0) {
    throw new RangeError(
      `minDaysToExpiry must be a non-negative whole number of days, got ${minDaysToExpiry}`,
    );
  }
  const until = new Date(expiresAt.getTime() - minDaysToExpiry * MS_PER_DAY);
  // A day count so large it leaves the Date range would compare false with everything, i.e. pass.
  assertValidDate(until, 'tradableUntil');
  return until;
}

/** Throws RangeError unless `value` is a Date holding a real moment. */
export function assertValidDate(value: Date, name: string): void {
  // No instanceof: a Date from another realm (vm, structuredClone under Jest) is still a Date.
  if (Number.isNaN(value.getTime())) {
    throw new RangeError(`${name} must be a valid Date`);
  }
}
