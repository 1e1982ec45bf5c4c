import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TransferMethod } from '@carryover/catalog';
import type { PageRequest } from '@carryover/identity';
import type { TradeStatus } from '@carryover/market';
import { decodeCursor, toPage, type Page } from '@carryover/shared';
import type { OperatorTradeRow } from '../domain/settlement.views';
import type { WaitingReason } from '../entities/trade-settlement.entity';

export interface OperatorTradeFilter extends PageRequest {
  status?: TradeStatus;
  /** Only trades the timeout sweep flagged for attention. */
  flagged?: boolean;
  /** newest (the default) or oldest first: a queue is worked oldest first. */
  order?: TradeListOrder;
}

export const TRADE_LIST_ORDERS = ['newest', 'oldest'] as const;
export type TradeListOrder = (typeof TRADE_LIST_ORDERS)[number];

interface Row {
  id: string;
  status: TradeStatus;
  provider_code: string;
  currency: string;
  quantity_minor: string;
  price_bps: number;
  gross_minor: string;
  fee_minor: string;
  seller_proceeds_minor: string;
  transfer_method: TransferMethod;
  requires_provider_approval: boolean;
  days_to_expiry: number;
  listing_id: string;
  order_id: string;
  seller_organization_id: string;
  buyer_organization_id: string;
  executed_at: Date;
  created_at: Date;
  status_entered_at: Date;
  waiting_for: WaitingReason | null;
  flagged_at: Date | null;
  flag_reason: string | null;
}

/** The operators' list of every trade with where it stands in settlement, newest or oldest first. */
@Injectable()
export class OperatorTradesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(filter: OperatorTradeFilter): Promise<Page<OperatorTradeRow>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      params.push(filter.status);
      where.push(`t.status = $${params.length}`);
    }
    if (filter.flagged !== undefined) where.push(`s.flagged_at IS ${filter.flagged ? 'NOT ' : ''}NULL`);
    const oldestFirst = filter.order === 'oldest';
    if (filter.cursor) {
      const position = decodeCursor(filter.cursor);
      params.push(position.at, position.id);
      where.push(
        `(t.created_at, t.id) ${oldestFirst ? '>' : '<'} ($${params.length - 1}, $${params.length})`,
      );
    }
    params.push(filter.limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT t.id, t.status, t.provider_code, t.currency, t.quantity_minor, t.price_bps, t.gross_minor,
              t.fee_minor, t.seller_proceeds_minor, t.transfer_method, t.requires_provider_approval,
              t.days_to_expiry, t.listing_id, t.order_id, t.seller_organization_id, t.buyer_organization_id,
              t.executed_at, t.created_at, coalesce(s.status_entered_at, t.executed_at) AS status_entered_at,
              s.waiting_for, s.flagged_at, s.flag_reason
         FROM trades t LEFT JOIN trade_settlements s ON s.trade_id = t.id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY t.created_at ${oldestFirst ? 'ASC' : 'DESC'}, t.id ${oldestFirst ? 'ASC' : 'DESC'}
        LIMIT $${params.length}`,
      params,
    )) as Row[];
    return toPage(rows.map(toRow), filter.limit, (row) => ({ at: row.createdAt, id: row.id }));
  }
}

function toRow(row: Row): OperatorTradeRow {
  return {
    id: row.id,
    status: row.status,
    providerCode: row.provider_code,
    currency: row.currency,
    quantityMinor: BigInt(row.quantity_minor),
    priceBps: row.price_bps,
    grossMinor: BigInt(row.gross_minor),
    feeMinor: BigInt(row.fee_minor),
    sellerProceedsMinor: BigInt(row.seller_proceeds_minor),
    transferMethod: row.transfer_method,
    requiresProviderApproval: row.requires_provider_approval,
    daysToExpiry: row.days_to_expiry,
    listingId: row.listing_id,
    orderId: row.order_id,
    sellerOrganizationId: row.seller_organization_id,
    buyerOrganizationId: row.buyer_organization_id,
    executedAt: row.executed_at,
    createdAt: row.created_at,
    statusEnteredAt: row.status_entered_at,
    waitingFor: row.waiting_for,
    flaggedAt: row.flagged_at,
    flagReason: row.flag_reason,
  };
}
