import { applyBps } from './rounding';

export interface TradeAmounts {
  grossMinor: bigint;
  feeMinor: bigint;
  sellerProceedsMinor: bigint;
}

/**
 * The one place a trade's money is split: gross = round(quantity * price), fee = round(gross * feeBps),
 * proceeds = gross - fee. Fee and proceeds always add back to gross exactly.
 */
export function computeTradeAmounts(quantityMinor: bigint, priceBps: number, feeBps: number): TradeAmounts {
  assertBps('priceBps', priceBps, 1);
  assertBps('feeBps', feeBps, 0);
  if (quantityMinor < 0n) throw new RangeError('quantityMinor must not be negative');
  const grossMinor = applyBps(quantityMinor, priceBps);
  const feeMinor = applyBps(grossMinor, feeBps);
  return { grossMinor, feeMinor, sellerProceedsMinor: grossMinor - feeMinor };
}

function assertBps(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min || value > 10_000) {
    throw new RangeError(`${name} must be an integer in ${min}..10000, got ${value}`);
  }
}
