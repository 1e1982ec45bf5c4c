import type { DataSource } from 'typeorm';
import type { PriceSpec, PriceTier, TimeInForce } from '@carryover/matching';

/** One market's listings, orders, trades and lots as the database holds them, read straight from the tables. */
export interface MarketRows {
  listings: ListingRow[];
  orders: OrderRow[];
  trades: TradeRow[];
  lots: LotRow[];
}

export interface ListingRow {
  id: string;
  organizationId: string;
  creditLotId: string;
  status: string;
  quantityMinor: bigint;
  remainingMinor: bigint;
  filledMinor: bigint;
  price: PriceSpec;
  effectivePriceBps: number;
  minFillMinor: bigint;
  expiresAtMs: number;
  tradableUntilMs: number;
  transferMethods: string[];
  bookSeq: bigint;
  createdAtMs: number;
}

export interface OrderRow {
  id: string;
  organizationId: string;
  status: string;
  quantityMinor: bigint;
  remainingMinor: bigint;
  filledMinor: bigint;
  maxPriceBps: number;
  minDaysToExpiry: number;
  transferMethods: string[];
  minFillMinor: bigint;
  timeInForce: TimeInForce;
  goodTillMs: number | undefined;
  bookSeq: bigint;
  createdAtMs: number;
}

export interface TradeRow {
  id: string;
  listingId: string;
  orderId: string;
  creditLotId: string;
  sellerOrganizationId: string;
  buyerOrganizationId: string;
  quantityMinor: bigint;
  priceBps: number;
}

export interface LotRow {
  id: string;
  faceValueMinor: bigint;
  listedMinor: bigint;
  soldMinor: bigint;
}

type Row = Record<string, unknown>;
const big = (value: unknown): bigint => BigInt(value as string);
const ms = (value: unknown): number => new Date(value as string).getTime();

export async function loadMarket(db: DataSource, providerCode: string): Promise<MarketRows> {
  const [listings, orders, trades, lots]: Row[][] = await Promise.all([
    db.query(`SELECT * FROM listings WHERE provider_code = $1 ORDER BY book_seq`, [providerCode]),
    db.query(`SELECT * FROM buy_orders WHERE provider_code = $1 ORDER BY book_seq`, [providerCode]),
    db.query(`SELECT * FROM trades WHERE provider_code = $1 ORDER BY created_at, id`, [providerCode]),
    db.query(`SELECT * FROM credit_lots WHERE provider_code = $1 ORDER BY id`, [providerCode]),
  ]);
  return {
    listings: listings.map((r) => ({
      id: r.id as string,
      organizationId: r.organization_id as string,
      creditLotId: r.credit_lot_id as string,
      status: r.status as string,
      quantityMinor: big(r.quantity_minor),
      remainingMinor: big(r.remaining_minor),
      filledMinor: big(r.filled_minor),
      price: (r.price_bps as number | null) ?? (r.price_schedule as PriceTier[]),
      effectivePriceBps: r.effective_price_bps as number,
      minFillMinor: big(r.min_fill_minor),
      expiresAtMs: ms(r.expires_at),
      tradableUntilMs: ms(r.tradable_until),
      transferMethods: r.transfer_methods as string[],
      bookSeq: big(r.book_seq),
      createdAtMs: ms(r.created_at),
    })),
    orders: orders.map((r) => ({
      id: r.id as string,
      organizationId: r.organization_id as string,
      status: r.status as string,
      quantityMinor: big(r.quantity_minor),
      remainingMinor: big(r.remaining_minor),
      filledMinor: big(r.filled_minor),
      maxPriceBps: r.max_price_bps as number,
      minDaysToExpiry: r.min_days_to_expiry as number,
      transferMethods: r.transfer_methods as string[],
      minFillMinor: big(r.min_fill_minor),
      timeInForce: r.time_in_force as TimeInForce,
      goodTillMs: r.good_till === null ? undefined : ms(r.good_till),
      bookSeq: big(r.book_seq),
      createdAtMs: ms(r.created_at),
    })),
    trades: trades.map((r) => ({
      id: r.id as string,
      listingId: r.listing_id as string,
      orderId: r.order_id as string,
      creditLotId: r.credit_lot_id as string,
      sellerOrganizationId: r.seller_organization_id as string,
      buyerOrganizationId: r.buyer_organization_id as string,
      quantityMinor: big(r.quantity_minor),
      priceBps: r.price_bps as number,
    })),
    lots: lots.map((r) => ({
      id: r.id as string,
      faceValueMinor: big(r.face_value_minor),
      listedMinor: big(r.listed_minor),
      soldMinor: big(r.sold_minor),
    })),
  };
}

