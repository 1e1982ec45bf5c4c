import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EscrowSettlement, PayoutsNotEnabledError, type ProceedsTransfer } from '@carryover/escrow';
import { computeTradeAmounts } from '@carryover/shared';
import { toMoneyTrade, type SettlementTrade } from '../domain/settlement-trade';
import { DisputeRepository } from '../repositories/dispute.repository';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import { TradeWaiting } from '../services/trade-waiting.service';
import { SYSTEM, TradeStateMachine } from '../state-machine/trade-state-machine.service';

/**
 * Carries out a dispute resolved with a partial refund: `refundMinor` back to the buyer, the remainder of
 * the gross released to the seller with the fee recomputed on it, so refund + fee + proceeds = gross.
 * Both Stripe calls run outside any transaction (idempotent per trade and step); then one transaction
 * records the transfer, posts the refund, release and payout journals and moves disputed ->
 * partially_refunded. Nothing moves until the seller can receive transfers.
 */
@Injectable()
export class SettlePartialRefundUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly machine: TradeStateMachine,
    private readonly trades: SettlementTradeRepository,
    private readonly disputes: DisputeRepository,
    private readonly escrow: EscrowSettlement,
    private readonly waiting: TradeWaiting,
  ) {}

  async execute(tradeId: string): Promise<'partially_refunded' | 'waiting' | 'nothing'> {
    const trade = await this.trades.find(tradeId);
    if (trade?.status !== 'disputed') return 'nothing';
    const dispute = await this.disputes.forTrade(tradeId);
    if (dispute?.outcome !== 'partial_refund' || dispute.refundMinor === null) return 'nothing';
    const split = splitPartialRefund(trade, dispute.refundMinor);
    if (!(await this.escrow.sellerPayoutsEnabled(trade.sellerOrganizationId))) {
      return this.waiting.forPayouts(tradeId, 'disputed');
    }
    const money = toMoneyTrade(trade);
    const { refundId } = await this.escrow
      .refundBuyer(money, split.refundMinor, 'refund')
      .catch((error: unknown) => this.waiting.forProvider(tradeId, 'disputed', error));
    let transfer: ProceedsTransfer | null = null;
    if (split.proceedsMinor > 0n) {
      try {
        transfer = await this.escrow.makeTransfer(money, split.proceedsMinor);
      } catch (error) {
        if (error instanceof PayoutsNotEnabledError) return this.waiting.forPayouts(tradeId, 'disputed');
        return this.waiting.forProvider(tradeId, 'disputed', error);
      }
    }
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.machine.lock(manager, tradeId);
      if (locked.status !== 'disputed') {
        if (transfer) await this.escrow.recordTransfer(manager, money, transfer);
        return 'nothing';
      }
      await this.escrow.recordRefund(manager, money, split.refundMinor, 'refund');
      const release = { proceedsMinor: split.proceedsMinor, feeMinor: split.feeMinor, transfer };
      await this.escrow.recordReleaseAndTransfer(manager, money, release);
      const transferId = transfer?.transferId ?? null;
      await this.machine.transitionLocked(manager, locked, 'partially_refunded', {
        actor: SYSTEM,
        reason: `dispute ${dispute.id}: ${split.refundMinor} refunded, ${split.releasedMinor} released`,
        data: {
          disputeId: dispute.id,
          refundId,
          transferId,
          refundMinor: split.refundMinor.toString(),
          releasedMinor: split.releasedMinor.toString(),
          feeMinor: split.feeMinor.toString(),
          proceedsMinor: split.proceedsMinor.toString(),
        },
      });
      return 'partially_refunded';
    });
  }
}

export interface PartialRefundSplit {
  refundMinor: bigint;
  releasedMinor: bigint;
  feeMinor: bigint;
  proceedsMinor: bigint;
}

/**
 * The gross split for a partial refund. The remainder is priced at 100% through the one money function,
 * so the fee is the trade's fee rate on the remainder, rounded by the one rule, and fee + proceeds =
 * remainder exactly.
 */
export function splitPartialRefund(
  trade: Pick<SettlementTrade, 'grossMinor' | 'feeBps'>,
  refundMinor: bigint,
): PartialRefundSplit {
  if (refundMinor <= 0n || refundMinor >= trade.grossMinor) {
    throw new RangeError(`a partial refund is more than 0 and less than the gross ${trade.grossMinor}`);
  }
  const releasedMinor = trade.grossMinor - refundMinor;
  const { feeMinor, sellerProceedsMinor } = computeTradeAmounts(releasedMinor, 10_000, trade.feeBps);
  return { refundMinor, releasedMinor, feeMinor, proceedsMinor: sellerProceedsMinor };
}
