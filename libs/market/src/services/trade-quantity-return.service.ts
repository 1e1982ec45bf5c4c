import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ListingStatus } from '../entities/listing.entity';
import { lockMarket } from '../matching/market-lock';

/** The part of a failed or cancelled trade that decides where its quantity goes back to. */
export interface ReturnableTrade {
  id: string;
  listingId: string;
  creditLotId: string;
  providerCode: string;
  currency: string;
  quantityMinor: bigint;
}

export interface ReturnedQuantity {
  /** True when the listing was still tradable and took the quantity back; else the lot's available did. */
  toListing: boolean;
  listing: { id: string; status: ListingStatus; remainingMinor: bigint; filledMinor: bigint };
  lot: { id: string; listedMinor: bigint; soldMinor: bigint; availableMinor: bigint };
}

interface ListingRow {
  status: ListingStatus;
  remaining_minor: string;
  filled_minor: string;
  tradable: boolean;
}

interface LotRow {
  listed_minor: string;
  sold_minor: string;
  available_minor: string;
}

/** Still in the book: open, or filled but before its tradableUntil (the quantity may be sold again). */
const REOPENABLE: readonly ListingStatus[] = ['active', 'partially_filled', 'filled'];

/**
 * Puts a cancelled or refunded trade's quantity back (DESIGN.md matching rule 7), in the caller's
 * transaction and under the market's lock, so the matcher sees the listing and the lot change together:
 * a listing still tradable gets it back as remaining (the lot's sold becomes listed again); otherwise the
 * lot's sold becomes available. Call it once per trade, with the transition that ends the trade.
 */
@Injectable()
export class TradeQuantityReturn {
  async returnQuantity(manager: EntityManager, trade: ReturnableTrade, now: Date): Promise<ReturnedQuantity> {
    await lockMarket(manager, { providerCode: trade.providerCode, currency: trade.currency });
    const listings = (await manager.query(
      `SELECT status, remaining_minor, filled_minor, tradable_until > $2 AS tradable
         FROM listings WHERE id = $1 FOR UPDATE`,
      [trade.listingId, now],
    )) as ListingRow[];
    const listing = listings[0];
    if (!listing) throw new Error(`listing ${trade.listingId} of trade ${trade.id} is missing`);
    const quantity = trade.quantityMinor.toString();
    const toListing = listing.tradable && REOPENABLE.includes(listing.status);
    let reopened = listing;
    if (toListing) {
      const [rows] = (await manager.query(
        `UPDATE listings
            SET remaining_minor = remaining_minor + $2, filled_minor = filled_minor - $2,
                status = CASE WHEN filled_minor - $2 = 0 THEN 'active' ELSE 'partially_filled' END,
                closed_at = NULL, updated_at = now()
          WHERE id = $1
          RETURNING status, remaining_minor, filled_minor, true AS tradable`,
        [trade.listingId, quantity],
      )) as [ListingRow[], number];
      reopened = rows[0] as ListingRow;
    }
    // The credits domain has no operation for this; the lot's CHECK constraints still guard it.
    const lots = (await manager.query(
      `UPDATE credit_lots
          SET sold_minor = sold_minor - $2, listed_minor = listed_minor + CASE WHEN $3 THEN $2 ELSE 0 END,
              updated_at = now()
        WHERE id = $1
        RETURNING listed_minor, sold_minor, available_minor`,
      [trade.creditLotId, quantity, toListing],
    )) as [LotRow[], number];
    const lot = lots[0][0];
    if (!lot) throw new Error(`credit lot ${trade.creditLotId} of trade ${trade.id} is missing`);
    return {
      toListing,
      listing: {
        id: trade.listingId,
        status: reopened.status,
        remainingMinor: BigInt(reopened.remaining_minor),
        filledMinor: BigInt(reopened.filled_minor),
      },
      lot: {
        id: trade.creditLotId,
        listedMinor: BigInt(lot.listed_minor),
        soldMinor: BigInt(lot.sold_minor),
        availableMinor: BigInt(lot.available_minor),
      },
    };
  }
}
