import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { PaymentError } from '../gateway/payment-gateway';
import { TradePaymentEntity } from './trade-payment.entity';

export interface NewTradePayment {
  tradeId: string;
  amountMinor: bigint;
  currency: string;
}

/**
 * The only code that touches trade_payments. A succeeded payment is final: no later attempt, decline or
 * out-of-order event overwrites it.
 */
@Injectable()
export class TradePaymentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(tradeId: string): Promise<TradePaymentEntity | null> {
    return this.dataSource.getRepository(TradePaymentEntity).findOne({ where: { tradeId } });
  }

  /** The trade's payment row, created on first use, locked until the transaction ends. */
  async lockOrCreate(
    manager: EntityManager,
    payment: NewTradePayment,
    at: Date,
  ): Promise<TradePaymentEntity> {
    await manager.query(
      `INSERT INTO trade_payments (trade_id, status, attempts, amount_minor, currency, updated_at)
       VALUES ($1, 'requires_payment', 0, $2, $3, $4) ON CONFLICT (trade_id) DO NOTHING`,
      [payment.tradeId, payment.amountMinor.toString(), payment.currency, at],
    );
    return manager
      .getRepository(TradePaymentEntity)
      .findOneOrFail({ where: { tradeId: payment.tradeId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The provider took attempt `attempt`; the webhook will say how it ends. */
  async recordAccepted(
    manager: EntityManager,
    tradeId: string,
    attempt: number,
    intentId: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE trade_payments SET status = 'processing', payment_intent_id = $3,
              attempts = GREATEST(attempts, $2), last_error_code = NULL, last_error_message = NULL,
              updated_at = $4
        WHERE trade_id = $1 AND status <> 'succeeded'`,
      [tradeId, attempt, intentId, at],
    );
  }

  /** Attempt `attempt` was declined; the buyer may try again as attempt + 1. */
  async recordDeclined(
    manager: EntityManager,
    tradeId: string,
    attempt: number,
    intentId: string | null,
    error: PaymentError,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE trade_payments SET status = 'failed', payment_intent_id = COALESCE($3, payment_intent_id),
              attempts = GREATEST(attempts, $2), last_error_code = $4, last_error_message = $5, updated_at = $6
        WHERE trade_id = $1 AND status <> 'succeeded'`,
      [tradeId, attempt, intentId, error.code, error.message, at],
    );
  }

  /** A payment_failed event: recorded only for the trade's current intent (or before one is known). */
  async recordFailedEvent(
    manager: EntityManager,
    tradeId: string,
    intentId: string,
    error: PaymentError,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE trade_payments SET status = 'failed', payment_intent_id = $2,
              last_error_code = $3, last_error_message = $4, updated_at = $5
        WHERE trade_id = $1 AND status <> 'succeeded'
          AND (payment_intent_id IS NULL OR payment_intent_id = $2)`,
      [tradeId, intentId, error.code, error.message, at],
    );
  }

  async markSucceeded(
    manager: EntityManager,
    payment: NewTradePayment & { intentId: string },
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO trade_payments (trade_id, status, payment_intent_id, attempts, amount_minor, currency, updated_at)
       VALUES ($1, 'succeeded', $2, 1, $3, $4, $5)
       ON CONFLICT (trade_id) DO UPDATE SET status = 'succeeded', payment_intent_id = EXCLUDED.payment_intent_id,
              attempts = GREATEST(trade_payments.attempts, 1), last_error_code = NULL,
              last_error_message = NULL, updated_at = EXCLUDED.updated_at`,
      [payment.tradeId, payment.intentId, payment.amountMinor.toString(), payment.currency, at],
    );
  }

  /** The trade's succeeded payment, locked until the transaction ends; null when it has none. */
  async lockSucceeded(
    manager: EntityManager,
    tradeId: string,
  ): Promise<(TradePaymentEntity & { paymentIntentId: string }) | null> {
    const row = await manager
      .getRepository(TradePaymentEntity)
      .findOne({ where: { tradeId }, lock: { mode: 'pessimistic_write' } });
    if (!row || row.status !== 'succeeded' || row.paymentIntentId === null) return null;
    return row as TradePaymentEntity & { paymentIntentId: string };
  }

  /** The intent was cancelled (the payment window closed); only if it is still the trade's and not paid. */
  async markCanceled(manager: EntityManager, tradeId: string, intentId: string, at: Date): Promise<boolean> {
    const [rows] = (await manager.query(
      `UPDATE trade_payments SET status = 'canceled', updated_at = $3
        WHERE trade_id = $1 AND payment_intent_id = $2 AND status NOT IN ('succeeded', 'canceled')
        RETURNING trade_id`,
      [tradeId, intentId, at],
    )) as [unknown[], number];
    return rows.length > 0;
  }
}
