import { ValidationError } from '@carryover/shared';
import type { LedgerLine, LedgerTrade, PostJournalCommand } from './ledger.types';

/** Refunds are `refund` (the whole) or `refund:<n>` (the n-th partial refund). */
export const REFUND_STEP = /^refund(:[1-9][0-9]{0,5})?$/;

function tradeJournal(
  trade: LedgerTrade,
  step: string,
  description: string,
  lines: LedgerLine[],
): PostJournalCommand {
  return { tradeId: trade.id, step, currency: trade.currency, description, lines };
}

function positive(field: string, amountMinor: bigint): void {
  if (amountMinor <= 0n)
    throw new ValidationError([{ field, message: 'must be a positive amount of minor units' }]);
}

/** The buyer's payment lands in Stripe and is owed back to the trade: stripe_cash / escrow_held. */
export function fundJournal(trade: LedgerTrade, amountMinor: bigint): PostJournalCommand {
  positive('amountMinor', amountMinor);
  return tradeJournal(trade, 'fund', `Buyer payment held in escrow for trade ${trade.id}`, [
    { account: 'stripe_cash', debitMinor: amountMinor },
    { account: 'escrow_held', creditMinor: amountMinor },
  ]);
}

/** Escrow splits into the seller's proceeds and the platform fee: escrow_held / seller_payable + fee_revenue. */
export function releaseJournal(
  trade: LedgerTrade,
  amounts: { proceedsMinor: bigint; feeMinor: bigint },
): PostJournalCommand {
  const { proceedsMinor, feeMinor } = amounts;
  if (proceedsMinor < 0n || feeMinor < 0n || proceedsMinor + feeMinor === 0n) {
    throw new ValidationError([
      { field: 'proceedsMinor', message: 'proceeds and fee must be >= 0, not both 0' },
    ]);
  }
  const lines: LedgerLine[] = [{ account: 'escrow_held', debitMinor: proceedsMinor + feeMinor }];
  if (proceedsMinor > 0n) lines.push({ account: 'seller_payable', creditMinor: proceedsMinor });
  if (feeMinor > 0n) lines.push({ account: 'fee_revenue', creditMinor: feeMinor });
  return tradeJournal(trade, 'release', `Escrow released to the seller for trade ${trade.id}`, lines);
}

/** The Stripe transfer to the seller's account: seller_payable / stripe_cash. */
export function payoutJournal(
  trade: LedgerTrade,
  amountMinor: bigint,
  transferId: string | null = null,
): PostJournalCommand {
  positive('amountMinor', amountMinor);
  const reference = transferId ? ` (${transferId})` : '';
  return tradeJournal(trade, 'payout', `Seller proceeds transferred for trade ${trade.id}${reference}`, [
    { account: 'seller_payable', debitMinor: amountMinor },
    { account: 'stripe_cash', creditMinor: amountMinor },
  ]);
}

/** Escrow returned to the buyer: escrow_held / stripe_cash. */
export function refundJournal(trade: LedgerTrade, amountMinor: bigint, step = 'refund'): PostJournalCommand {
  positive('amountMinor', amountMinor);
  if (!REFUND_STEP.test(step)) {
    throw new ValidationError([{ field: 'step', message: 'a refund step is "refund" or "refund:<n>"' }]);
  }
  return tradeJournal(trade, step, `Escrow refunded to the buyer for trade ${trade.id} (${step})`, [
    { account: 'escrow_held', debitMinor: amountMinor },
    { account: 'stripe_cash', creditMinor: amountMinor },
  ]);
}

/** Stripe's processing fee on the trade's charge, taken from the platform balance: stripe_fees / stripe_cash. */
export function stripeFeeJournal(trade: LedgerTrade, amountMinor: bigint): PostJournalCommand {
  positive('amountMinor', amountMinor);
  return tradeJournal(trade, 'stripe_fee', `Stripe processing fee for trade ${trade.id}`, [
    { account: 'stripe_fees', debitMinor: amountMinor },
    { account: 'stripe_cash', creditMinor: amountMinor },
  ]);
}
