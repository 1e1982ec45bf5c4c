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
 * Escrow's narrow window on the market's trades: read one under a row lock, in the caller's transaction.
 * Status changes belong to the settlement domain's state machine.
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
}
