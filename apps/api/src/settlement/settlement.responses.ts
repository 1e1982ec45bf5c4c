import { ApiProperty } from '@nestjs/swagger';
import { LEDGER_ACCOUNTS, type TradeMoneyState } from '@carryover/escrow';
import {
  DISPUTE_OUTCOMES,
  DISPUTE_STATUSES,
  WAITING_REASONS,
  type DisputeView,
  type OperatorTradeRow,
  type OperatorTradeView,
  type PartyView,
  type TradeSettlementDetail,
} from '@carryover/settlement';
import { minorToSafeNumber as n } from '@carryover/shared';
import { ComplianceResponse, toComplianceResponse } from '../compliance/compliance.response';
import { PaymentResponse, toPaymentResponse } from '../escrow/payments.dto';
import { TimelineEntryResponse, TradeResponse, toTradeResponse } from '../market/market.responses';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export class TransferEvidenceResponse {
  @ApiProperty({ type: String, nullable: true, description: 'the seller’s transfer reference' })
  reference!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedByBuyerAt!: string | null;
}

export class ProviderStepErrorResponse {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class EscrowTransferResponse {
  @ApiProperty({ type: String, nullable: true, description: 'the Stripe transfer (tr_...)' }) transferId!:
    string | null;
  @ApiProperty({ enum: ['pending', 'created', 'confirmed', 'reversed'] }) status!: string;
  @ApiProperty() amountMinor!: number;
  @ApiProperty() amountReversedMinor!: number;
  @ApiProperty({ type: ProviderStepErrorResponse, nullable: true })
  lastError!: ProviderStepErrorResponse | null;
}

export class EscrowRefundResponse {
  @ApiProperty({ example: 'refund' }) step!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the Stripe refund (re_...)' }) refundId!:
    string | null;
  @ApiProperty({ enum: ['pending', 'created', 'confirmed', 'failed'] }) status!: string;
  @ApiProperty() amountMinor!: number;
  @ApiProperty({ type: ProviderStepErrorResponse, nullable: true })
  lastError!: ProviderStepErrorResponse | null;
}

export class EscrowStateResponse {
  @ApiProperty({ description: 'paid in by the buyer' }) paidMinor!: number;
  @ApiProperty({ description: 'held in escrow now' }) heldMinor!: number;
  @ApiProperty({ description: 'released from escrow (proceeds and fee)' }) releasedMinor!: number;
  @ApiProperty({ description: 'the platform fee kept on release' }) feeMinor!: number;
  @ApiProperty({ description: 'transferred to the seller' }) paidOutMinor!: number;
  @ApiProperty({ description: 'returned to the buyer' }) refundedMinor!: number;
  @ApiProperty({ type: EscrowTransferResponse, nullable: true }) transfer!: EscrowTransferResponse | null;
  @ApiProperty({ type: [EscrowRefundResponse] }) refunds!: EscrowRefundResponse[];
}

export class ProviderApprovalResponse {
  @ApiProperty({ enum: ['approved', 'denied'] }) decision!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
}

export class DisputeOpenerResponse {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: ['buy', 'sell'] }) side!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null when an API key opened it',
  })
  userId!: string | null;
}

export class DisputeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tradeId!: string;
  @ApiProperty({ enum: DISPUTE_STATUSES }) status!: string;
  @ApiProperty({ type: DisputeOpenerResponse }) openedBy!: DisputeOpenerResponse;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'the trade’s status when the dispute froze it' }) frozenStatus!: string;
  @ApiProperty({ enum: DISPUTE_OUTCOMES, nullable: true, type: String }) outcome!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'partial_refund: back to the buyer' })
  refundMinor!: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) resolvedByUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolutionReason!: string | null;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
}

export class DisputePageResponse {
  @ApiProperty({ type: [DisputeResponse] }) data!: DisputeResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** GET /v1/trades/:id: the trade, its timeline, payment, transfer and escrow. */
export class TradeSettlementResponse extends TradeResponse {
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline!: TimelineEntryResponse[];
  @ApiProperty({ type: PaymentResponse, description: 'the buyer’s escrow payment' })
  payment!: PaymentResponse;
  @ApiProperty({ type: TransferEvidenceResponse }) transfer!: TransferEvidenceResponse;
  @ApiProperty({ type: EscrowStateResponse, description: 'the trade’s money as the ledger holds it' })
  escrow!: EscrowStateResponse;
  @ApiProperty({
    enum: WAITING_REASONS,
    nullable: true,
    type: String,
    description: 'why the trade is not moving on, e.g. seller_payouts_not_enabled while releasing',
  })
  waitingFor!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) waitingSince!: string | null;
  @ApiProperty({ type: ProviderApprovalResponse, nullable: true })
  providerApproval!: ProviderApprovalResponse | null;
  @ApiProperty({ type: DisputeResponse, nullable: true }) dispute!: DisputeResponse | null;
}

export class PartyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() legalEntityName!: string;
  @ApiProperty() country!: string;
  @ApiProperty({ enum: ['pending', 'verified', 'rejected'] }) kycStatus!: string;
}

export class ProviderRefResponse {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class LedgerJournalTotalResponse {
  @ApiProperty({ example: 'fund', description: 'fund, release, payout, refund, refund:<n>' }) step!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'the journal’s debit total' }) amountMinor!: number;
}

export class TradeLedgerResponse {
  @ApiProperty({ type: [LedgerJournalTotalResponse] }) journals!: LedgerJournalTotalResponse[];
  @ApiProperty({
    description: 'the trade’s balance per ledger account, on each account’s normal side',
    example: { escrow_held: 0, seller_payable: 0, fee_revenue: 3600 },
  })
  balances!: Record<string, number>;
}

