// The scale benchmark's market: sellers, lots and template listings created through the API, then grown to
// a given number of resting listings with set-based SQL, and checked for consistency at each size.
// - Each added listing is a copy of one template listing (one per lot, created through POST /v1/listings)
//   with its own quantity and price, and its own compliance result (a copy of the template's: same policy
//   version, outcome and checks) as the API stores one per listing. The lots' listed amounts grow by what
//   is listed, so listed + sold stays within the face value. Audit events are not written for the copies.
// - The inserts go through the statement triggers that keep book_levels, like any writer's.
import { LISTING_CANDIDATES_SQL } from '../../libs/market/src/matching/market-candidates.repository';
import {
  call,
  createBenchProvider,
  kycVerifiedFirm,
  signInOperator,
  verifiedLot,
  type Auth,
  type BenchApi,
} from './bench-stack';

export const MARKET = { providerCode: 'bench-scale', currency: 'USD' };
const SELLERS = 4;
const LOTS_PER_SELLER = 2;
/** Distinct prices, 5000..7999 bps. */
export const PRICES = 3_000;
/** Quantities of the added listings: 10,000..100,000 minor units in steps of 1,000. */
const QUANTITY = { min: 10_000, steps: 91, step: 1_000 };
const MAX_QUANTITY = QUANTITY.min + (QUANTITY.steps - 1) * QUANTITY.step;
/** Rows per INSERT statement (each its own transaction). */
const CHUNK = 250_000;
const RESTING_BIDS = 20;

/** The candidate query of an incoming buy order, as the matcher runs it. */
export const CANDIDATE_QUERY = LISTING_CANDIDATES_SQL;

export interface ScaleMarket {
  /** the template listings, one per lot */
  templates: string[];
  buyer: Auth;
  lots: number;
  sellers: number;
  bids: number;
}

/**
 * KYC-verified sellers with verified lots large enough for `maxListings` listings of the largest quantity,
 * one template listing per lot, and a buyer with resting bids under the asks; all through the API.
 */
export async function seedScaleMarket(api: BenchApi, maxListings: number): Promise<ScaleMarket> {
  const operator = await signInOperator(api);
  await createBenchProvider(api.db, MARKET.providerCode);
  const lots = SELLERS * LOTS_PER_SELLER;
  // Room for every lot's share of the listings plus what replenishing adds, at the largest quantity.
  const faceValueMinor = (Math.ceil((maxListings * 1.1) / lots) + 10) * MAX_QUANTITY;
  const templates: string[] = [];
  for (let s = 0; s < SELLERS; s++) {
    const seller = await kycVerifiedFirm(api, operator, `seller${s + 1}`);
    for (let l = 0; l < LOTS_PER_SELLER; l++) {
      const lotId = await verifiedLot(api, operator, seller.auth, MARKET.providerCode, faceValueMinor);
      const k = templates.length;
      const created = await call<{ listing: { id: string; status: string } }>(api, 'POST', '/v1/listings', {
        auth: seller.auth,
        body: { creditLotId: lotId, quantityMinor: MAX_QUANTITY, priceBps: 5000 + ((k * 7919) % PRICES) },
      });
      if (created.listing.status !== 'active') {
        throw new Error(`template listing is ${created.listing.status}, not active: compliance did not pass`);
      }
      templates.push(created.listing.id);
    }
  }
  const buyer = await kycVerifiedFirm(api, operator, 'buyer');
  for (let i = 0; i < RESTING_BIDS; i++) {
    await call(api, 'POST', '/v1/orders', {
      auth: buyer.auth,
      body: { ...MARKET, quantityMinor: 5_000, maxPriceBps: 4000 + i * 10, timeInForce: 'GTC' },
    });
  }
  return { templates, buyer: buyer.auth, lots, sellers: SELLERS, bids: RESTING_BIDS };
}

/** Resting listings of the market, from the maintained price levels. */
export async function restingListings(api: BenchApi): Promise<number> {
  const [row] = await api.db.query(
    `SELECT coalesce(sum(entries), 0)::int AS n FROM book_levels
      WHERE provider_code = $1 AND currency = $2 AND side = 'ask'`,
    [MARKET.providerCode, MARKET.currency],
  );
  return row.n as number;
}

