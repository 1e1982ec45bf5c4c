// The module itself, not the package index: this file also runs under Jest, without the styles.
import { computeTradeAmounts } from '../../../../libs/web-ui/src/money/trade-amounts';

export interface ReferenceBook {
  bids: { priceBps: number; quantityMinor: number }[];
}

export interface ReferenceTrade {
  priceBps: number;
  daysToExpiry: number;
}

export type PriceBasis = 'best_bid' | 'similar_trades' | 'any_trades' | 'none';

export interface MarketPrice {
  priceBps: number | null;
  basis: PriceBasis;
  /** How many recent trades the price rests on (0 for a bid). */
  tradeCount: number;
}

/** Trades within this many days to expiry of a lot count as similar. */
export const SIMILAR_DAYS = 30;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  // Two middles: the lower one, so an estimate never rounds a price up.
  return sorted.length % 2 === 1 ? sorted[middle]! : sorted[middle - 1]!;
}

/**
 * The price a lot could be sold at today: the best bid resting in its provider's market (a buyer waiting
 * now), else the median price of recent trades at a similar time to expiry, else of any recent trade.
 */
export function marketPriceFor(
  daysToExpiry: number,
  book: ReferenceBook | undefined,
  trades: ReferenceTrade[] | undefined,
): MarketPrice {
  const bestBid =
    book?.bids.reduce<number | null>(
      (best, level) => (best === null || level.priceBps > best ? level.priceBps : best),
      null,
    ) ?? null;
  if (bestBid !== null) return { priceBps: bestBid, basis: 'best_bid', tradeCount: 0 };
  const recent = trades ?? [];
  const similar = recent.filter((t) => Math.abs(t.daysToExpiry - daysToExpiry) <= SIMILAR_DAYS);
  if (similar.length > 0)
    return {
      priceBps: median(similar.map((t) => t.priceBps)),
      basis: 'similar_trades',
      tradeCount: similar.length,
    };
  if (recent.length > 0)
    return {
      priceBps: median(recent.map((t) => t.priceBps)),
      basis: 'any_trades',
      tradeCount: recent.length,
    };
  return { priceBps: null, basis: 'none', tradeCount: 0 };
}

export interface LotValue {
  /** Credit not yet sold: available plus what is listed and still unsold. */
  unsoldMinor: bigint;
  /** What selling the unsold credit at the market price would pay the seller after the platform fee. */
  recoverableMinor: bigint | null;
  price: MarketPrice;
  /** Past tradableUntil: the unsold credit can no longer be sold and will expire worthless. */
  lapsed: boolean;
}

export function lotValue(
  lot: { availableMinor: number; listedMinor: number; tradableUntil: string },
  price: MarketPrice,
  feeBps: number,
  now: number,
): LotValue {
  const unsoldMinor = BigInt(lot.availableMinor) + BigInt(lot.listedMinor);
  const lapsed = new Date(lot.tradableUntil).getTime() <= now;
  if (lapsed) return { unsoldMinor, recoverableMinor: 0n, price, lapsed };
  const recoverableMinor =
    price.priceBps === null
      ? null
      : computeTradeAmounts(unsoldMinor, price.priceBps, feeBps).sellerProceedsMinor;
  return { unsoldMinor, recoverableMinor, price, lapsed };
}

/** In words, where the price came from. */
export function basisText(price: MarketPrice): string {
  switch (price.basis) {
    case 'best_bid':
      return 'best bid waiting in the market now';
    case 'similar_trades':
      return `median of ${price.tradeCount} recent trade${price.tradeCount === 1 ? '' : 's'} at a similar time to expiry`;
    case 'any_trades':
      return `median of ${price.tradeCount} recent trade${price.tradeCount === 1 ? '' : 's'} (none at a similar time to expiry)`;
    default:
      return 'no bids or trades yet for this provider';
  }
}
