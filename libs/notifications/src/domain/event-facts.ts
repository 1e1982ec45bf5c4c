/** What a notification says about a trade, read as the receiving organisation sees it. */
export interface TradeFacts {
  id: string;
  providerCode: string;
  providerName: string;
  currency: string;
  quantityMinor: bigint;
  priceBps: number;
  grossMinor: bigint;
  feeMinor: bigint;
  sellerProceedsMinor: bigint;
  transferMethod: string;
}

export interface LotFacts {
  id: string;
  providerCode: string;
  providerName: string;
  accountReference: string;
  currency: string;
  listedMinor: bigint;
  availableMinor: bigint;
  tradableUntil: Date;
}

export interface ListingFacts {
  id: string;
  creditLotId: string;
  providerCode: string;
  providerName: string;
  currency: string;
  quantityMinor: bigint;
  filledMinor: bigint;
}

export interface OrderFacts {
  id: string;
  providerCode: string;
  providerName: string;
  currency: string;
  quantityMinor: bigint;
  filledMinor: bigint;
}

/**
 * One organisation's view of one event: which side of a trade it is on and what could be read about the
 * subject (null when it could not be read, e.g. a trade not visible to it: the message then stays generic).
 */
export type EventFacts =
  | {
      type:
        'trade.matched' | 'trade.funded' | 'trade.transfer_requested' | 'trade.settled' | 'trade.refunded';
      tradeId: string;
      status: string;
      previousStatus: string | null;
      side: 'buy' | 'sell';
      trade: TradeFacts | null;
    }
  | {
      type: 'listing.expiring';
      creditLotId: string;
      listingId: string | null;
      daysLeft: number;
      lot: LotFacts | null;
    }
  | { type: 'listing.expired'; listingId: string; listing: ListingFacts | null }
  | { type: 'order.filled'; orderId: string; order: OrderFacts | null };
