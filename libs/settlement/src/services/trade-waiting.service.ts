import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TradeStatus } from '@carryover/market';
import { Clock } from '@carryover/shared';
import type { WaitingReason } from '../entities/trade-settlement.entity';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';

/**
 * Records why a trade's money step cannot go on, if the trade is still in `status`, so its parties and
 * operators see it (waitingFor). The next step clears it. A seller without payouts is resumed by
 * payouts.enabled (or the timeout sweep); a provider failure by the job's own retries.
 */
@Injectable()
export class TradeWaiting {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trades: SettlementTradeRepository,
    private readonly clock: Clock,
  ) {}

  forPayouts(tradeId: string, status: TradeStatus): Promise<'waiting'> {
    return this.mark(tradeId, status, 'seller_payouts_not_enabled');
  }

  /** Marks the trade, then lets the provider's error through so the job is retried with backoff. */
  async forProvider(tradeId: string, status: TradeStatus, error: unknown): Promise<never> {
    await this.mark(tradeId, status, 'payment_provider_unavailable').catch(() => undefined);
    throw error;
  }

  private async mark(tradeId: string, status: TradeStatus, reason: WaitingReason): Promise<'waiting'> {
    await this.dataSource.transaction(async (manager) => {
      const trade = await this.trades.lock(manager, tradeId);
      if (trade?.status === status) await this.trades.setWaiting(manager, tradeId, reason, this.clock.now());
    });
    return 'waiting';
  }
}
