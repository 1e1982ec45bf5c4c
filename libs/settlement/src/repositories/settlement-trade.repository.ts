import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TransferMethod } from '@carryover/catalog';
import type { TradeStatus } from '@carryover/market';
import type { SettlementTrade } from '../domain/settlement-trade';
import {
  TradeSettlementEntity,
  type ProviderDecision,
  type WaitingReason,
} from '../entities/trade-settlement.entity';

interface TradeRow {
  id: string;
  status: TradeStatus;
  listing_id: string;
  order_id: string;
  credit_lot_id: string;
  seller_organization_id: string;
  buyer_organization_id: string;
  provider_code: string;
  currency: string;
  quantity_minor: string;
  price_bps: number;
  gross_minor: string;
  fee_bps: number;
  fee_minor: string;
  seller_proceeds_minor: string;
  transfer_method: TransferMethod;
  requires_provider_approval: boolean;
  executed_at: Date;
}

const TRADE_COLUMNS = `id, status, listing_id, order_id, credit_lot_id, seller_organization_id,
  buyer_organization_id, provider_code, currency, quantity_minor, price_bps, gross_minor, fee_bps, fee_minor,
  seller_proceeds_minor, transfer_method, requires_provider_approval, executed_at`;

export interface TimelineRow {
  tradeId: string;
  status: TradeStatus;
  actorType: string;
  actorId: string | null;
  reason: string | null;
  at: Date;
}

/**
 * The settlement workflow's window on trades: the trade row under its lock, its status and timeline (the
 * market's tables, which only this workflow changes after a trade is born) and the workflow's own
 * trade_settlements row. Every write runs in the caller's transaction.
 */
@Injectable()
export class SettlementTradeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The trade under a row lock held until the transaction ends; null when there is none. */
  async lock(manager: EntityManager, tradeId: string): Promise<SettlementTrade | null> {
    const rows = (await manager.query(`SELECT ${TRADE_COLUMNS} FROM trades WHERE id = $1 FOR UPDATE`, [
      tradeId,
    ])) as TradeRow[];
    return rows[0] ? toTrade(rows[0]) : null;
  }

  async find(tradeId: string, manager?: EntityManager): Promise<SettlementTrade | null> {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT ${TRADE_COLUMNS} FROM trades WHERE id = $1`,
      [tradeId],
    )) as TradeRow[];
    return rows[0] ? toTrade(rows[0]) : null;
  }

  /** The new status, its timeline row, and the step clock restarted with no waiting reason or flag. */
  async enter(manager: EntityManager, row: TimelineRow): Promise<void> {
    await manager.query(
      `WITH moved AS (UPDATE trades SET status = $2, updated_at = $6 WHERE id = $1),
            timeline AS (INSERT INTO trade_events (trade_id, status, actor_type, actor_id, reason, at)
                         VALUES ($1, $2, $3, $4, $5, $6))
       INSERT INTO trade_settlements (trade_id, status_entered_at, updated_at) VALUES ($1, $6, $6)
       ON CONFLICT (trade_id) DO UPDATE SET status_entered_at = $6, waiting_for = NULL, waiting_since = NULL,
              flagged_at = NULL, flag_reason = NULL, updated_at = $6`,
      [row.tradeId, row.status, row.actorType, row.actorId, row.reason, row.at],
    );
  }

  settlement(tradeId: string, manager?: EntityManager): Promise<TradeSettlementEntity | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(TradeSettlementEntity)
      .findOne({ where: { tradeId } });
  }

  /** What the trade now waits for (null: nothing); `waitingSince` keeps the first time it began waiting. */
  async setWaiting(
    manager: EntityManager,
    tradeId: string,
    reason: WaitingReason | null,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE trade_settlements
          SET waiting_since = CASE WHEN $2::text IS NULL THEN NULL
                                   WHEN waiting_for IS NOT DISTINCT FROM $2::text THEN waiting_since ELSE $3 END,
              waiting_for = $2, updated_at = $3
        WHERE trade_id = $1`,
      [tradeId, reason, at],
    );
  }

  async recordTransfer(
    manager: EntityManager,
    tradeId: string,
    transfer: { reference: string; note: string | null },
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE trade_settlements SET transfer_reference = $2, transfer_note = $3, transfer_submitted_at = $4,
              updated_at = $4
        WHERE trade_id = $1`,
      [tradeId, transfer.reference, transfer.note, at],
    );
  }

  /** The buyer's first confirmation is kept; returns it. */
  async recordReceipt(manager: EntityManager, tradeId: string, at: Date): Promise<Date> {
    const [rows] = (await manager.query(
      `UPDATE trade_settlements SET buyer_confirmed_at = COALESCE(buyer_confirmed_at, $2), updated_at = $2
        WHERE trade_id = $1 RETURNING buyer_confirmed_at`,
      [tradeId, at],
    )) as [Array<{ buyer_confirmed_at: Date }>, number];
    return rows[0]?.buyer_confirmed_at ?? at;
  }

  async recordProviderDecision(
    manager: EntityManager,
    tradeId: string,
    decision: { decision: ProviderDecision; reference: string },
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE trade_settlements SET provider_decision = $2, provider_reference = $3, provider_decided_at = $4,
              updated_at = $4
        WHERE trade_id = $1`,
      [tradeId, decision.decision, decision.reference, at],
    );
  }
}

function toTrade(row: TradeRow): SettlementTrade {
  return {
    id: row.id,
    status: row.status,
    listingId: row.listing_id,
    orderId: row.order_id,
    creditLotId: row.credit_lot_id,
    sellerOrganizationId: row.seller_organization_id,
    buyerOrganizationId: row.buyer_organization_id,
    providerCode: row.provider_code,
    currency: row.currency,
    quantityMinor: BigInt(row.quantity_minor),
    priceBps: row.price_bps,
    grossMinor: BigInt(row.gross_minor),
    feeBps: row.fee_bps,
    feeMinor: BigInt(row.fee_minor),
    sellerProceedsMinor: BigInt(row.seller_proceeds_minor),
    transferMethod: row.transfer_method,
    requiresProviderApproval: row.requires_provider_approval,
    executedAt: row.executed_at,
  };
}
