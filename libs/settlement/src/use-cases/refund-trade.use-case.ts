import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EscrowSettlement } from '@carryover/escrow';
import { TradeQuantityReturn } from '@carryover/market';
import { Clock } from '@carryover/shared';
import { toMoneyTrade } from '../domain/settlement-trade';
import { SettlementTradeRepository } from '../repositories/settlement-trade.repository';
import { TradeWaiting } from '../services/trade-waiting.service';
import { SYSTEM, TradeStateMachine } from '../state-machine/trade-state-machine.service';

/**
 * Refunds a refunding trade's buyer in full: the Stripe refund outside any transaction (idempotent per
 * trade and step), then one transaction with the refund journal, the quantity returned to the listing if
 * it is still tradable (else to the lot), and refunding -> refunded. From any other state it does nothing.
 */
@Injectable()
export class RefundTradeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly machine: TradeStateMachine,
    private readonly trades: SettlementTradeRepository,
    private readonly escrow: EscrowSettlement,
    private readonly quantity: TradeQuantityReturn,
    private readonly waiting: TradeWaiting,
    private readonly clock: Clock,
  ) {}

  async execute(tradeId: string): Promise<'refunded' | 'nothing'> {
    const trade = await this.trades.find(tradeId);
    if (trade?.status !== 'refunding') return 'nothing';
    const money = toMoneyTrade(trade);
    const { refundId } = await this.escrow
      .refundBuyer(money, trade.grossMinor, 'refund')
      .catch((error: unknown) => this.waiting.forProvider(tradeId, 'refunding', error));
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.machine.lock(manager, tradeId);
      if (locked.status !== 'refunding') return 'nothing';
      await this.escrow.recordRefund(manager, money, trade.grossMinor, 'refund');
      const returned = await this.quantity.returnQuantity(manager, trade, this.clock.now());
      await this.machine.transitionLocked(manager, locked, 'refunded', {
        actor: SYSTEM,
        reason: `buyer refunded (${refundId})`,
        data: {
          refundId,
          refundMinor: trade.grossMinor.toString(),
          quantityReturnedTo: returned.toListing ? 'listing' : 'lot',
        },
      });
      return 'refunded';
    });
  }
}