export class TradeFlagResponse {
  @ApiProperty({ format: 'date-time' }) flaggedAt!: string;
  @ApiProperty() reason!: string;
}

/** GET /v1/admin/trades/:id: what an operator needs to verify, release, refund or resolve. */
export class OperatorTradeResponse extends TradeSettlementResponse {
  @ApiProperty({ type: PartyResponse }) seller!: PartyResponse;
  @ApiProperty({ type: PartyResponse }) buyer!: PartyResponse;
  @ApiProperty({ type: ProviderRefResponse }) provider!: ProviderRefResponse;
  @ApiProperty({
    type: ComplianceResponse,
    nullable: true,
    description: 'the latest check: at release once it ran, else at match',
  })
  compliance!: ComplianceResponse | null;
  @ApiProperty({ type: TradeLedgerResponse }) ledger!: TradeLedgerResponse;
  @ApiProperty({ format: 'date-time', description: 'when the trade entered its current status' })
  statusEnteredAt!: string;
  @ApiProperty({
    type: TradeFlagResponse,
    nullable: true,
    description: 'set when a step outlasted its window',
  })
  flag!: TradeFlagResponse | null;
}

export class OperatorTradeRowResponse extends TradeResponse {
  @ApiProperty({ format: 'uuid' }) sellerOrganizationId!: string;
  @ApiProperty({ format: 'uuid' }) buyerOrganizationId!: string;
  @ApiProperty({ format: 'date-time' }) statusEnteredAt!: string;
  @ApiProperty({ enum: WAITING_REASONS, nullable: true, type: String }) waitingFor!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) flaggedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) flagReason!: string | null;
}

export class OperatorTradePageResponse {
  @ApiProperty({ type: [OperatorTradeRowResponse] }) data!: OperatorTradeRowResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toDisputeResponse(view: DisputeView): DisputeResponse {
  return {
    ...view,
    refundMinor: view.refundMinor === null ? null : n(view.refundMinor),
    openedAt: view.openedAt.toISOString(),
    resolvedAt: iso(view.resolvedAt),
  };
}

function toEscrowResponse(state: TradeMoneyState): EscrowStateResponse {
  const error = (e: { code: string; message: string } | null) =>
    e ? { code: e.code, message: e.message } : null;
  return {
    paidMinor: n(state.paidMinor),
    heldMinor: n(state.escrowHeldMinor),
    releasedMinor: n(state.releasedMinor),
    feeMinor: n(state.feeMinor),
    paidOutMinor: n(state.paidOutMinor),
    refundedMinor: n(state.refundedMinor),
    transfer: state.transfer
      ? {
          transferId: state.transfer.transferId,
          status: state.transfer.status,
          amountMinor: n(state.transfer.amountMinor),
          amountReversedMinor: n(state.transfer.amountReversedMinor),
          lastError: error(state.transfer.lastError),
        }
      : null,
    refunds: state.refunds.map((refund) => ({
      step: refund.step,
      refundId: refund.refundId,
      status: refund.status,
      amountMinor: n(refund.amountMinor),
      lastError: error(refund.lastError),
    })),
  };
}

export function toTradeSettlementResponse(detail: TradeSettlementDetail): TradeSettlementResponse {
  return {
    ...toTradeResponse(detail, detail.side),
    timeline: detail.timeline.map((e) => ({
      status: e.status,
      at: e.at.toISOString(),
      actor: e.actor.type,
      reason: e.reason,
    })),
    payment: toPaymentResponse(detail.payment),
    transfer: {
      reference: detail.transfer.reference,
      note: detail.transfer.note,
      submittedAt: iso(detail.transfer.submittedAt),
      confirmedByBuyerAt: iso(detail.transfer.confirmedByBuyerAt),
    },
    escrow: toEscrowResponse(detail.escrow),
    waitingFor: detail.waitingFor,
    waitingSince: iso(detail.waitingSince),
    providerApproval: detail.providerApproval
      ? { ...detail.providerApproval, decidedAt: detail.providerApproval.decidedAt.toISOString() }
      : null,
    dispute: detail.dispute ? toDisputeResponse(detail.dispute) : null,
  };
}

const toParty = (party: PartyView): PartyResponse => ({ ...party });

export function toOperatorTradeResponse(view: OperatorTradeView): OperatorTradeResponse {
  const balances = Object.fromEntries(
    (Object.keys(LEDGER_ACCOUNTS) as Array<keyof typeof view.ledger.balances>).map((account) => [
      account,
      n(view.ledger.balances[account]),
    ]),
  );
  return {
    ...toTradeSettlementResponse(view),
    seller: toParty(view.seller),
    buyer: toParty(view.buyer),
    provider: view.provider,
    compliance: view.compliance ? toComplianceResponse(view.compliance) : null,
    ledger: {
      journals: view.ledger.journals.map((j) => ({
        step: j.step,
        currency: j.currency,
        amountMinor: n(j.amountMinor),
      })),
      balances,
    },
    statusEnteredAt: view.statusEnteredAt.toISOString(),
    flag: view.flag ? { flaggedAt: view.flag.flaggedAt.toISOString(), reason: view.flag.reason } : null,
  };
}

export function toOperatorTradeRowResponse(row: OperatorTradeRow): OperatorTradeRowResponse {
  return {
    ...toTradeResponse(row, null),
    sellerOrganizationId: row.sellerOrganizationId,
    buyerOrganizationId: row.buyerOrganizationId,
    statusEnteredAt: row.statusEnteredAt.toISOString(),
    waitingFor: row.waitingFor,
    flaggedAt: iso(row.flaggedAt),
    flagReason: row.flagReason,
  };
}
