import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@carryover/shared';
import type { GatewayEvent, GatewayPaymentIntent } from '../gateway/payment-gateway';
import { StripeEventRepository } from '../payments/stripe-event.repository';
import { TradePaymentRepository } from '../payments/trade-payment.repository';
import { RecordAccountUpdateUseCase } from '../payouts/record-account-update.use-case';
import { ConfirmProviderStepUseCase } from './confirm-provider-step.use-case';
import { FundTradeOnPaymentUseCase } from './fund-trade-on-payment.use-case';

/**
 * A verified Stripe event, stored by id and processed exactly once, in one transaction with its effects.
 * Events Carryover does not act on are stored and acknowledged; a replay changes nothing.
 */
@Injectable()
export class HandleStripeEventUseCase {
  private readonly logger = new Logger(HandleStripeEventUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: StripeEventRepository,
    private readonly payments: TradePaymentRepository,
    private readonly fundTrade: FundTradeOnPaymentUseCase,
    private readonly recordAccountUpdate: RecordAccountUpdateUseCase,
    private readonly confirmProviderStep: ConfirmProviderStepUseCase,
    private readonly clock: Clock,
  ) {}

  /** True when this delivery was processed; false for a replay of a processed event. */
  async execute(event: GatewayEvent): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // Claimed and marked processed at once: a failure below rolls both back, so Stripe's retry claims it.
      if (!(await this.events.claim(manager, event, this.clock.now()))) return false;
      await this.apply(manager, event);
      return true;
    });
  }

  private async apply(manager: EntityManager, event: GatewayEvent): Promise<void> {
    if (event.type === 'account.updated') return this.recordAccountUpdate.execute(manager, event);
    if (await this.confirmProviderStep.execute(manager, event)) return;
    const intent = event.paymentIntent;
    if (!intent?.tradeId) return;
    if (event.type === 'payment_intent.succeeded') {
      await this.fundTrade.execute(manager, intent as GatewayPaymentIntent & { tradeId: string });
    } else if (event.type === 'payment_intent.payment_failed') {
      const error = intent.lastError ?? { code: 'payment_failed', message: 'The payment failed.' };
      await this.payments.recordFailedEvent(manager, intent.tradeId, intent.id, error, this.clock.now());
      this.logger.log({ tradeId: intent.tradeId, paymentIntentId: intent.id }, 'payment failed');
    } else if (event.type === 'payment_intent.canceled') {
      await this.payments.markCanceled(manager, intent.tradeId, intent.id, this.clock.now());
    }
  }
}
