import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TradeStatus } from '@carryover/market';
import { Clock } from '@carryover/shared';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';

/**
 * Marks a trade whose seller cannot receive transfers yet as waiting for it, if it is still in `status`;
 * the payouts.enabled event (or the timeout sweep) resumes it.
 */
@Injectable()
export class PayoutsWait {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trades: SettlementTradeRepository,
    private readonly clock: Clock,
  ) {}

  async mark(tradeId: string, status: TradeStatus): Promise<'waiting'> {
    await this.dataSource.transaction(async (manager) => {
      const trade = await this.trades.lock(manager, tradeId);
      if (trade?.status === status) {
        await this.trades.setWaiting(manager, tradeId, 'seller_payouts_not_enabled', this.clock.now());
      }
    });
    return 'waiting';
  }
}
