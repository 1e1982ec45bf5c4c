import type { TransferMethod } from '@carryover/catalog';
import type { PriceSpec, TimeInForce } from '@carryover/matching';

/** mulberry32: a small seeded PRNG, so a failing stream is reproduced from its seed alone. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

export interface ListingOp {
  readonly kind: 'listing';
  readonly seller: number;
  readonly lot: number;
  readonly quantityMinor: number;
  readonly price: PriceSpec;
  readonly minFillMinor?: number;
}

export interface OrderOp {
  readonly kind: 'order';
  readonly buyer: number;
  readonly quantityMinor: number;
  readonly maxPriceBps: number;
  readonly minDaysToExpiry: number;
  readonly transferMethods?: TransferMethod[];
  readonly minFillMinor?: number;
  readonly timeInForce: TimeInForce;
  /** A goodTill this many days ahead: far enough never to matter, but it exercises the column. */
  readonly goodTillDays?: number;
}

export interface CancelOp {
  readonly kind: 'cancel';
  readonly side: 'listing' | 'order';
  /** Which earlier listing or order, modulo how many there are when the cancel runs. */
  readonly pick: number;
}

export type MarketOp = ListingOp | OrderOp | CancelOp;

/** Who may act: seller indexes own `lotsPerSeller` lots each; buyer indexes are separate, and may be the same firms. */
export interface StreamShape {
  readonly sellers: number;
  readonly lotsPerSeller: number;
  readonly buyers: number;
}

// Narrow ranges on purpose, so equal prices (time priority), partial fills, minimum-fill refusals and
// multi-level sweeps are common. Expiry thresholds (150, 250 days) sit far from the lots' 100.5, 200.5
// and 300.5 days, so the seconds a run takes never move a pair across one.
const UNIT = 1000;
const ASK_PRICES = [7000, 7100, 7100, 7200, 7300] as const;
const BID_PRICES = [6900, 7000, 7100, 7200, 7300, 7500] as const;
const MIN_DAYS = [0, 0, 0, 150, 250] as const;
const ORDER_METHODS: readonly (TransferMethod[] | undefined)[] = [
  undefined,
  undefined,
  undefined,
  ['account_transfer'],
  ['structured_resale'],
  ['invoice_reassignment', 'structured_resale'],
];
const TIME_IN_FORCE: readonly TimeInForce[] = ['GTC', 'GTC', 'GTC', 'IOC', 'FOK'];

function minFill(rng: Prng, quantityMinor: number): number | undefined {
  if (!rng.chance(0.3)) return undefined;
  return Math.min(quantityMinor, rng.int(2, 5) * UNIT);
}

function listingOp(rng: Prng, shape: StreamShape): ListingOp {
  const quantityMinor = rng.int(1, 12) * UNIT;
  const price: PriceSpec = rng.chance(0.3)
    ? [
        { minDaysToExpiry: 0, priceBps: rng.pick(ASK_PRICES) },
        { minDaysToExpiry: 150, priceBps: rng.pick(ASK_PRICES) },
      ]
    : rng.pick(ASK_PRICES);
  return {
    kind: 'listing',
    seller: rng.int(0, shape.sellers - 1),
    lot: rng.int(0, shape.lotsPerSeller - 1),
    quantityMinor,
    price,
    minFillMinor: minFill(rng, quantityMinor),
  };
}

function orderOp(rng: Prng, shape: StreamShape): OrderOp {
  const quantityMinor = rng.int(1, 16) * UNIT + (rng.chance(0.2) ? UNIT / 2 : 0);
  return {
    kind: 'order',
    buyer: rng.int(0, shape.buyers - 1),
    quantityMinor,
    maxPriceBps: rng.pick(BID_PRICES),
    minDaysToExpiry: rng.pick(MIN_DAYS),
    transferMethods: rng.pick(ORDER_METHODS),
    minFillMinor: minFill(rng, quantityMinor),
    timeInForce: rng.pick(TIME_IN_FORCE),
    goodTillDays: rng.chance(0.2) ? 30 : undefined,
  };
}

/** A reproducible stream of listings, buy orders and cancels: 4 : 5 : 1. */
export function marketStream(seed: number, length: number, shape: StreamShape): MarketOp[] {
  const rng = new Prng(seed);
  const ops: MarketOp[] = [];
  for (let i = 0; i < length; i++) {
    const roll = rng.int(1, 10);
    if (roll <= 4) ops.push(listingOp(rng, shape));
    else if (roll <= 9) ops.push(orderOp(rng, shape));
    else
      ops.push({ kind: 'cancel', side: rng.chance(0.5) ? 'listing' : 'order', pick: rng.int(0, 1_000_000) });
  }
  return ops;
}
