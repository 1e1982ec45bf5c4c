import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, systemActor } from '@carryover/audit';
import { BusinessRuleError, Clock, ConflictError, ValidationError } from '@carryover/shared';
import {
  PaymentGateway,
  PaymentRequestRejectedError,
  type GatewayRefund,
  type RefundRequest,
} from '../gateway/payment-gateway';
import { REFUND_STEP } from '../ledger/trade-journals';
import { TradePaymentRepository } from '../payments/trade-payment.repository';
import type { SettlementMoneyTrade } from '../settlement/settlement.types';
import type { TradeRefundEntity } from '../settlement/trade-refund.entity';
import { TradeRefundRepository } from '../settlement/trade-refund.repository';

/**
 * Refunds part or all of the buyer's payment, outside any transaction, as step `refund` or `refund:<n>`.
 * The step's row is written first under the payment's row lock, so the refunds of a trade never claim more
 * than was paid; a retry looks for the refund Stripe already made before asking again with the same
 * idempotency key trade:<id>:<step>; a refund recorded once is returned as it is.
 */
@Injectable()
export class RefundBuyerUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: PaymentGateway,
    private readonly payments: TradePaymentRepository,
    private readonly refunds: TradeRefundRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(
    trade: SettlementMoneyTrade,
    amountMinor: bigint,
    step: string,
  ): Promise<{ refundId: string }> {
    const errors = [];
    if (amountMinor <= 0n)
      errors.push({ field: 'amountMinor', message: 'must be a positive amount of minor units' });
    if (!REFUND_STEP.test(step))
      errors.push({ field: 'step', message: 'a refund step is "refund" or "refund:<n>"' });
    if (errors.length > 0) throw new ValidationError(errors);

    const { row, created } = await this.dataSource.transaction((manager) =>
      this.begin(manager, trade, amountMinor, step),
    );
    if (row.stripeRefundId) return { refundId: row.stripeRefundId };
    const request: RefundRequest = {
      tradeId: trade.id,
      step,
      paymentIntentId: row.paymentIntentId,
      amountMinor,
    };
    const refund = (created ? null : await this.madeBefore(request)) ?? (await this.create(request));
    await this.dataSource.transaction(async (manager) => {
      await this.refunds.recordCreated(manager, trade.id, step, refund.id, this.clock.now());
      await this.audit.append(manager, {
        actor: systemActor(),
        action: 'escrow.buyer_refunded',
        entity: 'trade',
        entityId: trade.id,
        data: { refundId: refund.id, step, amountMinor: amountMinor.toString(), currency: trade.currency },
      });
    });
    return { refundId: refund.id };
  }

  private async begin(
    manager: EntityManager,
    trade: SettlementMoneyTrade,
    amountMinor: bigint,
    step: string,
  ): Promise<{ row: TradeRefundEntity; created: boolean }> {
    const payment = await this.payments.lockSucceeded(manager, trade.id);
    if (!payment) {
      throw new ConflictError(
        'payment_not_succeeded',
        `Trade ${trade.id} has no succeeded payment to refund.`,
      );
    }
    const others = await this.refunds.claimedByOthers(manager, trade.id, step);
    const existing = await this.refunds.find(trade.id, step, manager);
    if (existing && existing.amountMinor !== amountMinor) {
      throw new ConflictError(
        'refund_amount_conflict',
        `Refund ${step} of trade ${trade.id} is ${existing.amountMinor}; it cannot become ${amountMinor}.`,
      );
    }
    if (!existing && others + amountMinor > payment.amountMinor) {
      throw new BusinessRuleError(
        'refund_exceeds_payment',
        `Refunds of trade ${trade.id} would exceed its payment.`,
        {
          paidMinor: payment.amountMinor.toString(),
          alreadyRefundedMinor: others.toString(),
          amountMinor: amountMinor.toString(),
        },
      );
    }
    const refund = {
      tradeId: trade.id,
      step,
      amountMinor,
      currency: payment.currency,
      paymentIntentId: payment.paymentIntentId,
    };
    return this.refunds.begin(manager, refund, this.clock.now());
  }

  /** A refund an earlier try made whose answer was never recorded. */
  private async madeBefore(request: RefundRequest): Promise<GatewayRefund | null> {
    const made = await this.gateway.listRefunds(request.paymentIntentId);
    return made.find((r) => r.tradeId === request.tradeId && r.step === request.step) ?? null;
  }

  private async create(request: RefundRequest): Promise<GatewayRefund> {
    try {
      return await this.gateway.createRefund(request);
    } catch (error) {
      if (error instanceof PaymentRequestRejectedError) {
        await this.refunds.recordFailure(
          request.tradeId,
          request.step,
          error.code,
          error.message,
          this.clock.now(),
        );
      }
      throw error;
    }
  }
}
