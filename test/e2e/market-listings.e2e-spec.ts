import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startApi, type TestApi } from '../support/api-app';
import { createTestProvider, type TestPolicy } from '../factories/catalog.factory';
import { daysFromNow, lotBody, verifiedLot, tradingPair } from '../factories/credits.factory';
import { addMember, type RegisteredFirm } from '../factories/identity.factory';

type Auth = { Authorization: string };
interface Lot {
  status: string;
  faceValueMinor: number;
  listedMinor: number;
  soldMinor: number;
  availableMinor: number;
}
interface Review {
  id: string;
  subjectType: string;
  subjectId: string;
  checks: Array<{ rule: string; outcome: string }>;
}

describe('market: listings', () => {
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
  const lotFor = (code: string, overrides: Record<string, unknown> = {}) =>
    verifiedLot(api, operator.auth, seller.auth, { providerCode: code, ...overrides });
  const list = (auth: Auth, body: Record<string, unknown>) =>
    api.http.post('/v1/listings').set(auth).send(body);
  const buy = (auth: Auth, body: Record<string, unknown>) =>
    api.http
      .post('/v1/orders')
      .set(auth)
      .send({ currency: 'USD', timeInForce: 'GTC', ...body });
  const lot = async (id: string, auth: Auth = seller.auth): Promise<Lot> =>
    (await api.http.get(`/v1/credit-lots/${id}`).set(auth).expect(200)).body;
  const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);

  const openReviewFor = async (subjectId: string): Promise<Review | undefined> => {
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await api.http
        .get(`/v1/admin/reviews?status=open&limit=200${query}`)
        .set(operator.auth)
        .expect(200);
      const found = (page.body.data as Review[]).find((r) => r.subjectId === subjectId);
      if (found) return found;
      cursor = page.body.nextCursor;
    } while (cursor);
    return undefined;
  };

  /** Changes one provider's policy through the operator API, keeping the rest as it is. */
  const editPolicy = async (code: string, change: Record<string, unknown>) => {
    const current = (
      await api.http.get(`/v1/admin/providers/${code}/policies`).set(operator.auth).expect(200)
    ).body[0];
    await api.http
      .put(`/v1/admin/providers/${code}/policy`)
      .set(operator.auth)
      .send({
        resale: current.resale,
        transferMethods: current.transferMethods,
        minDaysToExpiry: current.minDaysToExpiry,
        resaleableSources: current.resaleableSources,
        buyerEligibility: current.buyerEligibility,
        notes: 'edited by a market test',
        ...change,
      })
      .expect(200);
  };

  describe('creating', () => {
    it('lists part of a verified lot at a fixed price and holds that part on the lot', async () => {
      const code = await provider({ minDaysToExpiry: 20 });
      const lotId = await lotFor(code, { faceValueMinor: 800_000, expiresAt: daysFromNow(200) });
      const created = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 300_000,
        priceBps: 6400,
        minFillMinor: 50_000,
      }).expect(201);
      expect(created.body.trades).toEqual([]);
      expect(created.body.listing).toMatchObject({
        status: 'active',
        providerCode: code,
        currency: 'USD',
        quantityMinor: 300_000,
        remainingMinor: 300_000,
        filledMinor: 0,
        priceBps: 6400,
        priceSchedule: null,
        effectivePriceBps: 6400,
        minFillMinor: 50_000,
        creditLotId: lotId,
        compliance: { outcome: 'pass', policyVersion: 1 },
      });
      const { expiresAt, tradableUntil } = created.body.listing;
      expect(new Date(expiresAt).getTime() - new Date(tradableUntil).getTime()).toBe(20 * 86_400_000);
      expect(await lot(lotId)).toMatchObject({
        faceValueMinor: 800_000,
        listedMinor: 300_000,
        soldMinor: 0,
        availableMinor: 500_000,
      });
    });

    it('prices a schedule by the days left on each lot, and matching uses that price', async () => {
      const code = await provider();
      const schedule = [
        { minDaysToExpiry: 0, priceBps: 5000 },
        { minDaysToExpiry: 60, priceBps: 7000 },
        { minDaysToExpiry: 200, priceBps: 8000 },
      ];
      const farLot = await lotFor(code, { expiresAt: daysFromNow(300) });
      const nearLot = await lotFor(code, { expiresAt: daysFromNow(100) });
      const far = await list(seller.auth, {
        creditLotId: farLot,
        quantityMinor: 10_000,
        priceSchedule: schedule,
      }).expect(201);
      const near = await list(seller.auth, {
        creditLotId: nearLot,
        quantityMinor: 10_000,
        priceSchedule: schedule,
      }).expect(201);
      expect(far.body.listing).toMatchObject({
        priceBps: null,
        priceSchedule: schedule,
        effectivePriceBps: 8000,
      });
      expect(near.body.listing.effectivePriceBps).toBe(7000);

      // 7500 reaches the 100-day lot's 7000 tier but not the 300-day lot's 8000 tier.
      const placed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 20_000,
        maxPriceBps: 7500,
        timeInForce: 'IOC',
      }).expect(201);
      expect(placed.body.trades).toEqual([
        expect.objectContaining({ listingId: near.body.listing.id, quantityMinor: 10_000, priceBps: 7000 }),
      ]);
      const farAfter = await api.http.get(`/v1/listings/${far.body.listing.id}`).set(seller.auth).expect(200);
      expect(farAfter.body).toMatchObject({ status: 'active', remainingMinor: 10_000 });
    });

    it.each([
      [
        'both priceBps and priceSchedule',
        { priceBps: 5000, priceSchedule: [{ minDaysToExpiry: 0, priceBps: 5000 }] },
      ],
      ['neither priceBps nor priceSchedule', {}],
    ])('rejects %s with 400 naming the price field', async (_label, price) => {
      const code = await provider();
      const lotId = await lotFor(code);
      const response = await list(seller.auth, { creditLotId: lotId, quantityMinor: 1000, ...price }).expect(
        400,
      );
      expect(response.body.code).toBe('validation_failed');
      expect(fields(response.body).some((f) => f === 'priceBps' || f === 'priceSchedule')).toBe(true);
      expect((await lot(lotId)).listedMinor).toBe(0);
    });

    it('rejects a schedule that stops pricing before the listing stops trading', async () => {
      const code = await provider({ minDaysToExpiry: 14 });
      const lotId = await lotFor(code);
      const late = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 1000,
        priceSchedule: [
          { minDaysToExpiry: 30, priceBps: 6000 },
          { minDaysToExpiry: 90, priceBps: 8000 },
        ],
      }).expect(400);
      expect(fields(late.body)).toEqual(['priceSchedule']);

      // A lowest tier exactly at the policy's 14 days prices the listing to its last tradable moment.
      await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 1000,
        priceSchedule: [
          { minDaysToExpiry: 14, priceBps: 6000 },
          { minDaysToExpiry: 90, priceBps: 8000 },
        ],
      }).expect(201);
    });

    it.each([
      ['a zero price', { priceBps: 0 }, 'priceBps'],
      ['a price above 10000 bps', { priceBps: 10_001 }, 'priceBps'],
      ['a fractional quantity', { quantityMinor: 10.5 }, 'quantityMinor'],
      ['a minimum fill above the quantity', { minFillMinor: 1001 }, 'minFillMinor'],
      ['an unknown field', { sellerOrganizationId: randomUUID() }, 'sellerOrganizationId'],
    ])('rejects %s with 400 naming the field', async (_label, overrides, field) => {
      const code = await provider();
      const lotId = await lotFor(code);
      const response = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 1000,
        priceBps: 5000,
        ...overrides,
      }).expect(400);
      expect(fields(response.body)).toContain(field);
      expect((await lot(lotId)).listedMinor).toBe(0);
    });

    it('refuses more than the lot has left once part of it is listed', async () => {
      const code = await provider();
      const lotId = await lotFor(code, { faceValueMinor: 1_000_000 });
      await list(seller.auth, { creditLotId: lotId, quantityMinor: 600_000, priceBps: 5000 }).expect(201);
      const response = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 400_001,
        priceBps: 5000,
      }).expect(422);
      expect(response.body.code).toBe('insufficient_lot_balance');
      await list(seller.auth, { creditLotId: lotId, quantityMinor: 400_000, priceBps: 5000 }).expect(201);
      expect(await lot(lotId)).toMatchObject({ listedMinor: 1_000_000, availableMinor: 0 });
    });

    it('treats another firm’s lot, or an unknown one, as not found', async () => {
      const code = await provider();
      const lotId = await lotFor(code);
      await list(buyer.auth, { creditLotId: lotId, quantityMinor: 1000, priceBps: 5000 }).expect(404);
      await list(seller.auth, { creditLotId: randomUUID(), quantityMinor: 1000, priceBps: 5000 }).expect(404);
      expect((await lot(lotId)).listedMinor).toBe(0);
    });

    it('blocks a lot whose provider has since prohibited resale, with the failed check', async () => {
      const code = await provider();
      const lotId = await lotFor(code);
      await editPolicy(code, { resale: 'prohibited' });
      const response = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 1000,
        priceBps: 5000,
      }).expect(422);
      expect(response.body).toMatchObject({
        code: 'compliance_blocked',
        compliance: { outcome: 'block', policyVersion: 2 },
      });
      expect(response.body.compliance.checks).toEqual(
        expect.arrayContaining([expect.objectContaining({ rule: 'resale_prohibited', outcome: 'block' })]),
      );
      expect(await lot(lotId)).toMatchObject({ listedMinor: 0, availableMinor: 1_000_000 });
    });

    it('blocks a promotional lot once the policy no longer lets promotional credit be resold', async () => {
      const code = await provider({ resaleableSources: ['prepaid_purchase', 'promotional_grant'] });
      const lotId = await lotFor(code, { source: 'promotional_grant' });
      await editPolicy(code, { resaleableSources: ['prepaid_purchase'] });
      const response = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 1000,
        priceBps: 5000,
      }).expect(422);
      expect(response.body.code).toBe('compliance_blocked');
      expect(response.body.compliance.checks).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ rule: 'source_not_resaleable', outcome: 'block' }),
        ]),
      );
      expect((await lot(lotId)).listedMinor).toBe(0);
    });

    it('lets viewers read listings but not create or cancel them', async () => {
      const code = await provider();
      const lotId = await lotFor(code);
      const viewer = await addMember(api.http, seller, 'viewer');
      await list(viewer.auth, { creditLotId: lotId, quantityMinor: 1000, priceBps: 5000 }).expect(403);
      const created = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 1000,
        priceBps: 5000,
      }).expect(201);
      await api.http.get(`/v1/listings/${created.body.listing.id}`).set(viewer.auth).expect(200);
      await api.http.delete(`/v1/listings/${created.body.listing.id}`).set(viewer.auth).expect(403);
      const trader = await addMember(api.http, seller, 'trader');
      await api.http.delete(`/v1/listings/${created.body.listing.id}`).set(trader.auth).expect(200);
      await api.http.get('/v1/listings').expect(401);
    });

    it('replays a listing created with the same Idempotency-Key without listing or trading twice', async () => {
      const code = await provider();
      const lotId = await lotFor(code, { faceValueMinor: 100_000 });
      const resting = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 10_000,
        maxPriceBps: 6000,
      }).expect(201);
      const key = randomUUID();
      const body = { creditLotId: lotId, quantityMinor: 40_000, priceBps: 6000 };
      const first = await list(seller.auth, body).set('Idempotency-Key', key).expect(201);
      expect(first.body.trades).toHaveLength(1);
      const again = await list(seller.auth, body).set('Idempotency-Key', key).expect(201);
      expect(again.body).toEqual(first.body);

      expect(await lot(lotId)).toMatchObject({
        listedMinor: 30_000,
        soldMinor: 10_000,
        availableMinor: 60_000,
      });
      const mine = await api.http
        .get(`/v1/listings?mine=true&providerCode=${code}`)
        .set(seller.auth)
        .expect(200);
      expect(mine.body.data.map((l: { id: string }) => l.id)).toEqual([first.body.listing.id]);
      const order = await api.http.get(`/v1/orders/${resting.body.order.id}`).set(buyer.auth).expect(200);
      expect(order.body).toMatchObject({ status: 'filled', filledMinor: 10_000 });

      const reuse = await list(seller.auth, { ...body, priceBps: 6100 })
        .set('Idempotency-Key', key)
        .expect(422);
      expect(reuse.body.code).toBe('idempotency_key_reuse');
    });
  });

  describe('review', () => {
    /** A lot registered but not yet verified by an operator, from a KYC-verified seller. */
    const unverifiedLot = async (code: string, faceValueMinor = 100_000): Promise<string> =>
      (
        await api.http
          .post('/v1/credit-lots')
          .set(seller.auth)
          .send(lotBody({ providerCode: code, faceValueMinor }))
          .expect(201)
      ).body.id;

    it('holds a listing of an unverified lot for review, out of the market but on the lot', async () => {
      const code = await provider();
      const lotId = await unverifiedLot(code);
      const created = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 30_000,
        priceBps: 5000,
      }).expect(201);
      const id = created.body.listing.id;
      expect(created.body.listing).toMatchObject({
        status: 'pending_review',
        compliance: { outcome: 'review' },
      });
      expect(created.body.listing.compliance.checks).toEqual(
        expect.arrayContaining([expect.objectContaining({ rule: 'lot_not_verified', outcome: 'review' })]),
      );
      expect(await lot(lotId)).toMatchObject({ status: 'pending_verification', listedMinor: 30_000 });

      const review = await openReviewFor(id);
      expect(review).toMatchObject({ subjectType: 'listing' });
      expect(review?.checks.map((c) => c.rule)).toContain('lot_not_verified');

      // Not offered to anyone yet: no market view, no book, no match.
      const market = await api.http.get(`/v1/listings?providerCode=${code}`).set(buyer.auth).expect(200);
      expect(market.body.data).toEqual([]);
      const book = await api.http.get(`/v1/markets/${code}/book?currency=USD`).set(buyer.auth).expect(200);
      expect(book.body.asks).toEqual([]);
      const placed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 30_000,
        maxPriceBps: 9000,
        timeInForce: 'IOC',
      }).expect(201);
      expect(placed.body.trades).toEqual([]);

      const mine = await api.http
        .get(`/v1/listings?mine=true&status=pending_review&providerCode=${code}`)
        .set(seller.auth)
        .expect(200);
      expect(mine.body.data.map((l: { id: string }) => l.id)).toEqual([id]);
    });

    it('activates an approved listing, which then trades with a resting order', async () => {
      const code = await provider();
      const lotId = await unverifiedLot(code);
      const resting = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 20_000,
        maxPriceBps: 6000,
      }).expect(201);
      expect(resting.body.order.status).toBe('open');
      const created = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 50_000,
        priceBps: 5500,
      }).expect(201);
      expect(created.body).toMatchObject({ listing: { status: 'pending_review' }, trades: [] });

      const review = await openReviewFor(created.body.listing.id);
      await api.http
        .post(`/v1/admin/reviews/${review?.id}`)
        .set(operator.auth)
        .send({ decision: 'approve', reason: 'statement checked with the provider' })
        .expect(200);

      const listing = await api.http
        .get(`/v1/listings/${created.body.listing.id}`)
        .set(seller.auth)
        .expect(200);
      expect(listing.body).toMatchObject({
        status: 'partially_filled',
        remainingMinor: 30_000,
        filledMinor: 20_000,
      });
      const order = await api.http.get(`/v1/orders/${resting.body.order.id}`).set(buyer.auth).expect(200);
      expect(order.body).toMatchObject({ status: 'filled', filledMinor: 20_000 });
      const trades = await api.http.get('/v1/trades?side=sell').set(seller.auth).expect(200);
      // A resting order sets the price: the buyer's 6000, not the listing's 5500.
      expect(trades.body.data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            listingId: created.body.listing.id,
            quantityMinor: 20_000,
            priceBps: 6000,
          }),
        ]),
      );
      expect(await lot(lotId)).toMatchObject({
        listedMinor: 30_000,
        soldMinor: 20_000,
        availableMinor: 50_000,
      });
    });

    it('activates an approved listing of a lot above the policy’s maximum size, which then trades', async () => {
      const code = await provider({ maxLotFaceValueMinor: 50_000 });
      const lotId = await lotFor(code, { faceValueMinor: 100_000 });
      const created = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 80_000,
        priceBps: 5000,
      }).expect(201);
      expect(created.body.listing.status).toBe('pending_review');
      const review = await openReviewFor(created.body.listing.id);
      expect(review?.checks.map((c) => c.rule)).toEqual(['lot_above_policy_maximum']);
      await api.http
        .post(`/v1/admin/reviews/${review?.id}`)
        .set(operator.auth)
        .send({ decision: 'approve', reason: 'size confirmed with the provider' })
        .expect(200);

      const placed = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 80_000,
        maxPriceBps: 5000,
        timeInForce: 'FOK',
      }).expect(201);
      expect(placed.body.order.status).toBe('filled');
      expect(await lot(lotId)).toMatchObject({ listedMinor: 0, soldMinor: 80_000 });
    });

    it('rejects a listing under review and gives its quantity back to the lot', async () => {
      const code = await provider();
      const lotId = await unverifiedLot(code);
      const created = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 30_000,
        priceBps: 5000,
      }).expect(201);
      const review = await openReviewFor(created.body.listing.id);
      await api.http
        .post(`/v1/admin/reviews/${review?.id}`)
        .set(operator.auth)
        .send({ decision: 'reject', reason: 'statement does not match' })
        .expect(200);
      const listing = await api.http
        .get(`/v1/listings/${created.body.listing.id}`)
        .set(seller.auth)
        .expect(200);
      expect(listing.body).toMatchObject({ status: 'rejected', remainingMinor: 0 });
      expect(await lot(lotId)).toMatchObject({ listedMinor: 0, availableMinor: 100_000 });
      expect(await openReviewFor(created.body.listing.id)).toBeUndefined();
      await api.http.delete(`/v1/listings/${created.body.listing.id}`).set(seller.auth).expect(409);
    });
  });

  describe('cancelling', () => {
    it('cancels the unsold remainder, returns it to the lot, and refuses a second cancel', async () => {
      const code = await provider();
      const lotId = await lotFor(code, { faceValueMinor: 1_000_000 });
      const created = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 600_000,
        priceBps: 7000,
      }).expect(201);
      const id = created.body.listing.id;
      await buy(buyer.auth, { providerCode: code, quantityMinor: 250_000, maxPriceBps: 7000 }).expect(201);

      await api.http.delete(`/v1/listings/${id}`).set(buyer.auth).expect(404);
      const cancelled = await api.http.delete(`/v1/listings/${id}`).set(seller.auth).expect(200);
      expect(cancelled.body).toEqual({ id, status: 'cancelled', cancelledMinor: 350_000 });
      expect(await lot(lotId)).toMatchObject({ listedMinor: 0, soldMinor: 250_000, availableMinor: 750_000 });
      const listing = await api.http.get(`/v1/listings/${id}`).set(seller.auth).expect(200);
      expect(listing.body).toMatchObject({ status: 'cancelled', remainingMinor: 0, filledMinor: 250_000 });

      const again = await api.http.delete(`/v1/listings/${id}`).set(seller.auth).expect(409);
      expect(again.body.code).toEqual(expect.any(String));
      expect((await lot(lotId)).availableMinor).toBe(750_000);

      // Cancelled quantity is out of the market: a later order finds nothing.
      const late = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 9000,
        timeInForce: 'IOC',
      }).expect(201);
      expect(late.body.trades).toEqual([]);
    });

    it('answers 404 for an unknown listing and 400 for a malformed id', async () => {
      await api.http.delete(`/v1/listings/${randomUUID()}`).set(seller.auth).expect(404);
      await api.http.get(`/v1/listings/${randomUUID()}`).set(seller.auth).expect(404);
      await api.http.get('/v1/listings/not-a-uuid').set(seller.auth).expect(400);
    });
  });

  describe('reading', () => {
    it('shows the seller its own listings in full and everyone else the offer only', async () => {
      const code = await provider();
      const lotId = await lotFor(code);
      const mineListed = await list(seller.auth, {
        creditLotId: lotId,
        quantityMinor: 5000,
        priceBps: 5000,
      }).expect(201);
      const otherLot = await verifiedLot(api, operator.auth, buyer.auth, { providerCode: code });
      const theirs = await list(buyer.auth, {
        creditLotId: otherLot,
        quantityMinor: 7000,
        priceBps: 9000,
      }).expect(201);

      const mine = await api.http
        .get(`/v1/listings?mine=true&providerCode=${code}`)
        .set(seller.auth)
        .expect(200);
      expect(mine.body.data).toHaveLength(1);
      expect(mine.body.data[0]).toMatchObject({
        id: mineListed.body.listing.id,
        creditLotId: lotId,
        compliance: { outcome: 'pass' },
      });

      const market = await api.http.get(`/v1/listings?providerCode=${code}`).set(seller.auth).expect(200);
      const byId = new Map(market.body.data.map((l: { id: string }) => [l.id, l]));
      expect(byId.size).toBe(2);
      expect(byId.get(mineListed.body.listing.id)).toHaveProperty('creditLotId', lotId);
      const other = byId.get(theirs.body.listing.id) as Record<string, unknown>;
      expect(other).toMatchObject({ quantityMinor: 7000, effectivePriceBps: 9000, status: 'active' });
      expect(other).not.toHaveProperty('creditLotId');
      expect(other).not.toHaveProperty('compliance');
      expect(other).not.toHaveProperty('organizationId');
      expect(JSON.stringify(market.body)).not.toContain(buyer.organizationId);
      expect(JSON.stringify(market.body)).not.toContain(seller.organizationId);

      const single = await api.http
        .get(`/v1/listings/${theirs.body.listing.id}`)
        .set(seller.auth)
        .expect(200);
      expect(single.body).not.toHaveProperty('creditLotId');
      expect(JSON.stringify(single.body)).not.toContain(buyer.organizationId);
    });

    it('filters by status and pages with a cursor', async () => {
      const code = await provider();
      const lotId = await lotFor(code);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const created = await list(seller.auth, {
          creditLotId: lotId,
          quantityMinor: 1000,
          priceBps: 5000 + i,
        }).expect(201);
        ids.push(created.body.listing.id);
      }
      await api.http.delete(`/v1/listings/${ids[0]}`).set(seller.auth).expect(200);

      const open = await api.http.get(`/v1/listings?providerCode=${code}`).set(buyer.auth).expect(200);
      expect(open.body.data.map((l: { id: string }) => l.id)).toEqual([ids[2], ids[1]]);
      const cancelled = await api.http
        .get(`/v1/listings?providerCode=${code}&status=cancelled`)
        .set(seller.auth)
        .expect(200);
      expect(cancelled.body.data.map((l: { id: string }) => l.id)).toEqual([ids[0]]);

      const first = await api.http
        .get(`/v1/listings?providerCode=${code}&limit=1`)
        .set(buyer.auth)
        .expect(200);
      expect(first.body.data.map((l: { id: string }) => l.id)).toEqual([ids[2]]);
      const second = await api.http
        .get(`/v1/listings?providerCode=${code}&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`)
        .set(buyer.auth)
        .expect(200);
      expect(second.body.data.map((l: { id: string }) => l.id)).toEqual([ids[1]]);

      await api.http.get('/v1/listings?status=sold').set(buyer.auth).expect(400);
      await api.http.get('/v1/listings?mine=maybe').set(buyer.auth).expect(400);
    });
  });
});
