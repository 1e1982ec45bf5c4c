/**
 * Divides two bigints and rounds half up (half away from zero), the one rounding rule Carryover uses
 * for money. Amounts are non-negative in practice; negatives round symmetrically so a refund mirrors a charge.
 */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const rounded = (n % d) * 2n >= d ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

export const BPS_DENOMINATOR = 10_000n;

/** `amount * bps / 10000`, rounded half up. */
export function applyBps(amountMinor: bigint, bps: number | bigint): bigint {
  return divRoundHalfUp(amountMinor * BigInt(bps), BPS_DENOMINATOR);
}
