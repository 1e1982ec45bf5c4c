import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { GatewayRefund } from '../gateway/payment-gateway';
import { TradeRefundEntity } from './trade-refund.entity';

export interface NewTradeRefund {
  tradeId: string;
  step: string;
  amountMinor: bigint;
  currency: string;
  paymentIntentId: string;
}

/** The only code that touches trade_refunds. A status only moves forward: pending, created, confirmed. */
@Injectable()
export class TradeRefundRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private source(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  find(tradeId: string, step: string, manager?: EntityManager): Promise<TradeRefundEntity | null> {
    return this.source(manager).getRepository(TradeRefundEntity).findOne({ where: { tradeId, step } });
  }

  forTrade(tradeId: string, manager?: EntityManager): Promise<TradeRefundEntity[]> {
    return this.source(manager)
      .getRepository(TradeRefundEntity)
      .find({ where: { tradeId }, order: { createdAt: 'ASC', step: 'ASC' } });
  }

  /**
   * The step's row, created pending on first use, in the caller's transaction (which holds the payment's
   * row lock, so concurrent steps are checked against each other); `created` says whether this call made it.
   */
  async begin(
    manager: EntityManager,
    refund: NewTradeRefund,
    at: Date,
  ): Promise<{ row: TradeRefundEntity; created: boolean }> {
    const inserted = (await manager.query(
      `INSERT INTO trade_refunds (trade_id, step, amount_minor, currency, payment_intent_id, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6)
       ON CONFLICT (trade_id, step) DO NOTHING
       RETURNING id`,
      [
        refund.tradeId,
        refund.step,
        refund.amountMinor.toString(),
        refund.currency,
        refund.paymentIntentId,
        at,
      ],
    )) as unknown[];
    const row = await this.find(refund.tradeId, refund.step, manager);
    if (!row) throw new Error(`trade_refunds ${refund.tradeId}/${refund.step} vanished`);
    return { row, created: inserted.length > 0 };
  }

  /** What the trade's refund steps other than `step` claim of the payment (failed ones excluded). */
  async claimedByOthers(manager: EntityManager, tradeId: string, step: string): Promise<bigint> {
    const rows = (await manager.query(
      `SELECT coalesce(sum(amount_minor), 0)::text AS total FROM trade_refunds
        WHERE trade_id = $1 AND step <> $2 AND status <> 'failed'`,
      [tradeId, step],
    )) as Array<{ total: string }>;
    return BigInt(rows[0]?.total ?? '0');
  }

  /** Stripe made the refund; a webhook that confirmed it first is not undone. */
  async recordCreated(
    manager: EntityManager,
    tradeId: string,
    step: string,
    stripeRefundId: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE trade_refunds
          SET stripe_refund_id = $3, status = CASE WHEN status = 'pending' THEN 'created' ELSE status END,
              last_error_code = NULL, last_error_message = NULL, updated_at = $4
        WHERE trade_id = $1 AND step = $2`,
      [tradeId, step, stripeRefundId, at],
    );
  }

  async recordFailure(tradeId: string, step: string, code: string, message: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE trade_refunds SET last_error_code = $3, last_error_message = $4, updated_at = $5
        WHERE trade_id = $1 AND step = $2 AND status = 'pending'`,
      [tradeId, step, code, message, at],
    );
  }

  /** A refund.* event for the step: confirmed when it succeeded, failed when the provider says so. */
  async recordEvent(
    manager: EntityManager,
    refund: GatewayRefund & { tradeId: string; step: string },
    at: Date,
  ): Promise<boolean> {
    const outcome =
      refund.status === 'succeeded' ? 'confirmed' : refund.status === 'failed' ? 'failed' : null;
    const [rows] = (await manager.query(
      `UPDATE trade_refunds
          SET stripe_refund_id = $3,
              status = CASE WHEN $4::text IS NULL THEN (CASE WHEN status = 'pending' THEN 'created' ELSE status END)
                            WHEN status = 'failed' THEN status ELSE $4::text END,
              confirmed_at = CASE WHEN $4::text = 'confirmed' THEN COALESCE(confirmed_at, $5) ELSE confirmed_at END,
              updated_at = $5
        WHERE trade_id = $1 AND step = $2 AND (stripe_refund_id IS NULL OR stripe_refund_id = $3)
        RETURNING id`,
      [refund.tradeId, refund.step, refund.id, outcome, at],
    )) as [unknown[], number];
    return rows.length > 0;
  }
}
