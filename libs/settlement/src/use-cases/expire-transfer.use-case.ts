import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import { SYSTEM, TradeStateMachine } from '../state-machine/trade-state-machine.service';

/** The seller did not submit the transfer within the transfer window: transfer_pending -> refunding. */
@Injectable()
export class ExpireTransferUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly machine: TradeStateMachine,
    private readonly trades: SettlementTradeRepository,
  ) {}

  /** Only if the trade is still transfer_pending and entered it before `cutoff`. */
  async execute(tradeId: string, cutoff: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const trade = await this.machine.lock(manager, tradeId);
      const settlement = await this.trades.settlement(tradeId, manager);
      if (trade.status !== 'transfer_pending' || !settlement || settlement.statusEnteredAt >= cutoff)
        return false;
      await this.machine.transitionLocked(manager, trade, 'refunding', {
        actor: SYSTEM,
        reason: 'the seller did not submit the transfer within the transfer window',
        data: { transferPendingSince: settlement.statusEnteredAt.toISOString() },
      });
      return true;
    });
  }
}
