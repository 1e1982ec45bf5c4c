/** What a trade's transfer of credits looks like to both apps (GET /v1/trades/:id, GET /v1/admin/trades/:id). */
export interface TradeTransferEvidence {
  reference: string | null;
  note?: string | null;
  submittedAt: string | null;
  confirmedByBuyerAt: string | null;
}

/** Where the buyer's money stands, in minor units of the trade's currency. */
export interface TradeEscrowState {
  paidMinor: number;
  heldMinor: number;
  releasedMinor: number;
  feeMinor: number;
  paidOutMinor: number;
  refundedMinor: number;
}
