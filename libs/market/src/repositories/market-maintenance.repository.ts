import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Market } from '../matching/market-lock';

/** A listing just closed as expired, with the remainder it held on its lot. */
export interface ExpiredListing {
  id: string;
  organizationId: string;
  creditLotId: string;
  releasedMinor: bigint;
  filledMinor: bigint;
  tradableUntil: Date;
}

/** A buy order just closed as expired, with the remainder it no longer bids for. */
export interface ExpiredOrder {
  id: string;
  releasedMinor: bigint;
  filledMinor: bigint;
  goodTill: Date;
}

interface MarketRow {
  provider_code: string;
  currency: string;
}

interface ExpiredListingRow {
  id: string;
  organization_id: string;
  credit_lot_id: string;
  released_minor: string;
  filled_minor: string;
  tradable_until: Date;
}

interface ExpiredOrderRow {
  id: string;
  released_minor: string;
  filled_minor: string;
  good_till: Date;
}

const toMarket = (row: MarketRow): Market => ({ providerCode: row.provider_code, currency: row.currency });

/**
 * The sweeps of the maintenance jobs: which markets have work, and closing a bounded batch of due rows.
 * The closing queries run with the market's advisory lock held, like every other write to the book.
 */
@Injectable()
export class MarketMaintenanceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Markets holding a listing past tradableUntil or an order past goodTill that is not closed yet. */
  async marketsWithExpiredItems(now: Date): Promise<Market[]> {
    const rows: MarketRow[] = await this.dataSource.query(
      `SELECT provider_code, currency FROM listings
        WHERE tradable_until <= $1 AND status IN ('active', 'partially_filled', 'pending_review')
       UNION
       SELECT provider_code, currency FROM buy_orders
        WHERE good_till <= $1 AND status IN ('open', 'partially_filled')`,
      [now],
    );
    return rows.map(toMarket);
  }

  /** Markets holding an open listing whose schedule price changes at or before `now`. */
  async marketsDueRepricing(now: Date): Promise<Market[]> {
    const rows: MarketRow[] = await this.dataSource.query(
      `SELECT DISTINCT provider_code, currency FROM listings
        WHERE next_reprice_at <= $1 AND status IN ('active', 'partially_filled', 'pending_review')`,
      [now],
    );
    return rows.map(toMarket);
  }

  /** Closes up to `limit` listings of the market whose tradableUntil has passed; remaining drops to 0. */
  async expireListings(
    manager: EntityManager,
    market: Market,
    now: Date,
    limit: number,
  ): Promise<ExpiredListing[]> {
    // The postgres driver gives [rows, affectedCount] for an UPDATE.
    const [rows]: [ExpiredListingRow[], number] = await manager.query(
      `UPDATE listings l SET status = 'expired', remaining_minor = 0, closed_at = $3, updated_at = now()
         FROM (SELECT id, remaining_minor FROM listings
                WHERE provider_code = $1 AND currency = $2 AND tradable_until <= $3
                  AND status IN ('active', 'partially_filled', 'pending_review')
                ORDER BY tradable_until, id LIMIT $4 FOR UPDATE) due
        WHERE l.id = due.id
        RETURNING l.id, l.organization_id, l.credit_lot_id, due.remaining_minor AS released_minor, l.filled_minor,
                  l.tradable_until`,
      [market.providerCode, market.currency, now, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      organizationId: row.organization_id,
      creditLotId: row.credit_lot_id,
      releasedMinor: BigInt(row.released_minor),
      filledMinor: BigInt(row.filled_minor),
      tradableUntil: new Date(row.tradable_until),
    }));
  }

  /** Closes up to `limit` resting buy orders of the market whose goodTill has passed; remaining drops to 0. */
  async expireOrders(
    manager: EntityManager,
    market: Market,
    now: Date,
    limit: number,
  ): Promise<ExpiredOrder[]> {
    const [rows]: [ExpiredOrderRow[], number] = await manager.query(
      `UPDATE buy_orders b SET status = 'expired', remaining_minor = 0, closed_at = $3, updated_at = now()
         FROM (SELECT id, remaining_minor FROM buy_orders
                WHERE provider_code = $1 AND currency = $2 AND good_till <= $3
                  AND status IN ('open', 'partially_filled')
                ORDER BY good_till, id LIMIT $4 FOR UPDATE) due
        WHERE b.id = due.id
        RETURNING b.id, due.remaining_minor AS released_minor, b.filled_minor, b.good_till`,
      [market.providerCode, market.currency, now, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      releasedMinor: BigInt(row.released_minor),
      filledMinor: BigInt(row.filled_minor),
      goodTill: new Date(row.good_till),
    }));
  }
}
