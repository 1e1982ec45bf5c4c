import type { TransferMethod } from '@carryover/catalog';
import type { StoredComplianceResult } from '@carryover/compliance';
import type { PaymentState, TradeLedgerBalances, TradeMoneyState } from '@carryover/escrow';
import type { OrganizationView } from '@carryover/identity';
import type { TradeDetail, TradeStatus } from '@carryover/market';
import type { DisputeEntity, DisputeOutcome, DisputeStatus } from '../entities/dispute.entity';
import type {
  ProviderDecision,
  TradeSettlementEntity,
  WaitingReason,
} from '../entities/trade-settlement.entity';

export interface TransferEvidence {
  reference: string | null;
  note: string | null;
  submittedAt: Date | null;
  confirmedByBuyerAt: Date | null;
}

export interface ProviderApprovalView {
  decision: ProviderDecision;
  reference: string;
  decidedAt: Date;
}

export interface DisputeView {
  id: string;
  tradeId: string;
  status: DisputeStatus;
  openedBy: { organizationId: string; side: 'buy' | 'sell'; userId: string | null };
  reason: string;
  /** The trade's status when the dispute froze it. */
  frozenStatus: string;
  outcome: DisputeOutcome | null;
  refundMinor: bigint | null;
  resolvedByUserId: string | null;
  resolutionReason: string | null;
  openedAt: Date;
  resolvedAt: Date | null;
}

/** A trade with its settlement: what GET /v1/trades/:id shows its parties and operators. */
export interface TradeSettlementDetail extends TradeDetail {
  payment: PaymentState;
  transfer: TransferEvidence;
  escrow: TradeMoneyState;
  waitingFor: WaitingReason | null;
  waitingSince: Date | null;
  providerApproval: ProviderApprovalView | null;
  dispute: DisputeView | null;
}

export interface PartyView {
  id: string;
  name: string;
  legalEntityName: string;
  country: string;
  kycStatus: string;
}

/** Everything an operator needs to verify, release, refund or resolve a trade. */
export interface OperatorTradeView extends TradeSettlementDetail {
  seller: PartyView;
  buyer: PartyView;
  provider: { code: string; name: string };
  compliance: StoredComplianceResult | null;
  ledger: {
    journals: Array<{ step: string; currency: string; amountMinor: bigint }>;
    balances: TradeLedgerBalances;
  };
  statusEnteredAt: Date;
  flag: { flaggedAt: Date; reason: string } | null;
}

/** A row of the operators' trade list. */
export interface OperatorTradeRow {
  id: string;
  status: TradeStatus;
  providerCode: string;
  currency: string;
  quantityMinor: bigint;
  priceBps: number;
  grossMinor: bigint;
  feeMinor: bigint;
  sellerProceedsMinor: bigint;
  transferMethod: TransferMethod;
  requiresProviderApproval: boolean;
  daysToExpiry: number;
  listingId: string;
  orderId: string;
  sellerOrganizationId: string;
  buyerOrganizationId: string;
  executedAt: Date;
  createdAt: Date;
  statusEnteredAt: Date;
  waitingFor: WaitingReason | null;
  flaggedAt: Date | null;
  flagReason: string | null;
}

export function toDisputeView(row: DisputeEntity): DisputeView {
  return {
    id: row.id,
    tradeId: row.tradeId,
    status: row.status,
    openedBy: {
      organizationId: row.openedByOrganizationId,
      side: row.openedBySide,
      userId: row.openedByUserId,
    },
    reason: row.reason,
    frozenStatus: row.frozenStatus,
    outcome: row.outcome,
    refundMinor: row.refundMinor,
    resolvedByUserId: row.resolvedByUserId,
    resolutionReason: row.resolutionReason,
    openedAt: row.openedAt,
    resolvedAt: row.resolvedAt,
  };
}

export function toTransferEvidence(row: TradeSettlementEntity | null): TransferEvidence {
  return {
    reference: row?.transferReference ?? null,
    note: row?.transferNote ?? null,
    submittedAt: row?.transferSubmittedAt ?? null,
    confirmedByBuyerAt: row?.buyerConfirmedAt ?? null,
  };
}

export function toPartyView(organization: OrganizationView): PartyView {
  return {
    id: organization.id,
    name: organization.name,
    legalEntityName: organization.legalEntityName,
    country: organization.country,
    kycStatus: organization.kycStatus,
  };
}
