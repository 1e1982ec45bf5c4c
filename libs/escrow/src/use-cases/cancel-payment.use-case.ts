import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, systemActor } from '@carryover/audit';
import { Clock } from '@carryover/shared';
import { PaymentGateway, PaymentRequestRejectedError } from '../gateway/payment-gateway';
import { TradePaymentRepository } from '../payments/trade-payment.repository';
import { PaymentAlreadySucceededError } from '../settlement/settlement.errors';

const CANCELED = 'canceled';

/**
 * Cancels the trade's open PaymentIntent (the payment window closed), so the buyer can no longer complete
 * it. Nothing to do without an intent or once cancelled; a payment that succeeded, even if its webhook has
 * not arrived yet, is PaymentAlreadySucceededError, so the caller funds the trade instead of cancelling it.
 */
@Injectable()
export class CancelPaymentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: PaymentGateway,
    private readonly payments: TradePaymentRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(tradeId: string): Promise<void> {
    const payment = await this.payments.find(tradeId);
    const intentId = payment?.paymentIntentId;
    if (!payment || !intentId || payment.status === CANCELED) return;
    if (payment.status === 'succeeded') throw new PaymentAlreadySucceededError(tradeId, intentId);

    let intent = await this.gateway.retrievePaymentIntent(intentId);
    if (intent.status !== CANCELED && intent.status !== 'succeeded') {
      try {
        intent = await this.gateway.cancelPaymentIntent(tradeId, intentId);
      } catch (error) {
        // It may have succeeded between the look and the cancel: look again before giving up.
        if (!(error instanceof PaymentRequestRejectedError)) throw error;
        intent = await this.gateway.retrievePaymentIntent(intentId);
        if (intent.status !== 'succeeded') throw error;
      }
    }
    if (intent.status === 'succeeded') throw new PaymentAlreadySucceededError(tradeId, intentId);

    await this.dataSource.transaction(async (manager) => {
      if (!(await this.payments.markCanceled(manager, tradeId, intentId, this.clock.now()))) return;
      await this.audit.append(manager, {
        actor: systemActor(),
        action: 'escrow.payment_canceled',
        entity: 'trade',
        entityId: tradeId,
        data: { paymentIntentId: intentId },
      });
    });
  }
}
