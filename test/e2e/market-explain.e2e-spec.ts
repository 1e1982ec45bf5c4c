import { DataSource, type EntityManager } from 'typeorm';
import { BOOK_QUERY } from '@carryover/market';
import { MarketCandidates } from '../../libs/market/src/matching/market-candidates.repository';
import { MarketMatcher } from '../../libs/market/src/matching/market-matcher.service';
import { startApi, type TestApi } from '../support/api-app';
import { createTestProvider } from '../factories/catalog.factory';
import { verifiedLot, tradingPair } from '../factories/credits.factory';
import { type RegisteredFirm } from '../factories/identity.factory';

type Auth = { Authorization: string };
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

/**
 * The matcher's candidate queries on a market of a few thousand rows: they must walk the book indexes in
 * order (never read the whole table), and page through candidates the engine skips.
 */
describe('market: the matcher’s candidate queries at depth', () => {
  let api: TestApi;
  let db: DataSource;
  let operator: { auth: Auth };
  let seller: RegisteredFirm;
  let buyer: RegisteredFirm;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    ({ operator, seller, buyer } = await tradingPair(api));
  });
  afterAll(() => api.close());

  /** The SQL and parameters a candidate method sends, caught on a stand-in manager. */
  const capture = async (
    run: (manager: EntityManager) => Promise<unknown>,
  ): Promise<{ sql: string; params: unknown[] }> => {
    const sent: Array<{ sql: string; params: unknown[] }> = [];
    const recorder = {
      query: async (sql: string, params: unknown[]) => {
        sent.push({ sql, params });
        return [];
      },
    } as unknown as EntityManager;
    await run(recorder);
    expect(sent).toHaveLength(1);
    return sent[0];
  };
  const plan = async (query: { sql: string; params: unknown[] }): Promise<PlanNode[]> => {
    const rows: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }> = await db.query(
      `EXPLAIN (FORMAT JSON) ${query.sql}`,
      query.params,
    );
    return flatten(rows[0]['QUERY PLAN'][0].Plan);
  };
  const scansOf = (nodes: PlanNode[], table: string) =>
    nodes.filter((n) => n['Relation Name'] === table).map((n) => [n['Node Type'], n['Index Name'] ?? null]);

  /** Puts `count` listings of 1000 each on the lot straight into the table, and holds them on the lot. */
  const insertListings = async (lotId: string, count: number, price: string, cancelledEvery = 0) => {
    const cancelled = cancelledEvery > 0 ? `g % ${cancelledEvery} = 0` : 'false';
    await db.query(
      `INSERT INTO listings (organization_id, credit_lot_id, provider_code, currency, quantity_minor, remaining_minor,
              price_bps, effective_price_bps, expires_at, tradable_until, transfer_methods, status)
       SELECT lot.organization_id, lot.id, lot.provider_code, lot.currency, 1000,
              CASE WHEN ${cancelled} THEN 0 ELSE 1000 END, ${price}, ${price}, lot.expires_at, lot.tradable_until,
              lot.transfer_methods, CASE WHEN ${cancelled} THEN 'cancelled' ELSE 'active' END
         FROM credit_lots lot, generate_series(1, $2::int) g
        WHERE lot.id = $1`,
      [lotId, count],
    );
    await db.query(
      `UPDATE credit_lots SET listed_minor = (SELECT coalesce(sum(remaining_minor), 0) FROM listings
                WHERE credit_lot_id = $1 AND status = 'active') WHERE id = $1`,
      [lotId],
    );
  };

  it('reads listings for an incoming order through listings_book_idx, cheapest first, past skipped ones', async () => {
    const code = await createTestProvider(db);
    const ownLot = await verifiedLot(api, operator.auth, buyer.auth, {
      providerCode: code,
      faceValueMinor: 100_000_000,
    });
    const sellerLot = await verifiedLot(api, operator.auth, seller.auth, {
      providerCode: code,
      faceValueMinor: 100_000_000,
    });
    // 500 of the buyer's own listings sit cheapest; the seller's 3000 (a quarter cancelled) cost 2001..5000.
    await insertListings(ownLot, 500, '1000 + g % 50');
    await insertListings(sellerLot, 3000, '2000 + g', 4);
    await db.query('ANALYZE listings');

    const query = await capture((manager) =>
      api.app
        .get(MarketCandidates)
        .listingsFor(manager, { providerCode: code, currency: 'USD' }, 8000, new Date(), 0),
    );
    const nodes = await plan(query);
    const listings = scansOf(nodes, 'listings');
    expect(listings).toEqual([[expect.stringMatching(/Index/), 'listings_book_idx']]);
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'listings')).toEqual(
      [],
    );

    // The buyer's own 500 fill more than two candidate pages; the order must reach the seller's behind them.
    const placed = await api.http
      .post('/v1/orders')
      .set(buyer.auth)
      .send({
        providerCode: code,
        currency: 'USD',
        quantityMinor: 2500,
        maxPriceBps: 2003,
        timeInForce: 'IOC',
      })
      .expect(201);
    expect(
      placed.body.trades.map((t: { quantityMinor: number; priceBps: number }) => [
        t.quantityMinor,
        t.priceBps,
      ]),
    ).toEqual([
      [1000, 2001],
      [1000, 2002],
      [500, 2003],
    ]);
    const lot = await api.http.get(`/v1/credit-lots/${sellerLot}`).set(seller.auth).expect(200);
    expect(lot.body).toMatchObject({ soldMinor: 2500, listedMinor: 2250 * 1000 - 2500 });
  });

  it('reads the first pages of several markets in one query, each by listings_book_idx', async () => {
    const codes = [await createTestProvider(db), await createTestProvider(db)];
    for (const [i, code] of codes.entries()) {
      const lot = await verifiedLot(api, operator.auth, seller.auth, {
        providerCode: code,
        faceValueMinor: 100_000_000,
      });
      // 6000 listings (a fifth cancelled) at 3001..9000 in the first market, 3002..9001 in the second:
      // 80 live ones at 3100 or less there. Deep enough that the planner would rather walk the index for
      // a page than read the market whole (with a few hundred listings either is cheap).
      await insertListings(lot, 6000, `3000 + g + ${i}`, 5);
    }
    await db.query('ANALYZE listings');
    const requests = [
      { providerCode: codes[0]!, currency: 'USD', maxPriceBps: 9000 },
      { providerCode: codes[1]!, currency: 'USD', maxPriceBps: 3100 },
      { providerCode: codes[0]!, currency: 'USD', maxPriceBps: 3000 },
    ];
    const candidates = api.app.get(MarketCandidates);
    const now = new Date();

    const query = await capture((manager) => candidates.firstListingPages(manager, requests, now));
    const nodes = await plan(query);
    // The deep page (all 4,800 live listings qualify) walks the index; the shallow ones (80 and none
    // qualify) may take a bitmap scan of just those, as the planner likes; nothing reads the table whole.
    const scans = scansOf(nodes, 'listings');
    expect(scans).toHaveLength(3);
    expect(scans[0]).toEqual([expect.stringMatching(/^Index/), 'listings_book_idx']);
    expect(scans.filter(([type]) => type === 'Seq Scan')).toEqual([]);

    // Page for page what listingsFor reads at offset 0, in the order of the requests.
    const pages = await candidates.firstListingPages(db.manager, requests, now);
    const one = await Promise.all(
      requests.map((request) => candidates.listingsFor(db.manager, request, request.maxPriceBps, now, 0)),
    );
    expect(pages.map((page) => page.candidates.length)).toEqual([200, 80, 0]);
    expect(pages.map((page) => page.candidates)).toEqual(one);
    expect(pages.map((page) => page.pricesBps.slice(0, 2))).toEqual([[3001, 3002], [3002, 3003], []]);

    // The matcher reads each market once, at its highest limit, and takes lower limits' pages from it.
    const prices = [9000, 3300, 3150, 3001, 3000];
    const byPrice = (
      await api.app
        .get(MarketMatcher)
        .firstPages(db.manager, [{ market: requests[0]!, maxPricesBps: prices }], now)
    ).get(`${codes[0]}:USD`);
    for (const price of prices) {
      expect(byPrice?.get(price)).toEqual(
        await candidates.listingsFor(db.manager, requests[0]!, price, now, 0),
      );
    }
    expect(prices.map((price) => byPrice?.get(price)?.length)).toEqual([200, 200, 120, 1, 0]);
  });

  it('reads buy orders for an incoming listing through buy_orders_book_idx, highest first', async () => {
    const code = await createTestProvider(db);
    const insertOrders = async (organizationId: string, count: number, price: string, filledEvery = 0) => {
      const filled = filledEvery > 0 ? `g % ${filledEvery} = 0` : 'false';
      await db.query(
        `INSERT INTO buy_orders (organization_id, provider_code, currency, quantity_minor, remaining_minor, filled_minor,
                max_price_bps, time_in_force, status)
         SELECT $1, $2, 'USD', 1000, CASE WHEN ${filled} THEN 0 ELSE 1000 END, CASE WHEN ${filled} THEN 1000 ELSE 0 END,
                ${price}, 'GTC', CASE WHEN ${filled} THEN 'filled' ELSE 'open' END
           FROM generate_series(1, $3::int) g`,
        [organizationId, code, count],
      );
    };
    // 450 of the seller's own bids sit highest; the buyer's 3000 (a quarter filled) bid 1001..4000.
    await insertOrders(seller.organizationId, 450, '9000 + g % 50');
    await insertOrders(buyer.organizationId, 3000, '1000 + g', 4);
    await db.query('ANALYZE buy_orders');

    const query = await capture((manager) =>
      api.app
        .get(MarketCandidates)
        .ordersFor(manager, { providerCode: code, currency: 'USD' }, 3000, new Date(), 0),
    );
    const nodes = await plan(query);
    expect(scansOf(nodes, 'buy_orders')).toEqual([[expect.stringMatching(/Index/), 'buy_orders_book_idx']]);
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'buy_orders')).toEqual(
      [],
    );

    const lotId = await verifiedLot(api, operator.auth, seller.auth, {
      providerCode: code,
      faceValueMinor: 10_000,
    });
    const listed = await api.http
      .post('/v1/listings')
      .set(seller.auth)
      .send({ creditLotId: lotId, quantityMinor: 1500, priceBps: 3998 })
      .expect(201);
    // 4000 was filled already; the seller's own bids above are skipped.
    expect(
      listed.body.trades.map((t: { quantityMinor: number; priceBps: number }) => [
        t.quantityMinor,
        t.priceBps,
      ]),
    ).toEqual([
      [1000, 3999],
      [500, 3998],
    ]);
    expect(listed.body.listing).toMatchObject({ status: 'filled', remainingMinor: 0 });
  });

  it('reads the book from its maintained price levels, touching listings only for the lapsed ones', async () => {
    const code = await createTestProvider(db);
    const lot = await verifiedLot(api, operator.auth, seller.auth, {
      providerCode: code,
      faceValueMinor: 100_000_000,
    });
    await insertListings(lot, 3000, '2000 + g % 600', 7);
    await db.query('ANALYZE listings');
    await db.query('ANALYZE book_levels');

    const nodes = await plan({ sql: BOOK_QUERY, params: [code, 'USD', new Date()] });
    // By key (an index scan, or a bitmap over an index), never the whole table.
    const typesOf = (table: string) => scansOf(nodes, table).map(([type]) => type);
    const byKey = expect.stringMatching(/^(Index Scan|Index Only Scan|Bitmap Heap Scan)$/);
    expect(typesOf('book_levels')).toEqual([byKey, byKey]);
    expect(typesOf('listings')).toEqual([byKey]);
    const bitmapIndexes = nodes
      .filter((n) => n['Node Type'] === 'Bitmap Index Scan')
      .map((n) => n['Index Name']);
    for (const index of bitmapIndexes)
      expect(['book_levels_pkey', 'listings_tradable_until_idx']).toContain(index);
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);

    const book = await api.http.get(`/v1/markets/${code}/book?currency=USD`).set(buyer.auth).expect(200);
    // The same levels counted here: 600 prices (2000..2599), every 7th listing cancelled; the cheapest 200 shown.
    const expected = new Map<number, { priceBps: number; quantityMinor: number; count: number }>();
    for (let g = 1; g <= 3000; g += 1) {
      if (g % 7 === 0) continue;
      const priceBps = 2000 + (g % 600);
      const level = expected.get(priceBps) ?? { priceBps, quantityMinor: 0, count: 0 };
      expected.set(priceBps, { priceBps, quantityMinor: level.quantityMinor + 1000, count: level.count + 1 });
    }
    const cheapest = [...expected.values()].sort((a, b) => a.priceBps - b.priceBps).slice(0, 200);
    expect(book.body.asks).toEqual(cheapest);
  });
});
