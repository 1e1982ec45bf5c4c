/** The portal's words for the API's codes: finance teams read these, not enum names. */

export const TRANSFER_METHOD_LABEL: Record<string, string> = {
  account_transfer: 'Account transfer',
  invoice_reassignment: 'Invoice reassignment',
  structured_resale: 'Structured resale',
};

export const CREDIT_SOURCE_LABEL: Record<string, string> = {
  prepaid_purchase: 'Prepaid purchase',
  commitment: 'Commitment',
  promotional_grant: 'Promotional grant',
};

export const ROLE_LABEL: Record<string, string> = {
  org_admin: 'Administrator',
  trader: 'Trader',
  viewer: 'Viewer',
};

export const ROLE_HELP: Record<string, string> = {
  org_admin: 'Everything a trader does, plus members, API keys, webhooks and payouts',
  trader: 'Registers lots, lists, buys, pays and submits transfers',
  viewer: 'Reads everything, changes nothing',
};

/** A lot's verification in one plain sentence. */
export function lotVerificationText(lot: { status: string; verificationReason: string | null }): string {
  switch (lot.status) {
    case 'verified':
      return 'Verified by Carryover: the balance matches the provider statement.';
    case 'rejected':
      return `Rejected by Carryover${lot.verificationReason ? `: ${lot.verificationReason}` : '.'}`;
    default:
      return 'Waiting for Carryover to check the balance against the statement you gave.';
  }
}

export const LOT_STATUS_LABEL: Record<string, string> = {
  pending_verification: 'Being verified',
  verified: 'Verified',
  rejected: 'Rejected',
};

/** What a trade's status means, said from where this firm stands. */
export function tradeStatusText(status: string, side: 'buy' | 'sell' | null): string {
  const buyer = side === 'buy';
  switch (status) {
    case 'awaiting_payment':
      return buyer ? 'Waiting for your payment' : 'Waiting for the buyer to pay';
    case 'funded':
      return 'Paid into escrow';
    case 'awaiting_provider_approval':
      return 'Waiting for the provider to approve the resale';
    case 'transfer_pending':
      return buyer
        ? 'Waiting for the seller to transfer the credit'
        : 'Waiting for you to transfer the credit';
    case 'transfer_submitted':
      return 'Transfer reported';
    case 'verifying':
      return 'Carryover is verifying the transfer';
    case 'releasing':
      return buyer ? 'Verified; paying the seller' : 'Verified; paying you';
    case 'settled':
      return 'Settled';
    case 'cancelled':
      return 'Cancelled';
    case 'refunding':
      return 'Refunding the buyer';
    case 'refunded':
      return 'Refunded';
    case 'partially_refunded':
      return 'Partly refunded';
    case 'disputed':
      return 'Disputed: frozen until Carryover resolves it';
    default:
      return status.replaceAll('_', ' ');
  }
}

/** A trade's past steps, for its timeline. */
export const TIMELINE_LABEL: Record<string, string> = {
  awaiting_payment: 'Matched; waiting for payment',
  funded: 'Paid into escrow',
  awaiting_provider_approval: 'Provider’s approval requested',
  transfer_pending: 'Seller asked to transfer the credit',
  transfer_submitted: 'Transfer reported by the seller',
  verifying: 'Carryover verifying the transfer',
  releasing: 'Transfer verified; paying the seller',
  settled: 'Settled',
  cancelled: 'Cancelled',
  refunding: 'Refunding the buyer',
  refunded: 'Refunded',
  partially_refunded: 'Partly refunded',
  disputed: 'Disputed',
};

export const LISTING_STATUS_LABEL: Record<string, string> = {
  pending_review: 'In compliance review',
  active: 'On sale',
  partially_filled: 'Partly sold',
  filled: 'Sold',
  cancelled: 'Withdrawn',
  expired: 'Expired',
  rejected: 'Rejected',
};

export const ORDER_STATUS_LABEL: Record<string, string> = {
  open: 'Open',
  partially_filled: 'Partly filled',
  filled: 'Filled',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

export const TIME_IN_FORCE_HELP: Record<string, string> = {
  GTC: 'Good till cancelled: what is not bought now waits in the market',
  IOC: 'Immediate or cancel: buy what is available now, drop the rest',
  FOK: 'Fill or kill: buy all of it now, or nothing',
};

export const WAITING_TEXT: Record<string, string> = {
  seller_payouts_not_enabled:
    'The seller has not finished setting up payouts; the money is released once they do.',
  compliance_blocked: 'A compliance check stopped the release; Carryover is looking at it.',
  payment_provider_unavailable: 'The payment provider is not answering; Carryover retries automatically.',
};

/** Listing and order statuses that can still be cancelled. */
export const OPEN_LISTING = new Set(['pending_review', 'active', 'partially_filled']);
export const OPEN_ORDER = new Set(['open', 'partially_filled']);
