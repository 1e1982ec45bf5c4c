import { Injectable } from '@nestjs/common';
import { CatalogService } from '@carryover/catalog';
import { ComplianceService } from '@carryover/compliance';
import { EscrowSettlement, LedgerService, PaymentQueryService } from '@carryover/escrow';
import {
  OrganizationDirectory,
  type Actor,
  type OrganizationView,
  type PageRequest,
} from '@carryover/identity';
import { TradeQueryService } from '@carryover/market';
import { NotFoundError, type Page } from '@carryover/shared';
import {
  toDisputeView,
  toPartyView,
  toTransferEvidence,
  type DisputeView,
  type OperatorTradeRow,
  type OperatorTradeView,
  type TradeSettlementDetail,
} from '../domain/settlement.views';
import type { DisputeStatus } from '../entities/dispute.entity';
import { DisputeRepository } from '../repositories/dispute.repository';
import {
  OperatorTradesRepository,
  type OperatorTradeFilter,
} from '../repositories/operator-trades.repository';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';

/** Trades with their settlement, as their parties and operators read them; anyone else gets 404. */
@Injectable()
export class SettlementQueryService {
  constructor(
    private readonly trades: TradeQueryService,
    private readonly settlements: SettlementTradeRepository,
    private readonly disputes: DisputeRepository,
    private readonly operatorTrades: OperatorTradesRepository,
    private readonly payments: PaymentQueryService,
    private readonly escrow: EscrowSettlement,
    private readonly ledger: LedgerService,
    private readonly directory: OrganizationDirectory,
    private readonly catalog: CatalogService,
    private readonly compliance: ComplianceService,
  ) {}

  /** GET /v1/trades/:id: the buyer's or seller's organisation, or an operator. */
  async tradeDetail(actor: Actor, tradeId: string): Promise<TradeSettlementDetail> {
    const trade = await this.trades.get(actor, tradeId);
    const [payment, escrow, settlement, dispute] = await Promise.all([
      this.payments.forTrade(tradeId),
      this.escrow.moneyState(tradeId),
      this.settlements.settlement(tradeId),
      this.disputes.forTrade(tradeId),
    ]);
    return {
      ...trade,
      payment,
      transfer: toTransferEvidence(settlement),
      escrow,
      waitingFor: settlement?.waitingFor ?? null,
      waitingSince: settlement?.waitingSince ?? null,
      providerApproval:
        settlement?.providerDecision && settlement.providerReference && settlement.providerDecidedAt
          ? {
              decision: settlement.providerDecision,
              reference: settlement.providerReference,
              decidedAt: settlement.providerDecidedAt,
            }
          : null,
      dispute: dispute ? toDisputeView(dispute) : null,
    };
  }

  /** GET /v1/admin/trades/:id: the parties' legal entities, provider, compliance and ledger besides. */
  async operatorTrade(actor: Actor, tradeId: string): Promise<OperatorTradeView> {
    const detail = await this.tradeDetail(actor, tradeId);
    const [parties, provider, compliance, ledger, settlement] = await Promise.all([
      this.directory.getMany([detail.sellerOrganizationId, detail.buyerOrganizationId]),
      this.catalog.findProvider(detail.providerCode),
      this.compliance.latest('trade', tradeId),
      this.ledger.tradeLedger(tradeId),
      this.settlements.settlement(tradeId),
    ]);
    return {
      ...detail,
      seller: toPartyView(parties.get(detail.sellerOrganizationId) as OrganizationView),
      buyer: toPartyView(parties.get(detail.buyerOrganizationId) as OrganizationView),
      provider: { code: detail.providerCode, name: provider?.name ?? detail.providerCode },
      compliance,
      ledger,
      statusEnteredAt: settlement?.statusEnteredAt ?? detail.executedAt,
      flag:
        settlement?.flaggedAt && settlement.flagReason
          ? { flaggedAt: settlement.flaggedAt, reason: settlement.flagReason }
          : null,
    };
  }

  operatorTradePage(filter: OperatorTradeFilter): Promise<Page<OperatorTradeRow>> {
    return this.operatorTrades.page(filter);
  }

  async disputePage(filter: PageRequest & { status?: DisputeStatus }): Promise<Page<DisputeView>> {
    const page = await this.disputes.page(filter);
    return { data: page.data.map(toDisputeView), nextCursor: page.nextCursor };
  }

  async dispute(disputeId: string): Promise<DisputeView> {
    const row = await this.disputes.find(disputeId);
    if (!row) throw new NotFoundError('Dispute', disputeId);
    return toDisputeView(row);
  }
}
