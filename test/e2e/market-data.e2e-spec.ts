import { DataSource } from 'typeorm';
import { startApi, type TestApi } from '../support/api-app';
import { createTestProvider } from '../factories/catalog.factory';
import { daysFromNow, lotBody, verifiedLot, verifyKyc, tradingPair } from '../factories/credits.factory';
import { addMember, registerFirm, type RegisteredFirm } from '../factories/identity.factory';

type Auth = { Authorization: string };
interface Trade {
  id: string;
  side: 'buy' | 'sell' | null;
  status: string;
}

describe('market data and trades', () => {
  let api: TestApi;
  let operator: { auth: Auth };
  let seller: RegisteredFirm;
  let buyer: RegisteredFirm;

  beforeAll(async () => {
    api = await startApi();
    ({ operator, seller, buyer } = await tradingPair(api));
  });
  afterAll(() => api.close());

  const provider = () => createTestProvider(api.app.get(DataSource));
  const list = async (code: string, quantityMinor: number, price: Record<string, unknown>, days = 300) => {
    const lotId = await verifiedLot(api, operator.auth, seller.auth, {
      providerCode: code,
      faceValueMinor: quantityMinor,
      expiresAt: daysFromNow(days),
    });
    const response = await api.http
      .post('/v1/listings')
      .set(seller.auth)
      .send({ creditLotId: lotId, quantityMinor, ...price })
      .expect(201);
    return response.body.listing.id as string;
  };
  const buy = (auth: Auth, body: Record<string, unknown>) =>
    api.http
      .post('/v1/orders')
      .set(auth)
      .send({ currency: 'USD', timeInForce: 'GTC', ...body });
  /** One trade of `quantityMinor` at `priceBps` from a fresh listing; returns its id. */
  const trade = async (
    code: string,
    quantityMinor: number,
    priceBps: number,
    days = 300,
  ): Promise<string> => {
    await list(code, quantityMinor, { priceBps }, days);
    const placed = await buy(buyer.auth, {
      providerCode: code,
      quantityMinor,
      maxPriceBps: priceBps,
      timeInForce: 'FOK',
    }).expect(201);
    expect(placed.body.trades).toHaveLength(1);
    return placed.body.trades[0].id;
  };
  /** Every trade id the caller can page through with the given query. */
  const tradeIds = async (path: string, auth: Auth): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const next: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await api.http
        .get(`${path}${path.includes('?') ? '&' : '?'}limit=200${next}`)
        .set(auth)
        .expect(200);
      ids.push(...page.body.data.map((t: Trade) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    return ids;
  };

  describe('order book', () => {
    it('aggregates resting quantity per price level, best first, without identities', async () => {
      const code = await provider();
      await list(code, 1000, { priceBps: 5000 });
      await list(code, 2000, { priceBps: 5000 });
      await list(code, 500, { priceSchedule: [{ minDaysToExpiry: 0, priceBps: 5500 }] });
      const cancelled = await list(code, 800, { priceBps: 5200 });
      await api.http.delete(`/v1/listings/${cancelled}`).set(seller.auth).expect(200);
      // A listing held for review is not offered.
      const unverified = await api.http
        .post('/v1/credit-lots')
        .set(seller.auth)
        .send(lotBody({ providerCode: code, faceValueMinor: 900 }))
        .expect(201);
      await api.http
        .post('/v1/listings')
        .set(seller.auth)
        .send({ creditLotId: unverified.body.id, quantityMinor: 900, priceBps: 4900 })
        .expect(201);

      await buy(buyer.auth, { providerCode: code, quantityMinor: 3000, maxPriceBps: 4000 }).expect(201);
      await buy(buyer.auth, { providerCode: code, quantityMinor: 1000, maxPriceBps: 4000 }).expect(201);
      await buy(buyer.auth, { providerCode: code, quantityMinor: 700, maxPriceBps: 4500 }).expect(201);
      const cancelledOrder = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 50,
        maxPriceBps: 4800,
      }).expect(201);
      await api.http.delete(`/v1/orders/${cancelledOrder.body.order.id}`).set(buyer.auth).expect(200);
      // Takes 400 from the oldest 5000 listing; an IOC never rests.
      await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 400,
        maxPriceBps: 5000,
        timeInForce: 'IOC',
      }).expect(201);

      const viewer = await addMember(api.http, buyer, 'viewer');
      const book = await api.http.get(`/v1/markets/${code}/book?currency=USD`).set(viewer.auth).expect(200);
      expect(book.body).toEqual({
        asks: [
          { priceBps: 5000, quantityMinor: 2600, count: 2 },
          { priceBps: 5500, quantityMinor: 500, count: 1 },
        ],
        bids: [
          { priceBps: 4500, quantityMinor: 700, count: 1 },
          { priceBps: 4000, quantityMinor: 4000, count: 2 },
        ],
      });
      const text = JSON.stringify(book.body);
      expect(text).not.toContain(seller.organizationId);
      expect(text).not.toContain(buyer.organizationId);
    });

    it('keeps markets apart by provider and currency, and wants a currency', async () => {
      const code = await provider();
      const other = await provider();
      await list(code, 1000, { priceBps: 5000 });
      const elsewhere = await api.http
        .get(`/v1/markets/${other}/book?currency=USD`)
        .set(buyer.auth)
        .expect(200);
      expect(elsewhere.body).toEqual({ asks: [], bids: [] });
      const euros = await api.http.get(`/v1/markets/${code}/book?currency=EUR`).set(buyer.auth).expect(200);
      expect(euros.body).toEqual({ asks: [], bids: [] });
      const missing = await api.http.get(`/v1/markets/${code}/book`).set(buyer.auth).expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('currency');
      await api.http.get(`/v1/markets/${code}/book?currency=USD`).expect(401);
    });
  });

  describe('recent trades', () => {
    it('lists a market’s executions newest first, with price, quantity, days to expiry and time only', async () => {
      const code = await provider();
      await trade(code, 1000, 5000, 300);
      await trade(code, 2000, 6000, 200);
      await trade(code, 3000, 7000, 100);

      const recent = await api.http.get(`/v1/markets/${code}/trades`).set(buyer.auth).expect(200);
      expect(
        recent.body.map((t: Record<string, unknown>) => [t.priceBps, t.quantityMinor, t.daysToExpiry]),
      ).toEqual([
        [7000, 3000, 99],
        [6000, 2000, 199],
        [5000, 1000, 299],
      ]);
      for (const row of recent.body) {
        expect(Object.keys(row).sort()).toEqual(['daysToExpiry', 'executedAt', 'priceBps', 'quantityMinor']);
      }
      const times = recent.body.map((t: { executedAt: string }) => Date.parse(t.executedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(JSON.stringify(recent.body)).not.toContain(seller.organizationId);

      const limited = await api.http.get(`/v1/markets/${code}/trades?limit=2`).set(buyer.auth).expect(200);
      expect(limited.body.map((t: { priceBps: number }) => t.priceBps)).toEqual([7000, 6000]);
      await api.http.get(`/v1/markets/${code}/trades?limit=0`).set(buyer.auth).expect(400);
      await api.http.get(`/v1/markets/${code}/trades?limit=201`).set(buyer.auth).expect(400);
      const quiet = await api.http
        .get(`/v1/markets/${await provider()}/trades`)
        .set(buyer.auth)
        .expect(200);
      expect(quiet.body).toEqual([]);
    });
  });

  describe('trades', () => {
    it('lists a firm’s trades by side and status', async () => {
      const code = await provider();
      const id = await trade(code, 1000, 5000);

      const bought = await api.http.get('/v1/trades?side=buy&limit=200').set(buyer.auth).expect(200);
      expect(bought.body.data.find((t: Trade) => t.id === id)).toMatchObject({
        side: 'buy',
        status: 'awaiting_payment',
      });
      const sold = await tradeIds('/v1/trades?side=sell', seller.auth);
      expect(sold).toContain(id);
      expect(await tradeIds('/v1/trades?side=sell', buyer.auth)).not.toContain(id);
      expect(await tradeIds('/v1/trades?side=buy', seller.auth)).not.toContain(id);
      expect(await tradeIds('/v1/trades', seller.auth)).toContain(id);
      expect(await tradeIds('/v1/trades?status=awaiting_payment', buyer.auth)).toContain(id);
      expect(await tradeIds('/v1/trades?status=settled', buyer.auth)).not.toContain(id);

      const outsider = await registerFirm(api.http);
      expect(await tradeIds('/v1/trades', outsider.auth)).toEqual([]);
      await api.http.get('/v1/trades?side=both').set(buyer.auth).expect(400);
      await api.http.get('/v1/trades?status=paid').set(buyer.auth).expect(400);
    });

    it('shows the detail and timeline to buyer, seller and operator, and to no one else', async () => {
      const code = await provider();
      const id = await trade(code, 10_000, 7200);

      const asBuyer = await api.http.get(`/v1/trades/${id}`).set(buyer.auth).expect(200);
      expect(asBuyer.body).toMatchObject({
        id,
        status: 'awaiting_payment',
        side: 'buy',
        providerCode: code,
        currency: 'USD',
        quantityMinor: 10_000,
        priceBps: 7200,
        grossMinor: 7200,
        feeMinor: 360,
        sellerProceedsMinor: 6840,
        transferMethod: 'account_transfer',
        listingId: expect.any(String),
        orderId: expect.any(String),
        payment: { status: 'requires_payment' },
      });
      expect(asBuyer.body.timeline).toEqual([
        { status: 'awaiting_payment', at: expect.any(String), actor: 'user', reason: null },
      ]);
      const asSeller = await api.http.get(`/v1/trades/${id}`).set(seller.auth).expect(200);
      expect(asSeller.body).toMatchObject({ side: 'sell', sellerProceedsMinor: 6840 });
      expect(asSeller.body.timeline).toEqual(asBuyer.body.timeline);
      const asOperator = await api.http.get(`/v1/trades/${id}`).set(operator.auth).expect(200);
      expect(asOperator.body).toMatchObject({ id, side: null, grossMinor: 7200 });

      const outsider = await registerFirm(api.http);
      const hidden = await api.http.get(`/v1/trades/${id}`).set(outsider.auth).expect(404);
      expect(hidden.body).toMatchObject({ status: 404, code: 'not_found' });
      expect(hidden.body).not.toHaveProperty('grossMinor');
      await api.http.get('/v1/trades/not-a-uuid').set(buyer.auth).expect(400);
      await api.http.get(`/v1/trades/${id}`).expect(401);
    });

    it('lets operators, and only operators, list every firm’s trades', async () => {
      const code = await provider();
      const first = await trade(code, 1000, 5000);
      const otherSeller = await registerFirm(api.http);
      await verifyKyc(api, operator.auth, otherSeller.organizationId);
      const lotId = await verifiedLot(api, operator.auth, otherSeller.auth, { providerCode: code });
      await api.http
        .post('/v1/listings')
        .set(otherSeller.auth)
        .send({ creditLotId: lotId, quantityMinor: 1000, priceBps: 5100 })
        .expect(201);
      const second = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 5100,
      }).expect(201);

      const all = await tradeIds('/v1/admin/trades', operator.auth);
      expect(all).toEqual(expect.arrayContaining([first, second.body.trades[0].id]));
      const awaiting = await tradeIds('/v1/admin/trades?status=awaiting_payment', operator.auth);
      expect(awaiting).toEqual(expect.arrayContaining([first, second.body.trades[0].id]));
      expect(await tradeIds('/v1/admin/trades?status=settled', operator.auth)).not.toContain(first);
      // A queue is worked oldest first: the same trades, the other way round, across pages too.
      const newest = await tradeIds('/v1/admin/trades?status=awaiting_payment', operator.auth);
      const oldest = await tradeIds('/v1/admin/trades?status=awaiting_payment&order=oldest', operator.auth);
      expect(oldest).toEqual([...newest].reverse());
      const firstPage = await api.http
        .get('/v1/admin/trades?status=awaiting_payment&order=oldest&limit=1')
        .set(operator.auth)
        .expect(200);
      const secondPage = await api.http
        .get(
          `/v1/admin/trades?status=awaiting_payment&order=oldest&limit=1&cursor=${encodeURIComponent(firstPage.body.nextCursor)}`,
        )
        .set(operator.auth)
        .expect(200);
      expect([firstPage.body.data[0].id, secondPage.body.data[0].id]).toEqual(oldest.slice(0, 2));
      const badOrder = await api.http.get('/v1/admin/trades?order=sideways').set(operator.auth).expect(400);
      expect(badOrder.body.errors).toEqual([{ field: 'order', message: expect.stringContaining('newest') }]);

      await api.http.get('/v1/admin/trades').set(buyer.auth).expect(403);
      await api.http.get('/v1/admin/trades').set(seller.auth).expect(403);
      await api.http.get('/v1/admin/trades').expect(401);
    });
  });
});
