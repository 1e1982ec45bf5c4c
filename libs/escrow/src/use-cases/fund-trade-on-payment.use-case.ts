import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, systemActor } from '@carryover/audit';
import { Clock } from '@carryover/shared';
import { LedgerService } from '../ledger/ledger.service';
import type { GatewayPaymentIntent } from '../gateway/payment-gateway';
import { EscrowTradeRepository } from '../payments/escrow-trade.repository';
import { TradePaymentRepository } from '../payments/trade-payment.repository';

/**
 * The provider confirmed a trade's payment: in the caller's (the webhook's) transaction, the payment
 * succeeds, the trade goes awaiting_payment -> funded with its timeline row, the gross is journalled into
 * escrow, and the step is audited. From any other trade state only the payment is recorded.
 */
@Injectable()
export class FundTradeOnPaymentUseCase {
  private readonly logger = new Logger(FundTradeOnPaymentUseCase.name);

  constructor(
    private readonly trades: EscrowTradeRepository,
    private readonly payments: TradePaymentRepository,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, intent: GatewayPaymentIntent & { tradeId: string }): Promise<void> {
    const trade = await this.trades.lock(manager, intent.tradeId);
    if (!trade) return;
    if (intent.amountMinor !== trade.grossMinor || intent.currency !== trade.currency) {
      // Not a payment this trade asked for; left to reconciliation rather than guessed at.
      this.logger.error({ tradeId: trade.id, paymentIntentId: intent.id }, 'payment does not match trade');
      return;
    }
    const now = this.clock.now();
    const payment = { tradeId: trade.id, amountMinor: trade.grossMinor, currency: trade.currency };
    await this.payments.markSucceeded(manager, { ...payment, intentId: intent.id }, now);
    const funded = await this.trades.markFunded(manager, trade.id, `payment ${intent.id} succeeded`, now);
    if (!funded) {
      this.logger.warn(
        { tradeId: trade.id, status: trade.status },
        'payment succeeded for a trade not awaiting it',
      );
      return;
    }
    await this.ledger.fundTrade(manager, trade, trade.grossMinor);
    await this.audit.append(manager, {
      actor: systemActor(),
      action: 'escrow.trade_funded',
      entity: 'trade',
      entityId: trade.id,
      data: {
        paymentIntentId: intent.id,
        amountMinor: trade.grossMinor.toString(),
        currency: trade.currency,
      },
    });
  }
}
