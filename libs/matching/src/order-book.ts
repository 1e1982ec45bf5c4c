import { BookListing, BookOrder } from './book-entries';
import { planListing, planOrder } from './engine';
import { PriceLevels } from './price-levels';
import { MAX_PRICE_BPS, daysToExpiry, effectivePriceBps, nextRepriceAtMs } from './pricing';
import type { BuyOrder, DepthLevel, Listing, MatchContext, MatchResult } from './types';
import { assertValidListing, assertValidOrder } from './validation';

/** Which side of the book: bids are resting buy orders, asks are resting listings. */
export type BookSide = 'bid' | 'ask';

/** What one `expireAt` removed. */
export interface Expired {
  readonly listingIds: readonly string[];
  readonly orderIds: readonly string[];
}

/**
 * The in-memory reference order book of one market, and the test oracle of the database matcher. Every
 * add runs the same planner as `matchIncomingOrder` / `matchIncomingListing`, fed with this book's
 * candidates in priority order, then applies the fills. Time comes from each call's context; the book
 * re-prices scheduled listings as it advances. Not re-entrant: the eligibility predicate must not call it.
 */
export class OrderBook {
  private readonly asks = new PriceLevels<BookListing>(true);
  private readonly bids = new PriceLevels<BookOrder>(false);
  private readonly listings = new Map<string, BookListing>();
  private readonly orders = new Map<string, BookOrder>();
  private readonly scheduled = new Set<BookListing>();
  private readonly matchedListings: BookListing[] = [];
  private readonly matchedOrders: BookOrder[] = [];
  private seq = 0;
  private clockMs = -Infinity;
  private repriceAtMs = Infinity;

  /**
   * Matches an incoming buy order against the resting listings and rests its remainder when GTC.
   * @throws RangeError on a malformed order or an id already resting in the book.
   */
  addOrder(order: BuyOrder, ctx: MatchContext): MatchResult {
    assertValidOrder(order);
    if (this.orders.has(order.id)) throw new RangeError(`order ${order.id} is already in the book`);
    this.advanceTo(ctx.nowMs);
    const matched = this.matchedListings;
    const result = planOrder(order, this.asks.from(order.maxPriceBps), ctx, matched);
    for (let i = 0; i < matched.length; i++) {
      const listing = matched[i];
      listing.quantityMinor = result.fills[i].restingRemainingMinor;
      if (listing.quantityMinor === 0n) this.removeListing(listing);
    }
    if (matched.length !== 0) matched.length = 0;
    if (result.rests) {
      const entry = new BookOrder(order, result.remainingMinor, this.seq++);
      this.orders.set(entry.id, entry);
      this.bids.append(entry, entry.maxPriceBps);
    }
    return result;
  }

  /**
   * Matches an incoming listing against the resting buy orders and rests its remainder when GTC.
   * @throws RangeError on a malformed listing or an id already resting in the book.
   */
  addListing(listing: Listing, ctx: MatchContext): MatchResult {
    assertValidListing(listing);
    if (this.listings.has(listing.id)) throw new RangeError(`listing ${listing.id} is already in the book`);
    this.advanceTo(ctx.nowMs);
    const priceBps = this.priceAt(listing, ctx.nowMs);
    const matched = this.matchedOrders;
    const result = planListing(listing, this.bids.from(priceBps ?? MAX_PRICE_BPS + 1), ctx, matched);
    for (let i = 0; i < matched.length; i++) {
      const order = matched[i];
      order.quantityMinor = result.fills[i].restingRemainingMinor;
      if (order.quantityMinor === 0n) this.removeOrder(order);
    }
    if (matched.length !== 0) matched.length = 0;
    if (result.rests && priceBps !== null) {
      const entry = new BookListing(listing, result.remainingMinor, this.seq++);
      this.listings.set(entry.id, entry);
      this.asks.append(entry, priceBps);
      if (typeof entry.price !== 'number') this.schedule(entry, ctx.nowMs);
    }
    return result;
  }

  /** Removes a resting listing; false when it is not in the book. */
  cancelListing(id: string): boolean {
    const entry = this.listings.get(id);
    if (entry === undefined) return false;
    this.removeListing(entry);
    return true;
  }

  /** Removes a resting buy order; false when it is not in the book. */
  cancelOrder(id: string): boolean {
    const entry = this.orders.get(id);
    if (entry === undefined) return false;
    this.removeOrder(entry);
    return true;
  }

