import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@carryover/audit';
import { auditActorOf, type Actor } from '@carryover/identity';
import { Clock, ConflictError, ForbiddenError, NotFoundError } from '@carryover/shared';
import { PaymentGateway, type CreatePaymentOutcome } from '../gateway/payment-gateway';
import { EscrowTradeRepository, type EscrowTrade } from '../payments/escrow-trade.repository';
import { toPaymentState, type PaymentState } from '../payments/payment-state';
import { TradePaymentRepository } from '../payments/trade-payment.repository';

type Start =
  { kind: 'attempt'; trade: EscrowTrade; attempt: number } | { kind: 'in_progress'; intentId: string };

/**
 * The buyer pays a trade's gross into escrow. Attempt n uses the provider idempotency key
 * trade:<id>:payment:<n>, and n only moves on after a decline, so a retry after a lost answer or a crash
 * replays the same intent instead of charging again. The trade is funded by the webhook, not here.
 */
@Injectable()
export class PayForTradeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trades: EscrowTradeRepository,
    private readonly payments: TradePaymentRepository,
    private readonly gateway: PaymentGateway,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, tradeId: string, paymentMethodId: string): Promise<PaymentState> {
    const start = await this.dataSource.transaction((manager) => this.start(manager, actor, tradeId));
    if (start.kind === 'in_progress') {
      const intent = await this.gateway.retrievePaymentIntent(start.intentId);
      return toPaymentState(await this.payments.find(tradeId), intent.clientSecret);
    }
    const outcome = await this.gateway.createPaymentIntent(start.trade, paymentMethodId, start.attempt);
    await this.dataSource.transaction((manager) => this.record(manager, actor, start, outcome));
    const clientSecret = outcome.intent?.clientSecret ?? null;
    return toPaymentState(await this.payments.find(tradeId), clientSecret);
  }

  private async start(manager: EntityManager, actor: Actor, tradeId: string): Promise<Start> {
    const trade = await this.trades.lock(manager, tradeId);
    const isSeller = trade !== null && trade.sellerOrganizationId === actor.organizationId;
    if (!trade || (trade.buyerOrganizationId !== actor.organizationId && !isSeller)) {
      throw new NotFoundError('Trade', tradeId);
    }
    // The seller sees the trade, so it is not hidden from them; paying is the buyer's part.
    if (isSeller) throw new ForbiddenError('not_trade_buyer', 'Only the buying organisation pays a trade.');
    if (trade.status !== 'awaiting_payment') {
      throw new ConflictError('invalid_transition', `The trade is ${trade.status}; it awaits no payment.`);
    }
    const payment = await this.payments.lockOrCreate(
      manager,
      { tradeId: trade.id, amountMinor: trade.grossMinor, currency: trade.currency },
      this.clock.now(),
    );
    if (payment.status === 'processing' && payment.paymentIntentId !== null) {
      return { kind: 'in_progress', intentId: payment.paymentIntentId };
    }
    const attempt = payment.status === 'failed' ? payment.attempts + 1 : Math.max(payment.attempts, 1);
    return { kind: 'attempt', trade, attempt };
  }

  private async record(
    manager: EntityManager,
    actor: Actor,
    start: Extract<Start, { kind: 'attempt' }>,
    outcome: CreatePaymentOutcome,
  ): Promise<void> {
    const { trade, attempt } = start;
    const now = this.clock.now();
    if (outcome.kind === 'accepted') {
      await this.payments.recordAccepted(manager, trade.id, attempt, outcome.intent.id, now);
    } else {
      const intentId = outcome.intent?.id ?? null;
      await this.payments.recordDeclined(manager, trade.id, attempt, intentId, outcome.error, now);
    }
    await this.audit.append(manager, {
      actor: auditActorOf(actor),
      action: outcome.kind === 'accepted' ? 'escrow.payment_submitted' : 'escrow.payment_declined',
      entity: 'trade',
      entityId: trade.id,
      data: {
        attempt,
        paymentIntentId: outcome.intent?.id ?? null,
        amountMinor: trade.grossMinor.toString(),
      },
      reason: outcome.kind === 'declined' ? outcome.error.code : null,
    });
  }
}
