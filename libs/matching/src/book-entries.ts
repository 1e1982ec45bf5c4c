import type { LevelEntry } from './price-levels';
import type { BuyOrder, Listing, PriceSpec, TimeInForce } from './types';

/** A listing resting in the book: the book's own copy, whose open quantity it updates in place. */
export class BookListing implements Listing, LevelEntry<BookListing> {
  readonly id: string;
  readonly sellerOrgId: string;
  quantityMinor: bigint;
  readonly minFillMinor: bigint;
  readonly price: PriceSpec;
  readonly expiresAtMs: number;
  readonly tradableUntilMs: number;
  readonly transferMethods: readonly string[];
  readonly timeInForce: TimeInForce;
  level = 0;
  prev: BookListing | null = null;
  next: BookListing | null = null;
  /** When a schedule's price next changes; Infinity for a fixed price. */
  repriceAtMs = Infinity;

  constructor(
    source: Listing,
    quantityMinor: bigint,
    readonly seq: number,
  ) {
    this.id = source.id;
    this.sellerOrgId = source.sellerOrgId;
    this.quantityMinor = quantityMinor;
    this.minFillMinor = source.minFillMinor;
    this.price = source.price;
    this.expiresAtMs = source.expiresAtMs;
    this.tradableUntilMs = source.tradableUntilMs;
    this.transferMethods = source.transferMethods;
    this.timeInForce = source.timeInForce ?? 'GTC';
  }

  /** A detached copy for callers, so they cannot change the book through it. */
  snapshot(): Listing {
    return {
      id: this.id,
      sellerOrgId: this.sellerOrgId,
      quantityMinor: this.quantityMinor,
      minFillMinor: this.minFillMinor,
      price: this.price,
      expiresAtMs: this.expiresAtMs,
      tradableUntilMs: this.tradableUntilMs,
      transferMethods: this.transferMethods,
      timeInForce: this.timeInForce,
    };
  }
}

/** A buy order resting in the book: the book's own copy, whose open quantity it updates in place. */
export class BookOrder implements BuyOrder, LevelEntry<BookOrder> {
  readonly id: string;
  readonly buyerOrgId: string;
  readonly maxPriceBps: number;
  quantityMinor: bigint;
  readonly minDaysToExpiry: number;
  readonly transferMethods: readonly string[] | undefined;
  readonly minFillMinor: bigint;
  readonly timeInForce: TimeInForce;
  readonly goodTillMs: number | undefined;
  level = 0;
  prev: BookOrder | null = null;
  next: BookOrder | null = null;

  constructor(
    source: BuyOrder,
    quantityMinor: bigint,
    readonly seq: number,
  ) {
    this.id = source.id;
    this.buyerOrgId = source.buyerOrgId;
    this.maxPriceBps = source.maxPriceBps;
    this.quantityMinor = quantityMinor;
    this.minDaysToExpiry = source.minDaysToExpiry;
    this.transferMethods = source.transferMethods;
    this.minFillMinor = source.minFillMinor;
    this.timeInForce = source.timeInForce;
    this.goodTillMs = source.goodTillMs;
  }

  /** A detached copy for callers, so they cannot change the book through it. */
  snapshot(): BuyOrder {
    return {
      id: this.id,
      buyerOrgId: this.buyerOrgId,
      maxPriceBps: this.maxPriceBps,
      quantityMinor: this.quantityMinor,
      minDaysToExpiry: this.minDaysToExpiry,
      transferMethods: this.transferMethods,
      minFillMinor: this.minFillMinor,
      timeInForce: this.timeInForce,
      goodTillMs: this.goodTillMs,
    };
  }
}
