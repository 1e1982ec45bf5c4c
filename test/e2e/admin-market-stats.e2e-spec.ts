import { DataSource } from 'typeorm';
import { createTestProvider } from '../factories/catalog.factory';
import { daysFromNow, tradingPair, verifiedLot } from '../factories/credits.factory';
import { startApi, type TestApi } from '../support/api-app';

type Auth = { Authorization: string };

describe('GET /v1/admin/markets/:providerCode/stats', () => {
  let api: TestApi;
  let operator: Auth;
  let seller: Auth;
  let buyer: Auth;
  let providerCode: string;

  /** Lists a lot expiring in `days` and has the buyer take all of it: one trade at `priceBps`. */
  async function trade(days: number, quantityMinor: number, priceBps: number): Promise<string> {
    const creditLotId = await verifiedLot(api, operator, seller, {
      providerCode,
      faceValueMinor: quantityMinor,
      expiresAt: daysFromNow(days),
    });
    await api.http
      .post('/v1/listings')
      .set(seller)
      .send({ creditLotId, quantityMinor, priceBps })
      .expect(201);
    const placed = await api.http
      .post('/v1/orders')
      .set(buyer)
      .send({ providerCode, currency: 'USD', quantityMinor, maxPriceBps: 9_900, timeInForce: 'FOK' })
      .expect(201);
    expect(placed.body.trades).toHaveLength(1);
    return placed.body.trades[0].id as string;
  }

  beforeAll(async () => {
    api = await startApi();
    providerCode = await createTestProvider(api.app.get(DataSource), { currencies: ['USD', 'EUR'] });
    const cast = await tradingPair(api);
    [operator, seller, buyer] = [cast.operator.auth, cast.seller.auth, cast.buyer.auth];
    await trade(25, 100_000, 7_000);
    await trade(25, 300_000, 8_000);
    await trade(60, 50_000, 9_000);
    const cancelled = await trade(250, 400_000, 5_000);
    // A trade whose payment never came does not count as volume.
    await api.app.get(DataSource).query(`UPDATE trades SET status = 'cancelled' WHERE id = $1`, [cancelled]);
  });
  afterAll(() => api.close());

  it('sums volume and weighs the discount by quantity in each days-to-expiry bucket', async () => {
    const response = await api.http
      .get(`/v1/admin/markets/${providerCode}/stats`)
      .query({ currency: 'USD' })
      .set(operator)
      .expect(200);

    expect(response.body).toEqual({
      providerCode,
      currency: 'USD',
      buckets: [
        {
          bucket: '0-30',
          minDays: 0,
          maxDays: 30,
          trades: 2,
          quantityMinor: 400_000,
          grossMinor: 310_000,
          // (3000 * 100,000 + 2000 * 300,000) / 400,000
          averageDiscountBps: 2250,
        },
        {
          bucket: '31-90',
          minDays: 31,
          maxDays: 90,
          trades: 1,
          quantityMinor: 50_000,
          grossMinor: 45_000,
          averageDiscountBps: 1000,
        },
        {
          bucket: '91-180',
          minDays: 91,
          maxDays: 180,
          trades: 0,
          quantityMinor: 0,
          grossMinor: 0,
          averageDiscountBps: null,
        },
        {
          bucket: '181+',
          minDays: 181,
          maxDays: null,
          trades: 0,
          quantityMinor: 0,
          grossMinor: 0,
          averageDiscountBps: null,
        },
      ],
    });
  });

  it('keeps currencies apart: nothing traded in EUR', async () => {
    const response = await api.http
      .get(`/v1/admin/markets/${providerCode}/stats`)
      .query({ currency: 'EUR' })
      .set(operator)
      .expect(200);
    expect(response.body.buckets.map((b: { trades: number }) => b.trades)).toEqual([0, 0, 0, 0]);
  });

  it('names the bad field: a missing or invalid currency is 400, an unknown provider 404', async () => {
    const missing = await api.http.get(`/v1/admin/markets/${providerCode}/stats`).set(operator).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'currency' })]);
    await api.http
      .get(`/v1/admin/markets/${providerCode}/stats`)
      .query({ currency: 'dollars' })
      .set(operator)
      .expect(400);
    await api.http
      .get('/v1/admin/markets/no-such-provider/stats')
      .query({ currency: 'USD' })
      .set(operator)
      .expect(404);
  });

  it('is for operators only', async () => {
    await api.http
      .get(`/v1/admin/markets/${providerCode}/stats`)
      .query({ currency: 'USD' })
      .set(buyer)
      .expect(403);
    await api.http.get(`/v1/admin/markets/${providerCode}/stats`).query({ currency: 'USD' }).expect(401);
  });
});
