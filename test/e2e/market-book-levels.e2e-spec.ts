import { DataSource } from 'typeorm';
import { startApi, type TestApi } from '../support/api-app';
import { createTestProvider } from '../factories/catalog.factory';
import { daysFromNow, tradingPair, verifiedLot } from '../factories/credits.factory';
import type { RegisteredFirm } from '../factories/identity.factory';

type Auth = { Authorization: string };
interface Level {
  side: 'ask' | 'bid';
  priceBps: number;
  quantityMinor: string;
  entries: number;
}

/**
 * The maintained price levels (book_levels, kept by triggers) against a recount from the listings and
 * orders themselves, read in one statement so both see the same snapshot.
 */
async function keptAndRecounted(
  db: DataSource,
  providerCode: string,
): Promise<{ kept: Level[]; recounted: Level[] }> {
  const [row] = (await db.query(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object('side', side, 'priceBps', price_bps,
                 'quantityMinor', quantity_minor::text, 'entries', entries) ORDER BY side, price_bps), '[]')
          FROM book_levels WHERE provider_code = $1 AND (entries <> 0 OR quantity_minor <> 0)) AS kept,
       (SELECT coalesce(json_agg(json_build_object('side', side, 'priceBps', price_bps,
                 'quantityMinor', quantity_minor::text, 'entries', entries) ORDER BY side, price_bps), '[]')
          FROM (SELECT 'ask' AS side, effective_price_bps AS price_bps, sum(remaining_minor) AS quantity_minor,
                       count(*)::int AS entries
                  FROM listings WHERE provider_code = $1 AND status IN ('active', 'partially_filled')
                 GROUP BY effective_price_bps
                UNION ALL
                SELECT 'bid', max_price_bps, sum(remaining_minor), count(*)::int
                  FROM buy_orders WHERE provider_code = $1 AND status IN ('open', 'partially_filled')
                 GROUP BY max_price_bps) recount) AS recounted`,
    [providerCode],
  )) as { kept: Level[]; recounted: Level[] }[];
  return row ?? { kept: [], recounted: [] };
}

describe('market book price levels (maintained by triggers)', () => {
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

  const list = async (providerCode: string, quantityMinor: number, price: Record<string, unknown>) => {
    const creditLotId = await verifiedLot(api, operator.auth, seller.auth, {
      providerCode,
      faceValueMinor: quantityMinor,
      expiresAt: daysFromNow(300),
    });
    const response = await api.http
      .post('/v1/listings')
      .set(seller.auth)
      .send({ creditLotId, quantityMinor, ...price })
      .expect(201);
    return response.body.listing.id as string;
  };
  const order = (providerCode: string, body: Record<string, unknown>) =>
    api.http
      .post('/v1/orders')
      .set(buyer.auth)
      .send({ providerCode, currency: 'USD', timeInForce: 'GTC', ...body })
      .expect(201);
  const book = async (providerCode: string) =>
    (await api.http.get(`/v1/markets/${providerCode}/book?currency=USD`).set(buyer.auth).expect(200)).body;

  it('follows listings, orders, fills, cancellations and re-pricing exactly', async () => {
    const code = await createTestProvider(db);
    await list(code, 50_000, { priceBps: 7000 });
    const second = await list(code, 30_000, { priceBps: 7000 });
    await list(code, 20_000, { priceBps: 7200 });
    const bid = (await order(code, { quantityMinor: 10_000, maxPriceBps: 6500 })).body.order.id as string;
    await order(code, { quantityMinor: 5_000, maxPriceBps: 6600 });
    // An IOC that takes part of the 7000 level.
    await order(code, { quantityMinor: 60_000, maxPriceBps: 7000, timeInForce: 'IOC' });

    expect(await book(code)).toEqual({
      asks: [
        { priceBps: 7000, quantityMinor: 20_000, count: 1 },
        { priceBps: 7200, quantityMinor: 20_000, count: 1 },
      ],
      bids: [
        { priceBps: 6600, quantityMinor: 5_000, count: 1 },
        { priceBps: 6500, quantityMinor: 10_000, count: 1 },
      ],
    });

    await api.http.delete(`/v1/listings/${second}`).set(seller.auth).expect(200);
    await api.http.delete(`/v1/orders/${bid}`).set(buyer.auth).expect(200);
    // What the re-pricing job does to a scheduled listing crossing a tier boundary.
    await db.query(
      `UPDATE listings SET effective_price_bps = 7100 WHERE provider_code = $1 AND effective_price_bps = 7200`,
      [code],
    );

    expect((await book(code)).asks).toEqual([{ priceBps: 7100, quantityMinor: 20_000, count: 1 }]);
    expect((await book(code)).bids).toEqual([{ priceBps: 6600, quantityMinor: 5_000, count: 1 }]);
    const { kept, recounted } = await keptAndRecounted(db, code);
    expect(kept).toEqual(recounted);
    expect(kept).toHaveLength(2);
  });

  it('leaves out listings past tradableUntil and orders past goodTill before the sweeper closes them', async () => {
    const code = await createTestProvider(db);
    const lapsing = await list(code, 40_000, { priceBps: 6000 });
    await list(code, 10_000, { priceBps: 6000 });
    const ending = (await order(code, { quantityMinor: 3_000, maxPriceBps: 5000 })).body.order.id as string;
    // Time passes for these two without the expiry sweep running.
    await db.query(`UPDATE listings SET tradable_until = now() - interval '1 minute' WHERE id = $1`, [
      lapsing,
    ]);
    await db.query(`UPDATE buy_orders SET good_till = now() - interval '1 minute' WHERE id = $1`, [ending]);

    expect(await book(code)).toEqual({
      asks: [{ priceBps: 6000, quantityMinor: 10_000, count: 1 }],
      bids: [],
    });
    const { kept, recounted } = await keptAndRecounted(db, code);
    expect(kept).toEqual(recounted);
  });

  it('takes deleted rows off their level and rolls back with the transaction', async () => {
    const code = await createTestProvider(db);
    await list(code, 10_000, { priceBps: 8000 });
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`DELETE FROM listings WHERE provider_code = $1`, [code]);
      const [level] = (await runner.query(
        `SELECT quantity_minor::text AS quantity, entries FROM book_levels WHERE provider_code = $1 AND side = 'ask'`,
        [code],
      )) as { quantity: string; entries: number }[];
      expect(level).toEqual({ quantity: '0', entries: 0 });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect((await book(code)).asks).toEqual([{ priceBps: 8000, quantityMinor: 10_000, count: 1 }]);
  });
});
