import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What escrow needs of a trade to take and record its payment. */
export interface EscrowTrade {
  id: string;
  status: string;
  buyerOrganizationId: string;
  sellerOrganizationId: string;
  grossMinor: bigint;
  currency: string;
}

interface TradeRow {
  id: string;
  status: string;
  buyer_organization_id: string;
  seller_organization_id: string;
  gross_minor: string;
  currency: string;
}

/**
 * Escrow's narrow window on the market's trades: read one under a row lock and make the guarded
 * awaiting_payment -> funded step with its timeline row, in the caller's transaction. It moves behind the
 * settlement domain's state machine once that exists.
 */
@Injectable()
export class EscrowTradeRepository {
  async lock(manager: EntityManager, tradeId: string): Promise<EscrowTrade | null> {
    const rows = (await manager.query(
      `SELECT id, status, buyer_organization_id, seller_organization_id, gross_minor, currency
         FROM trades WHERE id = $1 FOR UPDATE`,
      [tradeId],
    )) as TradeRow[];
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      status: row.status,
      buyerOrganizationId: row.buyer_organization_id,
      sellerOrganizationId: row.seller_organization_id,
      grossMinor: BigInt(row.gross_minor),
      currency: row.currency,
    };
  }

  /** Only from awaiting_payment; false (and nothing written) from any other state. */
  async markFunded(manager: EntityManager, tradeId: string, reason: string, at: Date): Promise<boolean> {
    const [rows] = (await manager.query(
      `UPDATE trades SET status = 'funded', updated_at = $2
        WHERE id = $1 AND status = 'awaiting_payment' RETURNING id`,
      [tradeId, at],
    )) as [unknown[], number];
    if (rows.length === 0) return false;
    await manager.query(
      `INSERT INTO trade_events (trade_id, status, actor_type, actor_id, reason, at)
       VALUES ($1, 'funded', 'system', NULL, $2, $3)`,
      [tradeId, reason, at],
    );
    return true;
  }
}
