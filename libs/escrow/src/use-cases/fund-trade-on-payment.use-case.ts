import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, systemActor } from '@carryover/audit';
import { Clock, DomainEventBus } from '@carryover/shared';
import { LedgerService } from '../ledger/ledger.service';
import type { GatewayPaymentIntent } from '../gateway/payment-gateway';
import { EscrowTradeRepository } from '../payments/escrow-trade.repository';
import { TradePaymentRepository } from '../payments/trade-payment.repository';

/**
 * In-transaction event: a trade's payment succeeded while it awaited payment. The settlement domain, which
 * owns trade status, subscribes and moves the trade to funded in the same transaction.
 */
export const PAYMENT_SUCCEEDED_EVENT = 'escrow.payment_succeeded';

export interface PaymentSucceededEvent {
  tradeId: string;
  paymentIntentId: string;
  amountMinor: string;
  currency: string;
}

/**
 * The provider confirmed a trade's payment: in the caller's (the webhook's) transaction, the payment
 * succeeds, the gross is journalled into escrow, escrow.payment_succeeded has the settlement state machine
 * fund the trade (status, timeline, outbox), and the step is audited. From any other trade state only
 * the payment is recorded.
 */
@Injectable()
export class FundTradeOnPaymentUseCase {
  private readonly logger = new Logger(FundTradeOnPaymentUseCase.name);

  constructor(
    private readonly trades: EscrowTradeRepository,
    private readonly payments: TradePaymentRepository,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly events: DomainEventBus,
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
    if (trade.status !== 'awaiting_payment') {
      // A cancelled trade's late payment is money without a trade: reconciliation reports it.
      const level = trade.status === 'cancelled' ? 'error' : 'warn';
      this.logger[level](
        { tradeId: trade.id, status: trade.status },
        'payment succeeded for a trade not awaiting it',
      );
      return;
    }
    const event: PaymentSucceededEvent = {
      tradeId: trade.id,
      paymentIntentId: intent.id,
      amountMinor: trade.grossMinor.toString(),
      currency: trade.currency,
    };
    await this.ledger.fundTrade(manager, trade, trade.grossMinor);
    // The state machine appends its audit entry: from there the audit chain's lock is held until commit.
    await this.events.publish(manager, { name: PAYMENT_SUCCEEDED_EVENT, payload: event });
    if ((await this.trades.lock(manager, trade.id))?.status !== 'funded') {
      // Without a subscriber the payment would be recorded and the trade never funded: fail the webhook instead.
      throw new Error(
        `trade ${trade.id} was not funded by ${PAYMENT_SUCCEEDED_EVENT}: is SettlementModule loaded?`,
      );
    }
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
