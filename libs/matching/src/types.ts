/** How long an order or listing stays after its immediate match: rest, drop the rest, or all-or-nothing. */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';

/** One tier of a price schedule: `priceBps` applies while at least `minDaysToExpiry` days are left. */
export interface PriceTier {
  readonly minDaysToExpiry: number;
  readonly priceBps: number;
}

/** A fixed price in bps (1..10000) or a schedule whose highest applicable tier sets the price. */
export type PriceSpec = number | readonly PriceTier[];

/**
 * The sell side: one credit lot offered for sale. `quantityMinor` is the quantity still open (face value,
 * minor units); times are epoch milliseconds.
 */
export interface Listing {
  readonly id: string;
  readonly sellerOrgId: string;
  readonly quantityMinor: bigint;
  /** Smallest fill accepted, except a fill that takes the whole open quantity. 0n means any. */
  readonly minFillMinor: bigint;
  readonly price: PriceSpec;
  readonly expiresAtMs: number;
  /** The listing matches only while `now < tradableUntilMs`. */
  readonly tradableUntilMs: number;
  /** Methods the seller can transfer by; a listing without any never matches. */
  readonly transferMethods: readonly string[];
  /** Defaults to GTC: the unmatched quantity rests in the book. */
  readonly timeInForce?: TimeInForce;
}

/** The buy side. `quantityMinor` is the quantity still wanted; times are epoch milliseconds. */
export interface BuyOrder {
  readonly id: string;
  readonly buyerOrgId: string;
  readonly maxPriceBps: number;
  readonly quantityMinor: bigint;
  readonly minDaysToExpiry: number;
  /** Acceptable methods; undefined or empty accepts any method the listing offers. */
  readonly transferMethods?: readonly string[];
  /** Smallest fill accepted, except a fill that takes the whole open quantity. 0n means any. */
  readonly minFillMinor: bigint;
  readonly timeInForce: TimeInForce;
  /** The order matches only while `now < goodTillMs`; undefined means until filled or cancelled. */
  readonly goodTillMs?: number;
}

/** A listing already in the book, as the candidate query returns it (quantity = what is still open). */
export type RestingListing = Listing;

/** A buy order already in the book, as the candidate query returns it (quantity = what is still wanted). */
export type RestingOrder = BuyOrder;

/** Compliance hook: called once per candidate that passed every built-in rule; false skips it. */
export type EligibilityPredicate = (order: BuyOrder, listing: Listing) => boolean;

/** What a match needs besides the two sides: the time and the caller's extra eligibility rule. */
export interface MatchContext {
  readonly nowMs: number;
  readonly isEligible?: EligibilityPredicate;
}

/** One trade decided by the engine; it executes at `priceBps`, the resting side's price. */
export interface Fill {
  readonly listingId: string;
  readonly orderId: string;
  readonly quantityMinor: bigint;
  readonly priceBps: number;
  /** What the resting side has left after this fill (its quantity minus this fill). */
  readonly restingRemainingMinor: bigint;
}

/** The decision for one incoming order or listing. Each candidate receives at most one fill. */
export interface MatchResult {
  /** In execution order; empty when an FOK could not fill completely. */
  readonly fills: readonly Fill[];
  /** The incoming side's quantity left after the fills. */
  readonly remainingMinor: bigint;
  /** True when the remainder goes into the book (GTC, something left, still tradable). */
  readonly rests: boolean;
}

/** One aggregated price level of the book. */
export interface DepthLevel {
  readonly priceBps: number;
  readonly quantityMinor: bigint;
  readonly count: number;
}
