import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TradeStatus } from '@carryover/market';

/** The timeout sweep's reads, oldest first and bounded, and the operators' flag. */
@Injectable()
export class SettlementSweepRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Trades still awaiting payment that were matched before `cutoff` (awaiting_payment is a trade's birth). */
  async unpaidBefore(cutoff: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM trades WHERE status = 'awaiting_payment' AND executed_at < $1
        ORDER BY executed_at, id LIMIT $2`,
      [cutoff, limit],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** Trades in `status` since before `cutoff`. */
  async inStatusBefore(status: TradeStatus, cutoff: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT t.id FROM trades t JOIN trade_settlements s ON s.trade_id = t.id
        WHERE t.status = $1 AND s.status_entered_at < $2
        ORDER BY s.status_entered_at, t.id LIMIT $3`,
      [status, cutoff, limit],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** Flags, once per step, the trades in one of `statuses` since before `cutoff`; returns those newly flagged. */
  async flagStuck(
    manager: EntityManager,
    statuses: readonly TradeStatus[],
    cutoff: Date,
    at: Date,
  ): Promise<Array<{ tradeId: string; status: TradeStatus; reason: string }>> {
    const [rows] = (await manager.query(
      `UPDATE trade_settlements s
          SET flagged_at = $3,
              flag_reason = 'in ' || t.status || ' since ' ||
                            to_char(s.status_entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') ||
                            ', beyond the step window',
              updated_at = $3
         FROM trades t
        WHERE t.id = s.trade_id AND t.status = ANY($1::text[]) AND s.status_entered_at < $2
          AND s.flagged_at IS NULL
        RETURNING s.trade_id, t.status, s.flag_reason`,
      [statuses, cutoff, at],
    )) as [Array<{ trade_id: string; status: TradeStatus; flag_reason: string }>, number];
    return rows.map((row) => ({ tradeId: row.trade_id, status: row.status, reason: row.flag_reason }));
  }

  /** Trades held back because their seller could not receive transfers, optionally of one seller. */
  async waitingForPayouts(
    limit: number,
    sellerOrganizationId?: string,
  ): Promise<Array<{ id: string; status: TradeStatus; sellerOrganizationId: string }>> {
    const rows = (await this.dataSource.query(
      `SELECT t.id, t.status, t.seller_organization_id FROM trades t JOIN trade_settlements s ON s.trade_id = t.id
        WHERE s.waiting_for = 'seller_payouts_not_enabled' AND t.status IN ('releasing', 'disputed')
          AND ($2::uuid IS NULL OR t.seller_organization_id = $2)
        ORDER BY s.waiting_since, t.id LIMIT $1`,
      [limit, sellerOrganizationId ?? null],
    )) as Array<{ id: string; status: TradeStatus; seller_organization_id: string }>;
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      sellerOrganizationId: row.seller_organization_id,
    }));
  }
}
