import { minorToSafeNumber } from '@carryover/shared';
import type { EventFacts } from './event-facts';

/** The JSON every delivery POSTs; `id` is the event id, the same on every retry and every endpoint. */
export interface WebhookBody {
  id: string;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

const amount = (minor: bigint) => minorToSafeNumber(minor);

/** The `data` of an event for one organisation: its side's view, amounts in minor units. */
export function webhookData(facts: EventFacts): Record<string, unknown> {
  switch (facts.type) {
    case 'listing.expiring': {
      const lot = facts.lot;
      return {
        creditLotId: facts.creditLotId,
        listingId: facts.listingId,
        daysLeft: facts.daysLeft,
        ...(lot && {
          providerCode: lot.providerCode,
          currency: lot.currency,
          tradableUntil: lot.tradableUntil.toISOString(),
          unsoldMinor: amount(lot.listedMinor + lot.availableMinor),
          listedMinor: amount(lot.listedMinor),
          availableMinor: amount(lot.availableMinor),
        }),
      };
    }
    case 'listing.expired': {
      const listing = facts.listing;
      return {
        listingId: facts.listingId,
        ...(listing && {
          creditLotId: listing.creditLotId,
          providerCode: listing.providerCode,
          currency: listing.currency,
          quantityMinor: amount(listing.quantityMinor),
          filledMinor: amount(listing.filledMinor),
          unsoldMinor: amount(listing.quantityMinor - listing.filledMinor),
        }),
      };
    }
    case 'order.filled': {
      const order = facts.order;
      return {
        orderId: facts.orderId,
        ...(order && {
          providerCode: order.providerCode,
          currency: order.currency,
          quantityMinor: amount(order.quantityMinor),
          filledMinor: amount(order.filledMinor),
        }),
      };
    }
    default: {
      const trade = facts.trade;
      return {
        tradeId: facts.tradeId,
        status: facts.status,
        previousStatus: facts.previousStatus,
        side: facts.side,
        ...(trade && {
          providerCode: trade.providerCode,
          currency: trade.currency,
          quantityMinor: amount(trade.quantityMinor),
          priceBps: trade.priceBps,
          grossMinor: amount(trade.grossMinor),
          feeMinor: amount(trade.feeMinor),
          sellerProceedsMinor: amount(trade.sellerProceedsMinor),
          transferMethod: trade.transferMethod,
        }),
      };
    }
  }
}

/** The exact text sent (and signed): stored with the delivery so every attempt sends the same bytes. */
export function webhookBodyText(body: WebhookBody): string {
  return JSON.stringify({ id: body.id, type: body.type, createdAt: body.createdAt, data: body.data });
}