/** Numbers the added listings across calls, so prices and quantities keep spreading. */
let nextListing = 1;

/** Adds listings until `total` rest in the market; returns how many were added. */
export async function growTo(api: BenchApi, market: ScaleMarket, total: number): Promise<number> {
  const missing = total - (await restingListings(api));
  for (let done = 0; done < missing; done += CHUNK) {
    const count = Math.min(CHUNK, missing - done);
    await insertListings(api, market.templates, nextListing, nextListing + count - 1);
    nextListing += count;
  }
  return Math.max(0, missing);
}

/** Listings numbered first..last (inclusive), with their compliance results and the lots' listed amounts. */
async function insertListings(
  api: BenchApi,
  templates: string[],
  first: number,
  last: number,
): Promise<void> {
  await api.db.query(
    `WITH template AS (
       SELECT (row_number() OVER (ORDER BY l.book_seq) - 1)::int AS k, l.organization_id, l.credit_lot_id,
              l.provider_code, l.currency, l.expires_at, l.tradable_until, l.transfer_methods,
              l.created_by_user_id, r.policy_version, r.outcome, r.checks, r.requires_provider_approval
         FROM listings l JOIN compliance_results r ON r.id = l.compliance_result_id
        WHERE l.id = ANY($1::uuid[])
     ), fresh AS MATERIALIZED (
       SELECT gen_random_uuid() AS listing_id, gen_random_uuid() AS result_id,
              ${QUANTITY.min} + (g * 37 % ${QUANTITY.steps}) * ${QUANTITY.step} AS quantity,
              (5000 + g * 7919 % ${PRICES})::int AS price,
              -- the lots take turns, shifted every ${PRICES} listings so that each lot gets every price
              ((g + g / ${PRICES}) % $4)::int AS k
         FROM generate_series($2::bigint, $3::bigint) AS g
     ), results AS (
       INSERT INTO compliance_results (id, subject_type, subject_id, context, provider_code, policy_version,
                                       outcome, checks, requires_provider_approval, evaluated_at)
       SELECT f.result_id, 'listing', f.listing_id, 'listing', t.provider_code, t.policy_version,
              t.outcome, t.checks, t.requires_provider_approval, $5
         FROM fresh f JOIN template t USING (k)
     ), listed AS (
       INSERT INTO listings (id, organization_id, credit_lot_id, provider_code, currency, quantity_minor,
                             remaining_minor, price_bps, effective_price_bps, expires_at, tradable_until,
                             transfer_methods, status, compliance_result_id, created_by_user_id)
       SELECT f.listing_id, t.organization_id, t.credit_lot_id, t.provider_code, t.currency, f.quantity,
              f.quantity, f.price, f.price, t.expires_at, t.tradable_until, t.transfer_methods, 'active',
              f.result_id, t.created_by_user_id
         FROM fresh f JOIN template t USING (k)
       RETURNING credit_lot_id, quantity_minor
     )
     UPDATE credit_lots lot SET listed_minor = lot.listed_minor + added.quantity, updated_at = now()
       FROM (SELECT credit_lot_id, sum(quantity_minor) AS quantity FROM listed GROUP BY credit_lot_id) added
      WHERE lot.id = added.credit_lot_id`,
    [templates, first, last, templates.length, new Date()],
  );
}

interface Level {
  priceBps: number;
  quantityMinor: number;
  count: number;
}

/**
 * Throws unless the book endpoint shows what the listings and orders add up to, every maintained price
 * level matches its aggregate, and each lot's listed amount is what its resting listings hold. Returns a
 * one-line summary.
 */
