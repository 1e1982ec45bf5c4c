import { DataSource } from 'typeorm';
import { startApi, type TestApi } from '../support/api-app';
import { createTestProvider } from '../factories/catalog.factory';
import { verifiedLot, tradingPair } from '../factories/credits.factory';
import { registerFirm, type RegisteredFirm } from '../factories/identity.factory';

type Auth = { Authorization: string };

describe('market: listings, orders, matching and trades', () => {
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

  it('matches a buy order against a listing at the listing’s price, with fee and proceeds from one rule', async () => {
    const code = await provider();
    const lotId = await verifiedLot(api, operator.auth, seller.auth, {
      providerCode: code,
      faceValueMinor: 1_000_000,
    });
    const listed = await api.http
      .post('/v1/listings')
      .set(seller.auth)
      .send({ creditLotId: lotId, quantityMinor: 600_000, priceBps: 7200 })
      .expect(201);
    expect(listed.body.listing).toMatchObject({
      status: 'active',
      remainingMinor: 600_000,
      effectivePriceBps: 7200,
    });
    expect(listed.body.listing.compliance.outcome).toBe('pass');

    const placed = await api.http
      .post('/v1/orders')
      .set(buyer.auth)
      .send({
        providerCode: code,
        currency: 'USD',
        quantityMinor: 250_000,
        maxPriceBps: 8000,
        timeInForce: 'GTC',
      })
      .expect(201);
    expect(placed.body.order).toMatchObject({ status: 'filled', filledMinor: 250_000, remainingMinor: 0 });
    expect(placed.body.trades).toHaveLength(1);
    // 250,000 * 0.72 = 180,000 gross; 5% fee = 9,000; proceeds 171,000
    expect(placed.body.trades[0]).toMatchObject({
      status: 'awaiting_payment',
      quantityMinor: 250_000,
      priceBps: 7200,
      grossMinor: 180_000,
      feeMinor: 9_000,
      sellerProceedsMinor: 171_000,
    });

    const listing = await api.http.get(`/v1/listings/${listed.body.listing.id}`).set(seller.auth).expect(200);
    expect(listing.body).toMatchObject({
      status: 'partially_filled',
      remainingMinor: 350_000,
      filledMinor: 250_000,
    });
    const lot = await api.http.get(`/v1/credit-lots/${lotId}`).set(seller.auth).expect(200);
    expect(lot.body).toMatchObject({ listedMinor: 350_000, soldMinor: 250_000, availableMinor: 400_000 });

    const sellerTrades = await api.http.get('/v1/trades?side=sell').set(seller.auth).expect(200);
    expect(sellerTrades.body.data.map((t: { id: string }) => t.id)).toContain(placed.body.trades[0].id);
    const detail = await api.http.get(`/v1/trades/${placed.body.trades[0].id}`).set(buyer.auth).expect(200);
    expect(detail.body).toMatchObject({
      side: 'buy',
      timeline: [expect.objectContaining({ status: 'awaiting_payment' })],
    });
  });

  it('shows other firms’ listings without the seller, and hides trades from third parties', async () => {
    const code = await provider();
    const lotId = await verifiedLot(api, operator.auth, seller.auth, { providerCode: code });
    const listed = await api.http
      .post('/v1/listings')
      .set(seller.auth)
      .send({ creditLotId: lotId, quantityMinor: 1000, priceBps: 5000 })
      .expect(201);
    const seen = await api.http.get(`/v1/listings/${listed.body.listing.id}`).set(buyer.auth).expect(200);
    expect(seen.body).not.toHaveProperty('creditLotId');
    expect(seen.body).not.toHaveProperty('compliance');
    expect(JSON.stringify(seen.body)).not.toContain(seller.organizationId);

    const placed = await api.http
      .post('/v1/orders')
      .set(buyer.auth)
      .send({
        providerCode: code,
        currency: 'USD',
        quantityMinor: 1000,
        maxPriceBps: 5000,
        timeInForce: 'IOC',
      })
      .expect(201);
    const outsider = await registerFirm(api.http);
    await api.http.get(`/v1/trades/${placed.body.trades[0].id}`).set(outsider.auth).expect(404);
    await api.http.get(`/v1/trades/${placed.body.trades[0].id}`).set(operator.auth).expect(200);
  });

  it('refuses to list more than the lot has available', async () => {
    const code = await provider();
    const lotId = await verifiedLot(api, operator.auth, seller.auth, {
      providerCode: code,
      faceValueMinor: 10_000,
    });
    const response = await api.http
      .post('/v1/listings')
      .set(seller.auth)
      .send({ creditLotId: lotId, quantityMinor: 10_001, priceBps: 5000 })
      .expect(422);
    expect(response.body.code).toBe('insufficient_lot_balance');
  });
});
