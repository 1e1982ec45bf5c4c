import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CreditSource, TransferMethod } from '@carryover/catalog';
import type { KycStatus, LotStatus, PartySnapshot, LotSnapshot } from '@carryover/compliance';
import type { PriceTier, RestingListing, RestingOrder, TimeInForce } from '@carryover/matching';

/** A resting listing as the engine needs it, with what compliance needs about its lot and seller. */
export interface ListingCandidate extends RestingListing {
  creditLotId: string;
  seller: PartySnapshot;
  lot: LotSnapshot;
}

export interface OrderCandidate extends RestingOrder {
  buyer: PartySnapshot;
}

export const CANDIDATE_PAGE = 200;

interface ListingRow {
  id: string;
  organization_id: string;
  credit_lot_id: string;
  remaining_minor: string;
  min_fill_minor: string;
  price_bps: number | null;
  price_schedule: PriceTier[] | null;
  expires_at: Date;
  tradable_until: Date;
  transfer_methods: TransferMethod[];
  lot_status: LotStatus;
  lot_face_value_minor: string;
  lot_currency: string;
  lot_source: CreditSource;
  lot_transfer_methods: TransferMethod[];
  legal_entity_name: string;
  country: string;
  kyc_status: KycStatus;
}

interface OrderRow {
  id: string;
  organization_id: string;
  remaining_minor: string;
  max_price_bps: number;
  min_days_to_expiry: number;
  transfer_methods: TransferMethod[];
  min_fill_minor: string;
  time_in_force: TimeInForce;
  good_till: Date | null;
  legal_entity_name: string;
  country: string;
  kyc_status: KycStatus;
}

const LISTING_CANDIDATE_COLUMNS = `l.id, l.organization_id, l.credit_lot_id, l.remaining_minor, l.min_fill_minor, l.price_bps,
              l.price_schedule, l.expires_at, l.tradable_until, l.transfer_methods,
              lot.status AS lot_status, lot.face_value_minor AS lot_face_value_minor, lot.currency AS lot_currency,
              lot.source AS lot_source, lot.transfer_methods AS lot_transfer_methods,
              o.legal_entity_name, o.country, o.kyc_status`;

const LISTINGS_WITH_LOT_AND_SELLER = `listings l
         JOIN credit_lots lot ON lot.id = l.credit_lot_id
         JOIN organizations o ON o.id = l.organization_id`;

const LIVE_LISTING = `l.status IN ('active', 'partially_filled')`;

/**
 * Listings an incoming buy order may take ($1 provider, $2 currency, $3 limit price, $4 now, $5 offset):
 * by listings_book_idx, cheapest then oldest, with what compliance needs about the lot and the seller.
 */
export const LISTING_CANDIDATES_SQL = `SELECT ${LISTING_CANDIDATE_COLUMNS}
         FROM ${LISTINGS_WITH_LOT_AND_SELLER}
        WHERE l.provider_code = $1 AND l.currency = $2 AND ${LIVE_LISTING}
          AND l.effective_price_bps <= $3 AND l.tradable_until > $4
        ORDER BY l.effective_price_bps, l.book_seq
        LIMIT ${CANDIDATE_PAGE} OFFSET $5`;

/**
 * The first page of LISTING_CANDIDATES_SQL for `count` requests at once: $1 now, then per request its
 * provider, currency and limit price ($2, $3, $4 for the first). One branch per request, each the same
 * query with its own values, so each is planned on its market's statistics (a LATERAL over generic values
 * may read a market whole where the one-market query walks listings_book_idx); rows are tagged with their
 * request's position (`request`, from 1), in page order within it.
 */
export function firstListingPagesSql(count: number): string {
  const branches = Array.from({ length: count }, (_, i) => {
    const [provider, currency, price] = [2 + 3 * i, 3 + 3 * i, 4 + 3 * i];
    return `(SELECT ${i + 1} AS request, ${LISTING_CANDIDATE_COLUMNS},
              l.effective_price_bps AS page_price_bps, l.book_seq AS page_seq
         FROM ${LISTINGS_WITH_LOT_AND_SELLER}
        WHERE l.provider_code = $${provider} AND l.currency = $${currency} AND ${LIVE_LISTING}
          AND l.effective_price_bps <= $${price} AND l.tradable_until > $1
        ORDER BY l.effective_price_bps, l.book_seq
        LIMIT ${CANDIDATE_PAGE})`;
  });
  return `SELECT * FROM (${branches.join('\n       UNION ALL ')}) pages ORDER BY request, page_price_bps, page_seq`;
}

/**
 * The matcher's index-ordered candidate queries (listings_book_idx / buy_orders_book_idx). Called with the
 * market's advisory lock held, so the rows cannot change underneath the match.
 */
