/**
 * Trade money and prices as a firm types them. The split of a trade's gross into fee and proceeds is the
 * API's own function (libs/shared), so what the portal shows before a trade is what the trade will hold.
 */
export { computeTradeAmounts, type TradeAmounts } from '../../../shared/src/money/trade-amounts';
export { applyBps, divRoundHalfUp } from '../../../shared/src/money/rounding';

export type ParsedPrice = { ok: true; priceBps: number } | { ok: false; error: string };

/**
 * A discount to face value typed as a percentage ("28", "28.5", "28.25 %") into the price in bps it means:
 * 28.25% off -> 7175 bps. Exact to the hundredth of a percent (one basis point); no floating point.
 */
export function parseDiscountPercent(input: string): ParsedPrice {
  const text = input.trim().replace(/\s*%$/, '');
  if (text === '') return { ok: false, error: 'Enter a discount' };
  const match = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) return { ok: false, error: 'Enter a discount like 28 or 28.5 (at most 2 decimals)' };
  const discountBps = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (discountBps >= 10_000) return { ok: false, error: 'The discount must be below 100%' };
  return { ok: true, priceBps: 10_000 - discountBps };
}

/** A price typed in basis points of face value ("7200" or "7,200"): a whole number from 1 to 10,000. */
export function parsePriceBps(input: string): ParsedPrice {
  const text = input
    .trim()
    .replaceAll(',', '')
    .replace(/\s*bps$/i, '');
  if (text === '') return { ok: false, error: 'Enter a price in bps' };
  if (!/^\d{1,5}$/.test(text)) return { ok: false, error: 'Enter a whole number of bps, e.g. 7200' };
  const priceBps = Number(text);
  if (priceBps < 1 || priceBps > 10_000) return { ok: false, error: 'A price is from 1 to 10,000 bps' };
  return { ok: true, priceBps };
}

/** 7175 -> "28.25": the discount a price means, for an input field. */
export function discountInputValue(priceBps: number): string {
  const discount = 10_000 - priceBps;
  const cents = discount % 100;
  return cents === 0
    ? String(discount / 100)
    : `${Math.trunc(discount / 100)}.${String(cents).padStart(2, '0')}`;
}

/** The matching engine's own rules for a schedule's price on a day, so a seller sees what buyers will. */
export { daysToExpiry, effectivePriceBps } from '../../../matching/src/pricing';
