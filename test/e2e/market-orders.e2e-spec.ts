import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startApi, type TestApi } from '../support/api-app';
import { createTestProvider, type TestPolicy } from '../factories/catalog.factory';
import { daysFromNow, verifiedLot, tradingPair } from '../factories/credits.factory';
import { addMember, type RegisteredFirm } from '../factories/identity.factory';

type Auth = { Authorization: string };
interface Trade {
  id: string;
  listingId: string;
  orderId: string;
  quantityMinor: number;
  priceBps: number;
}

describe('market: buy orders', () => {
  let api: TestApi;
  let operator: { auth: Auth };
  let seller: RegisteredFirm;
  let buyer: RegisteredFirm;

  beforeAll(async () => {
    api = await startApi();
    ({ operator, seller, buyer } = await tradingPair(api));
  });
  afterAll(() => api.close());

  const provider = (policy: TestPolicy = {}) => createTestProvider(api.app.get(DataSource), policy);
  /** A verified lot of the seller's, listed whole at `priceBps`; returns the listing and lot ids. */
  const listed = async (
    code: string,
    quantityMinor: number,
    priceBps: number,
    extra: { minFillMinor?: number; lot?: Record<string, unknown> } = {},
  ): Promise<{ id: string; lotId: string }> => {
    const lotId = await verifiedLot(api, operator.auth, seller.auth, {
      providerCode: code,
      faceValueMinor: quantityMinor,
      ...extra.lot,
    });
    const response = await api.http
      .post('/v1/listings')
      .set(seller.auth)
      .send({ creditLotId: lotId, quantityMinor, priceBps, minFillMinor: extra.minFillMinor })
      .expect(201);
    return { id: response.body.listing.id, lotId };
  };
  const buy = (auth: Auth, body: Record<string, unknown>) =>
    api.http
      .post('/v1/orders')
      .set(auth)
      .send({ currency: 'USD', timeInForce: 'GTC', ...body });
  const listing = async (id: string) =>
    (await api.http.get(`/v1/listings/${id}`).set(seller.auth).expect(200)).body;
  const lot = async (id: string) =>
    (await api.http.get(`/v1/credit-lots/${id}`).set(seller.auth).expect(200)).body;
  const book = async (code: string) =>
    (await api.http.get(`/v1/markets/${code}/book?currency=USD`).set(buyer.auth).expect(200)).body;
  const fills = (trades: Trade[]) => trades.map((t) => [t.listingId, t.quantityMinor, t.priceBps]);
  const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);

  describe('time in force', () => {
    it('rests what a GTC order cannot fill, and shows it in the book', async () => {
      const code = await provider();
      const a = await listed(code, 30_000, 6000);
      const placed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 100_000,
        maxPriceBps: 6500,
      }).expect(201);
      expect(placed.body.order).toMatchObject({
        status: 'partially_filled',
        quantityMinor: 100_000,
        filledMinor: 30_000,
        remainingMinor: 70_000,
        timeInForce: 'GTC',
      });
      expect(fills(placed.body.trades)).toEqual([[a.id, 30_000, 6000]]);
      expect(await book(code)).toEqual({
        asks: [],
        bids: [{ priceBps: 6500, quantityMinor: 70_000, count: 1 }],
      });

      // The resting remainder fills from the next listing, at the order's price.
      const later = await listed(code, 50_000, 6000);
      expect(await listing(later.id)).toMatchObject({ status: 'filled', remainingMinor: 0 });
      const order = await api.http.get(`/v1/orders/${placed.body.order.id}`).set(buyer.auth).expect(200);
      expect(order.body).toMatchObject({
        status: 'partially_filled',
        filledMinor: 80_000,
        remainingMinor: 20_000,
      });
    });

    it('rests a GTC order with nothing to match as open', async () => {
      const code = await provider();
      const placed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 5000,
        maxPriceBps: 4000,
      }).expect(201);
      expect(placed.body).toMatchObject({
        order: { status: 'open', filledMinor: 0, remainingMinor: 5000 },
        trades: [],
      });
      expect((await book(code)).bids).toEqual([{ priceBps: 4000, quantityMinor: 5000, count: 1 }]);
    });

    it('cancels what an IOC order cannot fill at once', async () => {
      const code = await provider();
      const a = await listed(code, 10_000, 5000);
      const placed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 30_000,
        maxPriceBps: 5000,
        timeInForce: 'IOC',
      }).expect(201);
      expect(placed.body.order).toMatchObject({
        status: 'cancelled',
        filledMinor: 10_000,
        remainingMinor: 0,
      });
      expect(fills(placed.body.trades)).toEqual([[a.id, 10_000, 5000]]);
      expect((await book(code)).bids).toEqual([]);

      const none = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 5000,
        timeInForce: 'IOC',
      }).expect(201);
      expect(none.body).toMatchObject({ order: { status: 'cancelled', filledMinor: 0 }, trades: [] });
    });

    it('fills a FOK order completely or not at all', async () => {
      const code = await provider();
      const a = await listed(code, 10_000, 5000);
      const b = await listed(code, 15_000, 5200);

      const tooBig = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 25_001,
        maxPriceBps: 6000,
        timeInForce: 'FOK',
      }).expect(201);
      expect(tooBig.body).toMatchObject({
        order: { status: 'cancelled', filledMinor: 0, remainingMinor: 0 },
        trades: [],
      });
      expect(await listing(a.id)).toMatchObject({ status: 'active', remainingMinor: 10_000 });
      expect(await listing(b.id)).toMatchObject({ status: 'active', remainingMinor: 15_000 });
      expect(await lot(a.lotId)).toMatchObject({ listedMinor: 10_000, soldMinor: 0 });
      expect((await book(code)).bids).toEqual([]);

      const exact = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 25_000,
        maxPriceBps: 6000,
        timeInForce: 'FOK',
      }).expect(201);
      expect(exact.body.order).toMatchObject({ status: 'filled', filledMinor: 25_000, remainingMinor: 0 });
      expect(fills(exact.body.trades)).toEqual([
        [a.id, 10_000, 5000],
        [b.id, 15_000, 5200],
      ]);
    });
  });

  describe('constraints', () => {
    it('respects the order’s minimum fill, except for its whole remainder', async () => {
      const code = await provider();
      const small = await listed(code, 500, 4000);
      const a = await listed(code, 800, 5000);
      const b = await listed(code, 500, 5100);
      const placed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        minFillMinor: 600,
        maxPriceBps: 6000,
      }).expect(201);
      // 500 at 4000 is under the minimum; 800 is not; the last 200 is the order's whole remainder.
      expect(fills(placed.body.trades)).toEqual([
        [a.id, 800, 5000],
        [b.id, 200, 5100],
      ]);
      expect(await listing(small.id)).toMatchObject({ status: 'active', remainingMinor: 500 });
      expect(await listing(b.id)).toMatchObject({ status: 'partially_filled', remainingMinor: 300 });
    });

    it('respects the listing’s minimum fill, except for its whole remainder', async () => {
      const code = await provider();
      const a = await listed(code, 1000, 5000, { minFillMinor: 400 });
      const tooSmall = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 300,
        maxPriceBps: 5000,
        timeInForce: 'IOC',
      }).expect(201);
      expect(tooSmall.body.trades).toEqual([]);

      const big = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 700,
        maxPriceBps: 5000,
        timeInForce: 'IOC',
      }).expect(201);
      expect(fills(big.body.trades)).toEqual([[a.id, 700, 5000]]);
      // 300 is below the listing's 400 minimum, but it is all the listing has left.
      const rest = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 300,
        maxPriceBps: 5000,
        timeInForce: 'IOC',
      }).expect(201);
      expect(fills(rest.body.trades)).toEqual([[a.id, 300, 5000]]);
      expect(await listing(a.id)).toMatchObject({ status: 'filled', remainingMinor: 0, filledMinor: 1000 });
    });

    it('skips listings with fewer days to expiry than the order asks for', async () => {
      const code = await provider();
      const near = await listed(code, 1000, 4000, { lot: { expiresAt: daysFromNow(100) } });
      const far = await listed(code, 1000, 6000, { lot: { expiresAt: daysFromNow(300) } });
      const placed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 2000,
        maxPriceBps: 7000,
        minDaysToExpiry: 120,
        timeInForce: 'IOC',
      }).expect(201);
      expect(fills(placed.body.trades)).toEqual([[far.id, 1000, 6000]]);
      expect(placed.body.trades[0].daysToExpiry).toBeGreaterThanOrEqual(120);
      expect(await listing(near.id)).toMatchObject({ remainingMinor: 1000 });

      const relaxed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 7000,
        minDaysToExpiry: 90,
        timeInForce: 'IOC',
      }).expect(201);
      expect(fills(relaxed.body.trades)).toEqual([[near.id, 1000, 4000]]);
    });

    it('matches only listings offering a transfer method the order accepts', async () => {
      const code = await provider();
      const a = await listed(code, 1000, 5000, { lot: { transferMethods: ['account_transfer'] } });
      const none = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 9000,
        transferMethods: ['invoice_reassignment', 'structured_resale'],
      }).expect(201);
      expect(none.body).toMatchObject({ order: { status: 'open' }, trades: [] });
      // Both sides rest at crossing prices, kept apart by their methods.
      expect(await book(code)).toEqual({
        asks: [{ priceBps: 5000, quantityMinor: 1000, count: 1 }],
        bids: [{ priceBps: 9000, quantityMinor: 1000, count: 1 }],
      });

      const some = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 9000,
        transferMethods: ['structured_resale', 'account_transfer'],
        timeInForce: 'IOC',
      }).expect(201);
      expect(some.body.trades).toEqual([
        expect.objectContaining({ listingId: a.id, transferMethod: 'account_transfer' }),
      ]);
    });

    it('leaves a GTC order whose goodTill is set to rest until then', async () => {
      const code = await provider();
      const goodTill = daysFromNow(3);
      const placed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 5000,
        goodTill,
      }).expect(201);
      expect(placed.body.order).toMatchObject({ status: 'open', goodTill });
    });
  });

  describe('validation', () => {
    it.each([
      ['a goodTill in the past', { goodTill: daysFromNow(-1) }, 400, 'goodTill'],
      ['a goodTill without a time zone', { goodTill: '2099-01-01T00:00:00' }, 400, 'goodTill'],
      ['a zero quantity', { quantityMinor: 0 }, 400, 'quantityMinor'],
      ['a price above 10000 bps', { maxPriceBps: 10_001 }, 400, 'maxPriceBps'],
      ['an unknown time in force', { timeInForce: 'DAY' }, 400, 'timeInForce'],
      ['an unknown transfer method', { transferMethods: ['carrier_pigeon'] }, 400, 'transferMethods'],
      ['a minimum fill above the quantity', { minFillMinor: 5001 }, 400, 'minFillMinor'],
      ['an unknown field', { buyerOrganizationId: randomUUID() }, 400, 'buyerOrganizationId'],
      ['an unknown provider', { providerCode: 'hal-9000' }, 422, 'providerCode'],
      ['a currency the provider does not trade in', { currency: 'EUR' }, 422, 'currency'],
    ])('rejects %s, naming the field', async (_label, overrides, status, field) => {
      const code = await provider();
      const response = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 5000,
        maxPriceBps: 5000,
        ...overrides,
      }).expect(status);
      expect(fields(response.body)).toContain(field);
      expect((await book(code)).bids).toEqual([]);
    });

    it('lets viewers read orders but only traders place and cancel them', async () => {
      const code = await provider();
      const viewer = await addMember(api.http, buyer, 'viewer');
      await buy(viewer.auth, { providerCode: code, quantityMinor: 1000, maxPriceBps: 5000 }).expect(403);
      const placed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 5000,
      }).expect(201);
      await api.http.get(`/v1/orders/${placed.body.order.id}`).set(viewer.auth).expect(200);
      await api.http.delete(`/v1/orders/${placed.body.order.id}`).set(viewer.auth).expect(403);
      await api.http.get('/v1/orders').expect(401);
    });
  });

  describe('reading and cancelling', () => {
    it('shows a firm only its own orders', async () => {
      const code = await provider();
      const mine = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 4000,
      }).expect(201);
      const theirs = await buy(seller.auth, {
        providerCode: code,
        quantityMinor: 2000,
        maxPriceBps: 4100,
      }).expect(201);
      const list = await api.http.get('/v1/orders?limit=200').set(buyer.auth).expect(200);
      const ids = list.body.data.map((o: { id: string }) => o.id);
      expect(ids).toContain(mine.body.order.id);
      expect(ids).not.toContain(theirs.body.order.id);
      const own = await api.http.get(`/v1/orders/${mine.body.order.id}`).set(buyer.auth).expect(200);
      expect(own.body).toMatchObject({
        id: mine.body.order.id,
        providerCode: code,
        currency: 'USD',
        quantityMinor: 1000,
        maxPriceBps: 4000,
        minDaysToExpiry: 0,
        status: 'open',
      });
      await api.http.get(`/v1/orders/${theirs.body.order.id}`).set(buyer.auth).expect(404);
      await api.http.get(`/v1/orders/${randomUUID()}`).set(buyer.auth).expect(404);
    });

    it('cancels the remainder once, for its owner only, and takes it out of the book', async () => {
      const code = await provider();
      await listed(code, 400, 5000);
      const placed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 5000,
      }).expect(201);
      const id = placed.body.order.id;
      expect(placed.body.order).toMatchObject({ status: 'partially_filled', remainingMinor: 600 });

      await api.http.delete(`/v1/orders/${id}`).set(seller.auth).expect(404);
      const cancelled = await api.http.delete(`/v1/orders/${id}`).set(buyer.auth).expect(200);
      expect(cancelled.body).toEqual({ id, status: 'cancelled', cancelledMinor: 600 });
      const order = await api.http.get(`/v1/orders/${id}`).set(buyer.auth).expect(200);
      expect(order.body).toMatchObject({ status: 'cancelled', filledMinor: 400, remainingMinor: 0 });
      expect((await book(code)).bids).toEqual([]);

      const again = await api.http.delete(`/v1/orders/${id}`).set(buyer.auth).expect(409);
      expect(again.body.code).toEqual(expect.any(String));
      // A cancelled order takes nothing from a new listing.
      const late = await listed(code, 500, 4000);
      expect(await listing(late.id)).toMatchObject({ status: 'active', remainingMinor: 500 });
    });

    it('refuses to cancel a filled order', async () => {
      const code = await provider();
      await listed(code, 1000, 5000);
      const placed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 5000,
      }).expect(201);
      expect(placed.body.order.status).toBe('filled');
      await api.http.delete(`/v1/orders/${placed.body.order.id}`).set(buyer.auth).expect(409);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first order and its trades without trading again', async () => {
      const code = await provider();
      const a = await listed(code, 10_000, 5000);
      const key = randomUUID();
      const body = { providerCode: code, quantityMinor: 4000, maxPriceBps: 5000 };
      const first = await buy(buyer.auth, body).set('Idempotency-Key', key).expect(201);
      const again = await buy(buyer.auth, body).set('Idempotency-Key', key).expect(201);
      expect(again.body).toEqual(first.body);
      expect(first.body.trades).toHaveLength(1);

      expect(await listing(a.id)).toMatchObject({ remainingMinor: 6000, filledMinor: 4000 });
      expect(await lot(a.lotId)).toMatchObject({ soldMinor: 4000 });
      const trades = await api.http.get('/v1/trades?side=buy&limit=200').set(buyer.auth).expect(200);
      expect(trades.body.data.filter((t: Trade) => t.listingId === a.id)).toHaveLength(1);

      const reuse = await buy(buyer.auth, { ...body, quantityMinor: 4001 })
        .set('Idempotency-Key', key)
        .expect(422);
      expect(reuse.body.code).toBe('idempotency_key_reuse');
      // Without a key, the same body is a new order.
      const fresh = await buy(buyer.auth, body).expect(201);
      expect(fresh.body.order.id).not.toBe(first.body.order.id);
      expect(await listing(a.id)).toMatchObject({ remainingMinor: 2000 });
    });
  });
});
