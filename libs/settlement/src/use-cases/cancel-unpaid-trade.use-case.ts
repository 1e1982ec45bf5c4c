import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EscrowSettlement, PaymentAlreadySucceededError, PaymentQueryService } from '@carryover/escrow';
import { TradeQuantityReturn } from '@carryover/market';
import { Clock } from '@carryover/shared';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import { SYSTEM, TradeStateMachine } from '../state-machine/trade-state-machine.service';

/**
 * The payment window closed: the open PaymentIntent is cancelled at the provider first (so the buyer can
 * no longer complete it), then awaiting_payment -> cancelled with the quantity returned to the listing if
 * it is still tradable. A payment that succeeded meanwhile wins: the trade is left for its webhook to fund.
 */
@Injectable()
export class CancelUnpaidTradeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly machine: TradeStateMachine,
    private readonly trades: SettlementTradeRepository,
    private readonly escrow: EscrowSettlement,
    private readonly payments: PaymentQueryService,
    private readonly quantity: TradeQuantityReturn,
    private readonly clock: Clock,
  ) {}

  async execute(tradeId: string, reason: string): Promise<'cancelled' | 'paid' | 'nothing'> {
    const trade = await this.trades.find(tradeId);
    if (trade?.status !== 'awaiting_payment') return 'nothing';
    try {
      await this.escrow.cancelPayment(tradeId);
    } catch (error) {
      if (error instanceof PaymentAlreadySucceededError) return 'paid';
      throw error;
    }
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.machine.lock(manager, tradeId);
      if (locked.status !== 'awaiting_payment') return 'nothing';
      // A new attempt may have started after the cancel; the next sweep cancels it or sees it paid.
      const payment = await this.payments.forTrade(tradeId);
      if (payment.status === 'processing' || payment.status === 'succeeded') return 'paid';
      const returned = await this.quantity.returnQuantity(manager, trade, this.clock.now());
      await this.machine.transitionLocked(manager, locked, 'cancelled', {
        actor: SYSTEM,
        reason,
        data: { quantityReturnedTo: returned.toListing ? 'listing' : 'lot' },
      });
      return 'cancelled';
    });
  }
}