@Injectable()
export class MarketCandidates {
  /** Listings an incoming buy order may take: price at or under its limit, still tradable; cheapest, oldest first. */
  async listingsFor(
    manager: EntityManager,
    market: { providerCode: string; currency: string },
    maxPriceBps: number,
    now: Date,
    offset: number,
  ): Promise<ListingCandidate[]> {
    const rows: ListingRow[] = await manager.query(LISTING_CANDIDATES_SQL, [
      market.providerCode,
      market.currency,
      maxPriceBps,
      now,
      offset,
    ]);
    return rows.map(toListingCandidate);
  }

  /**
   * The first candidate page (offset 0 of listingsFor) of each request, in one query, in the order given;
   * with each candidate's effective price as stored (`pricesBps[k]` is `candidates[k]`'s), by which a page
   * at a lower limit is this page's prefix.
   */
  async firstListingPages(
    manager: EntityManager,
    requests: ReadonlyArray<{ providerCode: string; currency: string; maxPriceBps: number }>,
    now: Date,
  ): Promise<Array<{ candidates: ListingCandidate[]; pricesBps: number[] }>> {
    if (requests.length === 0) return [];
    const rows: Array<ListingRow & { request: number; page_price_bps: number }> = await manager.query(
      firstListingPagesSql(requests.length),
      [now, ...requests.flatMap((request) => [request.providerCode, request.currency, request.maxPriceBps])],
    );
    const pages = requests.map(() => ({ candidates: [] as ListingCandidate[], pricesBps: [] as number[] }));
    for (const row of rows) {
      const page = pages[Number(row.request) - 1];
      page?.candidates.push(toListingCandidate(row));
      page?.pricesBps.push(Number(row.page_price_bps));
    }
    return pages;
  }

  /** Buy orders an incoming listing may fill: highest limit first, then oldest; only those still live. */
  async ordersFor(
    manager: EntityManager,
    market: { providerCode: string; currency: string },
    minPriceBps: number,
    now: Date,
    offset: number,
  ): Promise<OrderCandidate[]> {
    const rows: OrderRow[] = await manager.query(
      `SELECT b.id, b.organization_id, b.remaining_minor, b.max_price_bps, b.min_days_to_expiry, b.transfer_methods,
              b.min_fill_minor, b.time_in_force, b.good_till, o.legal_entity_name, o.country, o.kyc_status
         FROM buy_orders b
         JOIN organizations o ON o.id = b.organization_id
        WHERE b.provider_code = $1 AND b.currency = $2 AND b.status IN ('open', 'partially_filled')
          AND b.max_price_bps >= $3 AND (b.good_till IS NULL OR b.good_till > $4)
        ORDER BY b.max_price_bps DESC, b.book_seq
        LIMIT ${CANDIDATE_PAGE} OFFSET $5`,
      [market.providerCode, market.currency, minPriceBps, now, offset],
    );
    return rows.map(toOrderCandidate);
  }
}

function party(
  organizationId: string,
  row: { legal_entity_name: string; country: string; kyc_status: KycStatus },
): PartySnapshot {
  return {
    organizationId,
    legalEntityName: row.legal_entity_name,
    country: row.country,
    kycStatus: row.kyc_status,
  };
}

function toListingCandidate(row: ListingRow): ListingCandidate {
  const expiresAt = new Date(row.expires_at);
  return {
    id: row.id,
    sellerOrgId: row.organization_id,
    creditLotId: row.credit_lot_id,
    quantityMinor: BigInt(row.remaining_minor),
    minFillMinor: BigInt(row.min_fill_minor),
    price: row.price_bps ?? row.price_schedule ?? [],
    expiresAtMs: expiresAt.getTime(),
    tradableUntilMs: new Date(row.tradable_until).getTime(),
    transferMethods: row.transfer_methods,
    seller: party(row.organization_id, row),
    lot: {
      id: row.credit_lot_id,
      status: row.lot_status,
      faceValueMinor: BigInt(row.lot_face_value_minor),
      currency: row.lot_currency,
      expiresAt,
      source: row.lot_source,
      transferMethods: row.lot_transfer_methods,
    },
  };
}

function toOrderCandidate(row: OrderRow): OrderCandidate {
  return {
    id: row.id,
    buyerOrgId: row.organization_id,
    maxPriceBps: row.max_price_bps,
    quantityMinor: BigInt(row.remaining_minor),
    minDaysToExpiry: row.min_days_to_expiry,
    transferMethods: row.transfer_methods,
    minFillMinor: BigInt(row.min_fill_minor),
    timeInForce: row.time_in_force,
    goodTillMs: row.good_till ? new Date(row.good_till).getTime() : undefined,
    buyer: party(row.organization_id, row),
  };
}
