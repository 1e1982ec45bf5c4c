import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  daysToExpiry,
  effectivePriceBps,
  nextRepriceAtMs,
  type PriceSpec,
  type PriceTier,
} from '@carryover/matching';
import type { Market } from './market-lock';

/** Where a listing's price stands now, and when it next changes (null: never). */
export function priceAt(
  price: PriceSpec,
  expiresAt: Date,
  now: Date,
): { effectivePriceBps: number | null; nextRepriceAt: Date | null } {
  const next = nextRepriceAtMs(price, expiresAt.getTime(), now.getTime());
  return {
    effectivePriceBps: effectivePriceBps(price, daysToExpiry(expiresAt.getTime(), now.getTime())),
    nextRepriceAt: Number.isFinite(next) ? new Date(next) : null,
  };
}

/** Brings scheduled listings whose tier boundary has passed to their current price. */
@Injectable()
export class Repricer {
  /**
   * In the given markets (the matcher calls this with their locks held), or everywhere when none is given.
   */
  async repriceDue(manager: EntityManager, now: Date, markets?: Market | readonly Market[]): Promise<number> {
    const only = markets === undefined ? undefined : Array.isArray(markets) ? markets : [markets as Market];
    const rows: Array<{ id: string; price_schedule: PriceTier[]; expires_at: Date }> = await manager.query(
      `SELECT id, price_schedule, expires_at FROM listings
        WHERE next_reprice_at <= $1 AND status IN ('active', 'partially_filled', 'pending_review')
          ${only ? 'AND (provider_code, currency) IN (SELECT * FROM unnest($2::text[], $3::char(3)[]))' : ''}
        ORDER BY next_reprice_at LIMIT 1000`,
      only ? [now, only.map((market) => market.providerCode), only.map((market) => market.currency)] : [now],
    );
    for (const row of rows) {
      const { effectivePriceBps: price, nextRepriceAt } = priceAt(
        row.price_schedule,
        new Date(row.expires_at),
        now,
      );
      // No tier left means no price: the listing cannot match (the engine skips it); keep the last price shown.
      await manager.query(
        `UPDATE listings SET effective_price_bps = COALESCE($2, effective_price_bps), next_reprice_at = $3, updated_at = now()
          WHERE id = $1`,
        [row.id, price, nextRepriceAt],
      );
    }
    return rows.length;
  }
}
