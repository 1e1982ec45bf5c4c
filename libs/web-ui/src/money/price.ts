/** Prices are basis points of face value: 7200 bps = $0.72 per $1.00 of credit = 28.00% off. */

const grouped = new Intl.NumberFormat('en-US');

export function formatBps(bps: number): string {
  return `${grouped.format(bps)} bps`;
}

/** The discount of a price, exact to the hundredth of a percent: 7200 -> "28.00%". */
export function discountPercent(priceBps: number): string {
  return bpsAsPercent(10_000 - priceBps);
}

/** A whole number of bps as a percentage: 2250 -> "22.50%"; a fractional mean rounds to 2 decimals. */
export function bpsAsPercent(bps: number): string {
  const hundredths = Math.round(bps);
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** "7,200 bps · 28.00% off" */
export function formatPrice(priceBps: number): string {
  return `${formatBps(priceBps)} · ${discountPercent(priceBps)} off`;
}
