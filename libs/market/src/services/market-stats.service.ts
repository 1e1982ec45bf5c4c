import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogService } from '@carryover/catalog';

/** Days-to-expiry buckets of the market statistics; `maxDays` null is open-ended. */
export const EXPIRY_BUCKETS = [
  { bucket: '0-30', minDays: 0, maxDays: 30 },
  { bucket: '31-90', minDays: 31, maxDays: 90 },
  { bucket: '91-180', minDays: 91, maxDays: 180 },
  { bucket: '181+', minDays: 181, maxDays: null },
] as const;

export interface ExpiryBucketStats {
  bucket: string;
  minDays: number;
  maxDays: number | null;
  trades: number;
  quantityMinor: bigint;
  grossMinor: bigint;
  /** Quantity-weighted mean of 10000 - priceBps, to two decimals; null when nothing traded. */
  averageDiscountBps: number | null;
}

export interface MarketStats {
  providerCode: string;
  currency: string;
  buckets: ExpiryBucketStats[];
}

/** Trades that did not happen after all: never paid, or paid back. */
const NOT_TRADED = ['cancelled', 'refunding', 'refunded'];

/** Volume and discount by days to expiry at execution, computed in one grouped query. */
@Injectable()
export class MarketStatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
  ) {}

  async byDaysToExpiry(providerCode: string, currency: string): Promise<MarketStats> {
    await this.catalog.getProvider(providerCode);
    const rows: Array<{
      bucket: number;
      trades: number;
      quantity: string;
      gross: string;
      discount: string | null;
    }> = await this.dataSource.query(
      `SELECT CASE WHEN days_to_expiry <= 30 THEN 0 WHEN days_to_expiry <= 90 THEN 1
                   WHEN days_to_expiry <= 180 THEN 2 ELSE 3 END AS bucket,
              count(*)::int AS trades,
              sum(quantity_minor)::text AS quantity,
              sum(gross_minor)::text AS gross,
              round(sum((10000 - price_bps)::numeric * quantity_minor) / nullif(sum(quantity_minor), 0), 2)::text
                AS discount
         FROM trades
        WHERE provider_code = $1 AND currency = $2 AND status <> ALL($3::text[])
        GROUP BY 1`,
      [providerCode, currency, NOT_TRADED],
    );
    const byBucket = new Map(rows.map((row) => [row.bucket, row]));
    return {
      providerCode,
      currency,
      buckets: EXPIRY_BUCKETS.map((definition, index) => {
        const row = byBucket.get(index);
        return {
          bucket: definition.bucket,
          minDays: definition.minDays,
          maxDays: definition.maxDays,
          trades: row?.trades ?? 0,
          quantityMinor: BigInt(row?.quantity ?? 0),
          grossMinor: BigInt(row?.gross ?? 0),
          averageDiscountBps: row?.discount == null ? null : Number(row.discount),
        };
      }),
    };
  }
}