export async function checkConsistency(api: BenchApi, market: ScaleMarket, size: number): Promise<string> {
  const now = new Date();
  const params = [MARKET.providerCode, MARKET.currency, now];
  const book = await call<{ asks: Level[]; bids: Level[] }>(
    api,
    'GET',
    `/v1/markets/${MARKET.providerCode}/book?currency=${MARKET.currency}`,
    { auth: market.buyer },
  );
  const asks: Level[] = (
    await api.db.query(
      `SELECT effective_price_bps AS price, sum(remaining_minor)::text AS quantity, count(*)::int AS count
         FROM listings
        WHERE provider_code = $1 AND currency = $2 AND status IN ('active', 'partially_filled')
          AND tradable_until > $3
        GROUP BY effective_price_bps ORDER BY effective_price_bps LIMIT 200`,
      params,
    )
  ).map(toLevel);
  const bids: Level[] = (
    await api.db.query(
      `SELECT max_price_bps AS price, sum(remaining_minor)::text AS quantity, count(*)::int AS count
         FROM buy_orders
        WHERE provider_code = $1 AND currency = $2 AND status IN ('open', 'partially_filled')
          AND (good_till IS NULL OR good_till > $3)
        GROUP BY max_price_bps ORDER BY max_price_bps DESC LIMIT 200`,
      params,
    )
  ).map(toLevel);
  if (
    JSON.stringify(book.asks) !== JSON.stringify(asks) ||
    JSON.stringify(book.bids) !== JSON.stringify(bids)
  ) {
    throw new Error(
      `at ${size} listings the book endpoint differs from the listings' aggregate: ` +
        `first ask ${JSON.stringify(book.asks[0])} vs ${JSON.stringify(asks[0])}, ` +
        `${book.asks.length}/${asks.length} asks, ${book.bids.length}/${bids.length} bids`,
    );
  }
  const levels = async (side: 'ask' | 'bid', table: string, price: string, statuses: string) => {
    const [row] = await api.db.query(
      `SELECT count(*) FILTER (WHERE b.quantity_minor IS DISTINCT FROM a.quantity_minor
                                  OR b.entries IS DISTINCT FROM a.entries)::int AS mismatched,
              count(a.price_bps)::int AS levels
         FROM (SELECT price_bps, quantity_minor, entries FROM book_levels
                WHERE provider_code = $1 AND currency = $2 AND side = $3
                  AND NOT (entries = 0 AND quantity_minor = 0)) b
         FULL JOIN (SELECT ${price} AS price_bps, sum(remaining_minor) AS quantity_minor, count(*) AS entries
                      FROM ${table}
                     WHERE provider_code = $1 AND currency = $2 AND status IN ${statuses}
                     GROUP BY ${price}) a USING (price_bps)`,
      [MARKET.providerCode, MARKET.currency, side],
    );
    if (row.mismatched !== 0) {
      throw new Error(
        `at ${size} listings ${row.mismatched} ${side} levels of book_levels differ from ${table}`,
      );
    }
    return row.levels as number;
  };
  const askLevels = await levels('ask', 'listings', 'effective_price_bps', `('active', 'partially_filled')`);
  const bidLevels = await levels('bid', 'buy_orders', 'max_price_bps', `('open', 'partially_filled')`);
  const [lots] = await api.db.query(
    `SELECT count(*)::int AS lots,
            count(*) FILTER (WHERE lot.listed_minor <> coalesce(held.remaining, 0))::int AS mismatched
       FROM credit_lots lot
       LEFT JOIN (SELECT credit_lot_id, sum(remaining_minor) AS remaining FROM listings
                   WHERE status IN ('active', 'partially_filled', 'pending_review')
                   GROUP BY credit_lot_id) held ON held.credit_lot_id = lot.id
      WHERE lot.provider_code = $1`,
    [MARKET.providerCode],
  );
  if (lots.mismatched !== 0) {
    throw new Error(`at ${size} listings ${lots.mismatched} lots' listed amounts differ from their listings`);
  }
  const resting = await restingListings(api);
  if (resting !== size) throw new Error(`${resting} listings rest in the market, not ${size}`);
  return (
    `book endpoint = aggregate of the listings and orders (${asks.length} asks, ${bids.length} bids shown); ` +
    `all ${askLevels} ask and ${bidLevels} bid levels of book_levels match; ${lots.lots} lots' listed amounts match`
  );
}

function toLevel(row: { price: number; quantity: string; count: number }): Level {
  return { priceBps: row.price, quantityMinor: Number(row.quantity), count: row.count };
}
