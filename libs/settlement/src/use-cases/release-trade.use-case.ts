import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EscrowSettlement, PayoutsNotEnabledError, type ProceedsTransfer } from '@carryover/escrow';
import { toMoneyTrade, type SettlementTrade } from '../domain/settlement-trade';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import { TradeWaiting } from '../services/trade-waiting.service';
import { SYSTEM, TradeStateMachine } from '../state-machine/trade-state-machine.service';

export type ReleaseOutcome = 'settled' | 'waiting' | 'nothing';

/**
 * Pays a releasing trade's seller and settles it: the Stripe transfer outside any transaction (idempotent
 * per trade, so a crash mid-call and a retry make one transfer), then one transaction with the transfer
 * recorded, the release and payout journals and releasing -> settled. From any other state it does
 * nothing but record a transfer it made. Without the seller's payouts the trade waits (waitingFor
 * seller_payouts_not_enabled) until payouts.enabled resumes it.
 */
@Injectable()
export class ReleaseTradeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly machine: TradeStateMachine,
    private readonly trades: SettlementTradeRepository,
    private readonly escrow: EscrowSettlement,
    private readonly waiting: TradeWaiting,
  ) {}

  async execute(tradeId: string): Promise<ReleaseOutcome> {
    const trade = await this.trades.find(tradeId);
    if (trade?.status !== 'releasing') return 'nothing';
    const transfer = await this.transfer(trade);
    if (transfer === undefined) return this.waiting.forPayouts(tradeId, 'releasing');
    const money = toMoneyTrade(trade);
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.machine.lock(manager, tradeId);
      if (locked.status !== 'releasing') {
        if (transfer) await this.escrow.recordTransfer(manager, money, transfer);
        return 'nothing';
      }
      const amounts = { proceedsMinor: trade.sellerProceedsMinor, feeMinor: trade.feeMinor, transfer };
      await this.escrow.recordReleaseAndTransfer(manager, money, amounts);
      const transferId = transfer?.transferId ?? null;
      await this.machine.transitionLocked(manager, locked, 'settled', {
        actor: SYSTEM,
        reason: transferId
          ? `proceeds transferred to the seller (${transferId})`
          : 'released to the platform fee',
        data: {
          transferId,
          proceedsMinor: trade.sellerProceedsMinor.toString(),
          feeMinor: trade.feeMinor.toString(),
        },
      });
      return 'settled';
    });
  }

  /** The transfer made (null when there are no proceeds to send); undefined when payouts are not enabled. */
  private async transfer(trade: SettlementTrade): Promise<ProceedsTransfer | null | undefined> {
    if (trade.sellerProceedsMinor === 0n) return null;
    try {
      return await this.escrow.makeTransfer(toMoneyTrade(trade), trade.sellerProceedsMinor);
    } catch (error) {
      if (error instanceof PayoutsNotEnabledError) return undefined;
      return this.waiting.forProvider(trade.id, 'releasing', error);
    }
  }
}