const RESTING_LISTING = new Set(['active', 'partially_filled']);
const RESTING_ORDER = new Set(['open', 'partially_filled']);

export const isResting = {
  listing: (row: ListingRow): boolean => RESTING_LISTING.has(row.status),
  order: (row: OrderRow): boolean => RESTING_ORDER.has(row.status),
};

function sumBy<T>(items: readonly T[], key: (item: T) => string, amount: (item: T) => bigint) {
  const sums = new Map<string, bigint>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0n) + amount(item));
  return (id: string): bigint => sums.get(id) ?? 0n;
}

/**
 * Every way the rows disagree with each other: a side's filled amount against its trades, filled + remaining
 * against the quantity (a cancelled side keeps nothing open), a lot's sold and listed amounts against the
 * trades and open listings on it, and self-trades. Empty when the market is consistent.
 */
export function conservationViolations(rows: MarketRows): string[] {
  const out: string[] = [];
  const tradedOfListing = sumBy(
    rows.trades,
    (t) => t.listingId,
    (t) => t.quantityMinor,
  );
  const tradedOfOrder = sumBy(
    rows.trades,
    (t) => t.orderId,
    (t) => t.quantityMinor,
  );
  const soldOfLot = sumBy(
    rows.trades,
    (t) => t.creditLotId,
    (t) => t.quantityMinor,
  );
  const openOnLot = sumBy(
    rows.listings.filter((l) => isResting.listing(l) || l.status === 'pending_review'),
    (l) => l.creditLotId,
    (l) => l.remainingMinor,
  );
  const sides: { kind: string; row: ListingRow | OrderRow; traded: bigint }[] = [
    ...rows.listings.map((row) => ({ kind: 'listing', row, traded: tradedOfListing(row.id) })),
    ...rows.orders.map((row) => ({ kind: 'order', row, traded: tradedOfOrder(row.id) })),
  ];
  for (const { kind, row, traded } of sides) {
    const { id, status, quantityMinor: q, remainingMinor: left, filledMinor: filled } = row;
    if (filled !== traded) out.push(`${kind} ${id}: filled ${filled} but its trades sum to ${traded}`);
    if (filled > q) out.push(`${kind} ${id}: filled ${filled} exceeds its quantity ${q}`);
    const expectedLeft = status === 'cancelled' ? 0n : q - filled;
    if (left !== expectedLeft)
      out.push(`${kind} ${id} (${status}): remaining ${left}, expected ${expectedLeft}`);
    if ((status === 'filled') !== (filled === q))
      out.push(`${kind} ${id}: status ${status} with ${filled}/${q}`);
  }
  for (const lot of rows.lots) {
    if (lot.soldMinor !== soldOfLot(lot.id))
      out.push(`lot ${lot.id}: sold ${lot.soldMinor} but its trades sum to ${soldOfLot(lot.id)}`);
    if (lot.listedMinor !== openOnLot(lot.id))
      out.push(`lot ${lot.id}: listed ${lot.listedMinor} but its open listings hold ${openOnLot(lot.id)}`);
    if (lot.listedMinor + lot.soldMinor > lot.faceValueMinor) out.push(`lot ${lot.id}: oversold`);
  }
  for (const trade of rows.trades) {
    if (trade.sellerOrganizationId === trade.buyerOrganizationId) out.push(`trade ${trade.id}: self-trade`);
  }
  return out;
}

/** Trades keyed by listing/order pair (a pair trades at most once), as `quantity@price`. */
export function tradesByPair(
  trades: readonly { listingId: string; orderId: string; quantityMinor: bigint; priceBps: number }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of trades) {
    const key = `${t.listingId}/${t.orderId}`;
    out[key] = out[key] === undefined ? `${t.quantityMinor}@${t.priceBps}` : `${out[key]} and again`;
  }
  return out;
}
