import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { GatewayTransfer } from '../gateway/payment-gateway';
import { TradeTransferEntity } from './trade-transfer.entity';

export interface NewTradeTransfer {
  tradeId: string;
  step: string;
  amountMinor: bigint;
  currency: string;
  destinationAccountId: string;
}

/** The only code that touches trade_transfers. A status only moves forward: pending, created, confirmed. */
@Injectable()
export class TradeTransferRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private source(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  find(tradeId: string, step: string, manager?: EntityManager): Promise<TradeTransferEntity | null> {
    return this.source(manager).getRepository(TradeTransferEntity).findOne({ where: { tradeId, step } });
  }

  forTrade(tradeId: string, manager?: EntityManager): Promise<TradeTransferEntity[]> {
    return this.source(manager)
      .getRepository(TradeTransferEntity)
      .find({ where: { tradeId }, order: { createdAt: 'ASC', step: 'ASC' } });
  }

  /** The step's row, created pending on first use; `created` says whether this call made it. */
  async begin(transfer: NewTradeTransfer, at: Date): Promise<{ row: TradeTransferEntity; created: boolean }> {
    const inserted = (await this.dataSource.query(
      `INSERT INTO trade_transfers
              (trade_id, step, amount_minor, currency, destination_account_id, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6)
       ON CONFLICT (trade_id, step) DO NOTHING
       RETURNING id`,
      [
        transfer.tradeId,
        transfer.step,
        transfer.amountMinor.toString(),
        transfer.currency,
        transfer.destinationAccountId,
        at,
      ],
    )) as unknown[];
    const row = await this.find(transfer.tradeId, transfer.step);
    if (!row) throw new Error(`trade_transfers ${transfer.tradeId}/${transfer.step} vanished`);
    return { row, created: inserted.length > 0 };
  }

  /** Stripe made the transfer; a webhook that confirmed it first is not undone. */
  async recordCreated(
    manager: EntityManager,
    tradeId: string,
    step: string,
    stripeTransferId: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE trade_transfers
          SET stripe_transfer_id = $3, status = CASE WHEN status = 'pending' THEN 'created' ELSE status END,
              last_error_code = NULL, last_error_message = NULL, updated_at = $4
        WHERE trade_id = $1 AND step = $2`,
      [tradeId, step, stripeTransferId, at],
    );
  }

  async recordFailure(tradeId: string, step: string, code: string, message: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE trade_transfers SET last_error_code = $3, last_error_message = $4, updated_at = $5
        WHERE trade_id = $1 AND step = $2 AND status = 'pending'`,
      [tradeId, step, code, message, at],
    );
  }

  /** A transfer.* event for the step: confirmed, and its reversed amount (never decreasing). */
  async recordEvent(
    manager: EntityManager,
    transfer: GatewayTransfer & { tradeId: string; step: string },
    at: Date,
  ): Promise<boolean> {
    const [rows] = (await manager.query(
      `UPDATE trade_transfers
          SET stripe_transfer_id = $3,
              amount_reversed_minor = GREATEST(amount_reversed_minor, LEAST($4::bigint, amount_minor)),
              status = CASE WHEN GREATEST(amount_reversed_minor, $4::bigint) >= amount_minor THEN 'reversed'
                            WHEN status = 'reversed' THEN status ELSE 'confirmed' END,
              confirmed_at = COALESCE(confirmed_at, $5), updated_at = $5
        WHERE trade_id = $1 AND step = $2 AND (stripe_transfer_id IS NULL OR stripe_transfer_id = $3)
        RETURNING id`,
      [transfer.tradeId, transfer.step, transfer.id, transfer.amountReversedMinor.toString(), at],
    )) as [unknown[], number];
    return rows.length > 0;
  }
}
