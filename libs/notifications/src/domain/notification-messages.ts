import { formatMoney } from '@carryover/shared';
import type { EventFacts, TradeFacts } from './event-facts';

/** What one organisation is told about one event, in-app and by e-mail. */
export interface NotificationMessage {
  title: string;
  body: string;
  /** Path in the web app. */
  link: string;
  subject: { type: 'trade' | 'credit_lot' | 'listing' | 'order'; id: string };
}

const METHODS: Record<string, string> = {
  account_transfer: 'an account transfer',
  invoice_reassignment: 'invoice reassignment',
  structured_resale: 'a structured resale',
};

const money = (amountMinor: bigint, currency: string) => formatMoney(amountMinor, currency);
const percent = (bps: number) => `${(bps / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
const shortId = (id: string) => id.slice(0, 8);
const day = (date: Date) =>
  date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const daysText = (days: number) => (days <= 1 ? 'less than a day' : `${days} days`);

/** Plain-language title and body for a finance reader; amounts as money, e.g. $12,345.67. */
export function notificationMessage(facts: EventFacts): NotificationMessage {
  switch (facts.type) {
    case 'trade.matched':
    case 'trade.funded':
    case 'trade.transfer_requested':
    case 'trade.settled':
    case 'trade.refunded': {
      const link = `/trades/${facts.tradeId}`;
      const subject = { type: 'trade' as const, id: facts.tradeId };
      const text = facts.trade
        ? tradeText(facts.type, facts.side, facts.trade)
        : genericTradeText(facts.type, facts.tradeId);
      return { ...text, link, subject };
    }
    case 'listing.expiring': {
      const link = `/credit-lots/${facts.creditLotId}`;
      const subject = { type: 'credit_lot' as const, id: facts.creditLotId };
      const lot = facts.lot;
      if (!lot) {
        return {
          title: `Credit lot ${shortId(facts.creditLotId)} stops being tradable in ${daysText(facts.daysLeft)}`,
          body: 'Part of this credit lot is still unsold. Sell it before its last trading day or it will expire unused.',
          link,
          subject,
        };
      }
      const unsold = lot.listedMinor + lot.availableMinor;
      const where =
        lot.availableMinor > 0n
          ? `${money(lot.listedMinor, lot.currency)} is listed and ${money(lot.availableMinor, lot.currency)} is not listed yet`
          : `all of it is listed`;
      return {
        title: `${money(unsold, lot.currency)} of ${lot.providerName} credit unsold, ${daysText(facts.daysLeft)} left to sell`,
        body:
          `Your ${lot.providerName} credit lot ${lot.accountReference} still has ${money(unsold, lot.currency)} unsold ` +
          `(${where}). It can be traded until ${day(lot.tradableUntil)}; after that it can no longer be sold. ` +
          `List the rest or lower your price to sell it in time.`,
        link,
        subject,
      };
    }
    case 'listing.expired': {
      const link = `/listings/${facts.listingId}`;
      const subject = { type: 'listing' as const, id: facts.listingId };
      const listing = facts.listing;
      if (!listing) {
        return {
          title: `Listing ${shortId(facts.listingId)} expired`,
          body: 'The listing reached its last trading day. Its unsold quantity was returned to your credit lot.',
          link,
          subject,
        };
      }
      const unsold = listing.quantityMinor - listing.filledMinor;
      return {
        title: `Listing expired: ${money(unsold, listing.currency)} of ${listing.providerName} credit unsold`,
        body:
          `Your listing of ${money(listing.quantityMinor, listing.currency)} of ${listing.providerName} credit ` +
          `reached its last trading day. ${money(listing.filledMinor, listing.currency)} was sold; the unsold ` +
          `${money(unsold, listing.currency)} was returned to your credit lot and can no longer be listed.`,
        link,
        subject,
      };
    }
    case 'order.filled': {
      const link = `/orders/${facts.orderId}`;
      const subject = { type: 'order' as const, id: facts.orderId };
      const order = facts.order;
      if (!order) {
        return {
          title: `Buy order ${shortId(facts.orderId)} filled`,
          body: 'Your buy order has been filled. Pay for each of its trades to receive the credit.',
          link,
          subject,
        };
      }
      return {
        title: `Buy order filled: ${money(order.filledMinor, order.currency)} of ${order.providerName} credit`,
        body:
          `Your buy order for ${money(order.quantityMinor, order.currency)} of ${order.providerName} credit has ` +
          `been filled. Pay for each of its trades to have the credit transferred to you.`,
        link,
        subject,
      };
    }
  }
}

function tradeText(type: string, side: 'buy' | 'sell', t: TradeFacts): { title: string; body: string } {
  const credit = `${money(t.quantityMinor, t.currency)} of ${t.providerName} credit`;
  const gross = money(t.grossMinor, t.currency);
  const fee = money(t.feeMinor, t.currency);
  const proceeds = money(t.sellerProceedsMinor, t.currency);
  const method = METHODS[t.transferMethod] ?? t.transferMethod.replace(/_/g, ' ');
  const seller = side === 'sell';
  switch (type) {
    case 'trade.matched':
      return seller
        ? {
            title: `Sale agreed: ${credit} for ${gross}`,
            body:
              `A buyer agreed to buy ${credit} at ${percent(t.priceBps)} of face value, for ${gross}. ` +
              `After the platform fee of ${fee} you will receive ${proceeds} once the transfer is verified. ` +
              `Nothing is needed from you until the buyer has paid.`,
          }
        : {
            title: `Purchase agreed: ${credit} for ${gross}`,
            body:
              `Your order matched ${credit} at ${percent(t.priceBps)} of face value. Pay ${gross} into escrow ` +
              `to go ahead; the money is held until the credit has been transferred to you.`,
          };
    case 'trade.funded':
      return seller
        ? {
            title: `Buyer paid ${gross} for ${credit}`,
            body:
              `The buyer's payment of ${gross} is held in escrow. We will tell you when to transfer the credit; ` +
              `you receive ${proceeds} after the transfer has been verified.`,
          }
        : {
            title: `Payment received: ${gross} held in escrow`,
            body:
              `Your payment of ${gross} for ${credit} is held in escrow. It is released to the seller only ` +
              `after the transfer to you has been verified.`,
          };
    case 'trade.transfer_requested':
      return seller
        ? {
            title: `Action needed: transfer ${credit}`,
            body:
              `Please transfer ${credit} to the buyer by ${method} and submit the transfer reference in ` +
              `Carryover. If it is not submitted in time, the buyer is refunded and the sale is cancelled.`,
          }
        : {
            title: `Waiting for the seller to transfer ${credit}`,
            body:
              `The seller has been asked to transfer ${credit} to you by ${method}. We will let you know ` +
              `when the transfer has been submitted; your ${gross} stays in escrow until then.`,
          };
    case 'trade.settled':
      return seller
        ? {
            title: `Paid: ${proceeds} for ${credit}`,
            body:
              `The transfer was verified and ${proceeds} (${gross} less the platform fee of ${fee}) has been ` +
              `released to your payout account.`,
          }
        : {
            title: `Trade complete: ${credit}`,
            body: `The transfer was verified and your payment of ${gross} has been released to the seller.`,
          };
    default:
      return seller
        ? {
            title: `Trade cancelled: the buyer was refunded ${gross}`,
            body:
              `The trade for ${credit} did not complete and the buyer's payment of ${gross} was refunded. ` +
              `No payout will be made for it.`,
          }
        : {
            title: `Refunded: ${gross}`,
            body:
              `Your payment of ${gross} for ${credit} has been refunded. A refund usually reaches your ` +
              `account within 5 to 10 business days.`,
          };
  }
}

function genericTradeText(type: string, tradeId: string): { title: string; body: string } {
  const what: Record<string, string> = {
    'trade.matched': 'was agreed',
    'trade.funded': 'has been paid into escrow',
    'trade.transfer_requested': 'is waiting for the credit transfer',
    'trade.settled': 'is complete',
    'trade.refunded': 'was refunded',
  };
  return {
    title: `Trade ${shortId(tradeId)} ${what[type] ?? 'was updated'}`,
    body: `Trade ${tradeId} ${what[type] ?? 'was updated'}. Open it in Carryover for the details.`,
  };
}
