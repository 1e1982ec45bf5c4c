import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, toPage, ValidationError, type Page } from '@carryover/shared';
import type { MoneyComparison } from './compare-trade-money';
import { ReconciliationDifferenceEntity } from './reconciliation-difference.entity';

export interface TradeToReconcile {
  tradeId: string;
  currency: string;
}

export type ComparisonOutcome = 'opened' | 'still_open' | 'resolved' | 'agrees';

export interface DifferenceQuery {
  status?: 'open' | 'resolved' | 'all';
  tradeId?: string;
  limit: number;
  cursor?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only one run at a time across processes: a session lock held for the run. */
const RUN_LOCK_SQL = `hashtextextended('escrow:reconciliation', 0)`;

/** The only code that touches reconciliation_differences, and the one that picks trades to compare. */
@Injectable()
export class ReconciliationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` holding the run lock; null without running it when another run holds the lock. */
  async withRunLock<T>(work: () => Promise<T>): Promise<T | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [row] = (await runner.query(`SELECT pg_try_advisory_lock(${RUN_LOCK_SQL}) AS locked`)) as Array<{
        locked: boolean;
      }>;
      if (!row?.locked) return null;
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${RUN_LOCK_SQL})`);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Trades with escrow activity (ledger journals, a payment, refunds, transfers) whose latest activity is
   * between `since` and `quietSince` (steps still in flight are left to the next run), and every trade with
   * an open difference, oldest activity first; or just `tradeId`, if it has escrow activity at all.
   */
  async tradesToReconcile(
    scope: { since: Date; quietSince: Date } | { tradeId: string },
  ): Promise<TradeToReconcile[]> {
    const where =
      'tradeId' in scope
        ? 'l.trade_id = $1'
        : `(l.at >= $1 AND l.at <= $2)
            OR EXISTS (SELECT 1 FROM reconciliation_differences d
                        WHERE d.trade_id = l.trade_id AND d.resolved_at IS NULL)`;
    const params = 'tradeId' in scope ? [scope.tradeId] : [scope.since, scope.quietSince];
    const rows = (await this.dataSource.query(
      `WITH activity (trade_id, currency, at) AS (
              SELECT trade_id, currency, max(posted_at) FROM ledger_journals WHERE trade_id IS NOT NULL
               GROUP BY trade_id, currency
        UNION ALL SELECT trade_id, currency, updated_at FROM trade_payments WHERE payment_intent_id IS NOT NULL
        UNION ALL SELECT trade_id, currency, max(updated_at) FROM trade_refunds GROUP BY trade_id, currency
        UNION ALL SELECT trade_id, currency, max(updated_at) FROM trade_transfers GROUP BY trade_id, currency
      ),
      latest AS (
        SELECT trade_id, min(currency) AS currency, max(at) AS at FROM activity GROUP BY trade_id
      )
      SELECT l.trade_id, l.currency FROM latest l WHERE ${where} ORDER BY l.at, l.trade_id`,
      params,
    )) as Array<{ trade_id: string; currency: string }>;
    return rows.map((r) => ({ tradeId: r.trade_id, currency: r.currency }));
  }

  /**
   * Records one comparison: a disagreement opens a difference (or refreshes the open one), an agreement
   * resolves the open one if there is one.
   */
  async record(
    manager: EntityManager,
    trade: TradeToReconcile,
    comparison: MoneyComparison,
    at: Date,
  ): Promise<ComparisonOutcome> {
    if (comparison.ledgerMinor === comparison.providerMinor) {
      const [rows] = (await manager.query(
        `UPDATE reconciliation_differences SET resolved_at = $3, last_seen_at = $3
          WHERE trade_id = $1 AND kind = $2 AND resolved_at IS NULL RETURNING id`,
        [trade.tradeId, comparison.kind, at],
      )) as [unknown[], number];
      return rows.length > 0 ? 'resolved' : 'agrees';
    }
    const rows = (await manager.query(
      `INSERT INTO reconciliation_differences
              (trade_id, kind, currency, ledger_amount_minor, provider_amount_minor, detected_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (trade_id, kind) WHERE resolved_at IS NULL DO UPDATE
          SET ledger_amount_minor = EXCLUDED.ledger_amount_minor,
              provider_amount_minor = EXCLUDED.provider_amount_minor,
              last_seen_at = EXCLUDED.last_seen_at
       RETURNING (xmax = 0) AS inserted`,
      [
        trade.tradeId,
        comparison.kind,
        trade.currency,
        comparison.ledgerMinor.toString(),
        comparison.providerMinor.toString(),
        at,
      ],
    )) as Array<{ inserted: boolean }>;
    return rows[0]?.inserted ? 'opened' : 'still_open';
  }

  async countOpen(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM reconciliation_differences WHERE resolved_at IS NULL`,
    )) as Array<{ n: number }>;
    return rows[0]?.n ?? 0;
  }

  /** Newest detected first, keyset-paginated on (detected_at, id). */
  async list(query: DifferenceQuery): Promise<Page<ReconciliationDifferenceEntity>> {
    const builder = this.dataSource
      .getRepository(ReconciliationDifferenceEntity)
      .createQueryBuilder('d')
      .orderBy('d.detected_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(query.limit + 1);
    const status = query.status ?? 'open';
    if (status === 'open') builder.andWhere('d.resolved_at IS NULL');
    if (status === 'resolved') builder.andWhere('d.resolved_at IS NOT NULL');
    if (query.tradeId) builder.andWhere('d.trade_id = :tradeId', { tradeId: query.tradeId });
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor);
      if (!UUID.test(after.id)) {
        throw new ValidationError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
      }
      builder.andWhere('(d.detected_at, d.id) < (:at, :id)', { at: after.at, id: after.id });
    }
    const rows = await builder.getMany();
    return toPage(rows, query.limit, (row) => ({ at: row.detectedAt, id: row.id }));
  }
}
