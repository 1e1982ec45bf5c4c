import type { RefundStatus } from './trade-refund.entity';
import type { TransferStatus } from './trade-transfer.entity';

/** What escrow needs of a trade to pay its seller or refund its buyer; the settlement domain passes it. */
export interface SettlementMoneyTrade {
  id: string;
  currency: string;
  grossMinor: bigint;
  feeMinor: bigint;
  sellerProceedsMinor: bigint;
  sellerOrganizationId: string;
  buyerOrganizationId: string;
}

/** A transfer of a trade's proceeds made at the provider; `recorded` once its id is on the trade's row. */
export interface ProceedsTransfer {
  transferId: string;
  amountMinor: bigint;
  destinationAccountId: string;
  recorded: boolean;
}

export interface TradeTransferState {
  step: string;
  transferId: string | null;
  status: TransferStatus;
  amountMinor: bigint;
  amountReversedMinor: bigint;
  lastError: { code: string; message: string } | null;
  confirmedAt: Date | null;
}

export interface TradeRefundState {
  step: string;
  refundId: string | null;
  status: RefundStatus;
  amountMinor: bigint;
  lastError: { code: string; message: string } | null;
  confirmedAt: Date | null;
}

/** A trade's money as the ledger and the provider steps recorded it, for GET /v1/trades/:id. */
export interface TradeMoneyState {
  /** The ledger's currency for the trade; null before anything was posted. */
  currency: string | null;
  /** Paid in by the buyer (the fund journal). */
  paidMinor: bigint;
  /** Held in escrow now. */
  escrowHeldMinor: bigint;
  /** Released from escrow: the seller's proceeds plus the platform fee. */
  releasedMinor: bigint;
  /** The platform fee kept on release. */
  feeMinor: bigint;
  /** Released proceeds not yet transferred. */
  sellerPayableMinor: bigint;
  /** Transferred to the seller. */
  paidOutMinor: bigint;
  /** Returned to the buyer, all refund steps together. */
  refundedMinor: bigint;
  /** The proceeds transfer, once one was asked for. */
  transfer: TradeTransferState | null;
  refunds: TradeRefundState[];
}