  /**
   * Removes what can no longer trade at `nowMs`: listings at or past tradableUntil or with no price tier
   * left, buy orders at or past goodTill. Also advances the book's clock.
   */
  expireAt(nowMs: number): Expired {
    this.advanceTo(nowMs);
    const listingIds: string[] = [];
    const orderIds: string[] = [];
    for (const entry of this.listings.values()) {
      if (nowMs >= entry.tradableUntilMs || entry.level === 0) {
        listingIds.push(entry.id);
        this.removeListing(entry);
      }
    }
    for (const entry of this.orders.values()) {
      if (entry.goodTillMs !== undefined && nowMs >= entry.goodTillMs) {
        orderIds.push(entry.id);
        this.removeOrder(entry);
      }
    }
    return { listingIds, orderIds };
  }

  /**
   * Moves the book's clock to `nowMs`, re-pricing scheduled listings whose tier changed (they keep their
   * arrival order inside the new level). Adds and expireAt do this themselves.
   */
  advanceTo(nowMs: number): void {
    const backwards = nowMs < this.clockMs;
    this.clockMs = nowMs;
    if (!backwards && nowMs < this.repriceAtMs) return;
    this.repriceAtMs = Infinity;
    for (const entry of this.scheduled) {
      if (backwards || nowMs >= entry.repriceAtMs) {
        const priceBps = this.priceAt(entry, nowMs) ?? 0;
        if (priceBps !== entry.level) {
          if (entry.level !== 0) this.asks.unlink(entry);
          // Level 0 parks a listing that has no tier left: it stays until expireAt removes it.
          if (priceBps !== 0) this.asks.insertBySeq(entry, priceBps);
        }
        entry.repriceAtMs = nextRepriceAtMs(entry.price, entry.expiresAtMs, nowMs);
      }
      if (entry.repriceAtMs < this.repriceAtMs) this.repriceAtMs = entry.repriceAtMs;
    }
  }

  /** The highest resting maxPriceBps, or null. */
  bestBid(): number | null {
    return this.bids.best();
  }

  /** The lowest resting effective price (as of the latest time the book was given), or null. */
  bestAsk(): number | null {
    return this.asks.best();
  }

  /** Quantity and count per price level, best first; at most `maxLevels` levels. */
  depth(side: BookSide, maxLevels = Infinity): DepthLevel[] {
    const levels: PriceLevels<BookListing> | PriceLevels<BookOrder> = side === 'bid' ? this.bids : this.asks;
    const out: DepthLevel[] = [];
    for (const priceBps of levels.levels()) {
      if (out.length >= maxLevels) break;
      let quantityMinor = 0n;
      for (let e = levels.head(priceBps); e !== null; e = e.next) quantityMinor += e.quantityMinor;
      out.push({ priceBps, quantityMinor, count: levels.count(priceBps) });
    }
    return out;
  }

  /** Copies of the priced resting listings in priority order (effective price ascending, then arrival). */
  restingListings(): Listing[] {
    const out: Listing[] = [];
    for (const entry of this.asks.from(MAX_PRICE_BPS)) out.push(entry.snapshot());
    return out;
  }

  /** Copies of the resting buy orders in priority order (maxPriceBps descending, then arrival). */
  restingOrders(): BuyOrder[] {
    const out: BuyOrder[] = [];
    for (const entry of this.bids.from(0)) out.push(entry.snapshot());
    return out;
  }

  /** A copy of one resting listing, or undefined. */
  listing(id: string): Listing | undefined {
    return this.listings.get(id)?.snapshot();
  }

  /** A copy of one resting buy order, or undefined. */
  order(id: string): BuyOrder | undefined {
    return this.orders.get(id)?.snapshot();
  }

  private priceAt(listing: Listing, nowMs: number): number | null {
    return effectivePriceBps(listing.price, daysToExpiry(listing.expiresAtMs, nowMs));
  }

  private removeListing(entry: BookListing): void {
    if (entry.level !== 0) this.asks.unlink(entry);
    this.listings.delete(entry.id);
    this.scheduled.delete(entry);
  }

  private removeOrder(entry: BookOrder): void {
    this.bids.unlink(entry);
    this.orders.delete(entry.id);
  }

  private schedule(entry: BookListing, nowMs: number): void {
    entry.repriceAtMs = nextRepriceAtMs(entry.price, entry.expiresAtMs, nowMs);
    this.scheduled.add(entry);
    if (entry.repriceAtMs < this.repriceAtMs) this.repriceAtMs = entry.repriceAtMs;
  }
}
