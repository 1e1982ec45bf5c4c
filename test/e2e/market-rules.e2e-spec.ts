import { DataSource } from 'typeorm';
import { startApi, type TestApi } from '../support/api-app';
import { createTestProvider, type TestPolicy } from '../factories/catalog.factory';
import { verifiedLot, verifyKyc, tradingPair } from '../factories/credits.factory';
import { registerFirm, type RegisteredFirm } from '../factories/identity.factory';

type Auth = { Authorization: string };
interface Trade {
  id: string;
  listingId: string;
  orderId: string;
  quantityMinor: number;
  priceBps: number;
  grossMinor: number;
  feeMinor: number;
  sellerProceedsMinor: number;
  requiresProviderApproval: boolean;
}

const FEE_BPS = 500n;

/** The documented rule, written out independently: round half up of a non-negative ratio. */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

function expectedAmounts(quantityMinor: number, priceBps: number) {
  const gross = roundHalfUp(BigInt(quantityMinor) * BigInt(priceBps), 10_000n);
  const fee = roundHalfUp(gross * FEE_BPS, 10_000n);
  return { grossMinor: Number(gross), feeMinor: Number(fee), sellerProceedsMinor: Number(gross - fee) };
}

describe('market: matching rules and money', () => {
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
  const lotFor = (code: string, faceValueMinor: number, firm: RegisteredFirm = seller) =>
    verifiedLot(api, operator.auth, firm.auth, { providerCode: code, faceValueMinor });
  const listFrom = async (
    lotId: string,
    quantityMinor: number,
    priceBps: number,
    firm: RegisteredFirm = seller,
  ): Promise<{ id: string; trades: Trade[] }> => {
    const response = await api.http
      .post('/v1/listings')
      .set(firm.auth)
      .send({ creditLotId: lotId, quantityMinor, priceBps })
      .expect(201);
    return { id: response.body.listing.id, trades: response.body.trades };
  };
  const listed = async (code: string, quantityMinor: number, priceBps: number) =>
    listFrom(await lotFor(code, quantityMinor), quantityMinor, priceBps);
  const buy = (auth: Auth, body: Record<string, unknown>) =>
    api.http
      .post('/v1/orders')
      .set(auth)
      .send({ currency: 'USD', timeInForce: 'GTC', ...body });
  const listing = async (id: string) =>
    (await api.http.get(`/v1/listings/${id}`).set(seller.auth).expect(200)).body;
  const order = async (id: string, auth: Auth = buyer.auth) =>
    (await api.http.get(`/v1/orders/${id}`).set(auth).expect(200)).body;
  const lot = async (id: string) =>
    (await api.http.get(`/v1/credit-lots/${id}`).set(seller.auth).expect(200)).body;

  describe('priority', () => {
    it('fills an incoming order from the cheapest listing first, then the oldest, at each listing’s price', async () => {
      const code = await provider();
      const a = await listed(code, 1000, 6000);
      const b = await listed(code, 1000, 5000);
      const c = await listed(code, 1000, 5000);
      const d = await listed(code, 1000, 7000);

      const first = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1500,
        maxPriceBps: 6500,
        timeInForce: 'IOC',
      }).expect(201);
      expect(first.body.trades.map((t: Trade) => [t.listingId, t.quantityMinor, t.priceBps])).toEqual([
        [b.id, 1000, 5000],
        [c.id, 500, 5000],
      ]);
      const second = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 1500,
        maxPriceBps: 6500,
        timeInForce: 'IOC',
      }).expect(201);
      // 6500 is the limit; the trade executes at the resting listing's 6000.
      expect(second.body.trades.map((t: Trade) => [t.listingId, t.quantityMinor, t.priceBps])).toEqual([
        [c.id, 500, 5000],
        [a.id, 1000, 6000],
      ]);
      expect(second.body.order).toMatchObject({ status: 'filled', filledMinor: 1500 });
      expect(await listing(d.id)).toMatchObject({ status: 'active', remainingMinor: 1000 });
    });

    it('fills an incoming listing from the highest bid first, then the oldest, at each order’s price', async () => {
      const code = await provider();
      const o1 = await buy(buyer.auth, { providerCode: code, quantityMinor: 1000, maxPriceBps: 6000 }).expect(
        201,
      );
      const o2 = await buy(buyer.auth, { providerCode: code, quantityMinor: 1000, maxPriceBps: 7000 }).expect(
        201,
      );
      const o3 = await buy(buyer.auth, { providerCode: code, quantityMinor: 1000, maxPriceBps: 7000 }).expect(
        201,
      );
      const o4 = await buy(buyer.auth, { providerCode: code, quantityMinor: 1000, maxPriceBps: 4000 }).expect(
        201,
      );

      const incoming = await listFrom(await lotFor(code, 10_000), 2500, 5000);
      expect(incoming.trades.map((t) => [t.orderId, t.quantityMinor, t.priceBps])).toEqual([
        [o2.body.order.id, 1000, 7000],
        [o3.body.order.id, 1000, 7000],
        [o1.body.order.id, 500, 6000],
      ]);
      expect(incoming.trades[0]).toMatchObject(expectedAmounts(1000, 7000));
      expect(await listing(incoming.id)).toMatchObject({ status: 'filled', remainingMinor: 0 });
      expect(await order(o1.body.order.id)).toMatchObject({
        status: 'partially_filled',
        remainingMinor: 500,
      });
      expect(await order(o4.body.order.id)).toMatchObject({ status: 'open', remainingMinor: 1000 });
    });
  });

  describe('eligibility', () => {
    it('never matches a firm with itself: its order rests beside its own listing', async () => {
      const code = await provider();
      const own = await listed(code, 1000, 5000);
      const selfOrder = await buy(seller.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 9000,
      }).expect(201);
      expect(selfOrder.body).toMatchObject({ order: { status: 'open', filledMinor: 0 }, trades: [] });

      // Nor does its next listing take its own resting order.
      const second = await listFrom(await lotFor(code, 1000), 1000, 4000);
      expect(second.trades).toEqual([]);

      const other = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 2000,
        maxPriceBps: 5000,
        timeInForce: 'IOC',
      }).expect(201);
      expect(other.body.trades.map((t: Trade) => t.listingId)).toEqual([second.id, own.id]);
      expect(await order(selfOrder.body.order.id, seller.auth)).toMatchObject({
        status: 'open',
        remainingMinor: 1000,
      });
    });

    it('does not match a buyer whose KYC is pending, and does once it is verified', async () => {
      const code = await provider();
      const a = await listed(code, 1000, 5000);
      const newcomer = await registerFirm(api.http);
      const placed = await buy(newcomer.auth, {
        providerCode: code,
        quantityMinor: 1000,
        maxPriceBps: 6000,
      }).expect(201);
      expect(placed.body).toMatchObject({ order: { status: 'open' }, trades: [] });
      expect(await listing(a.id)).toMatchObject({ status: 'active', remainingMinor: 1000 });

      await verifyKyc(api, operator.auth, newcomer.organizationId);
      const next = await listFrom(await lotFor(code, 1000), 1000, 5500);
      expect(next.trades).toEqual([
        expect.objectContaining({ orderId: placed.body.order.id, quantityMinor: 1000, priceBps: 6000 }),
      ]);
    });

    it('marks trades of a provider that must approve resales', async () => {
      const gated = await provider({ resale: 'approval_required' });
      const open = await provider({ resale: 'allowed' });
      await listed(gated, 1000, 5000);
      await listed(open, 1000, 5000);
      const gatedTrade = await buy(buyer.auth, {
        providerCode: gated,
        quantityMinor: 1000,
        maxPriceBps: 5000,
      }).expect(201);
      const openTrade = await buy(buyer.auth, {
        providerCode: open,
        quantityMinor: 1000,
        maxPriceBps: 5000,
      }).expect(201);
      expect(gatedTrade.body.trades).toEqual([expect.objectContaining({ requiresProviderApproval: true })]);
      expect(openTrade.body.trades).toEqual([expect.objectContaining({ requiresProviderApproval: false })]);
      const detail = await api.http
        .get(`/v1/trades/${gatedTrade.body.trades[0].id}`)
        .set(seller.auth)
        .expect(200);
      expect(detail.body).toMatchObject({ requiresProviderApproval: true, side: 'sell' });
    });
  });

  describe('money', () => {
    it.each([
      // quantity, price, gross (half up), fee (half up), proceeds
      [12_345, 7000, 8642, 432, 8210], // gross 8641.5
      [17_300, 5000, 8650, 433, 8217], // fee 432.5
      [333_333, 7777, 259_233, 12_962, 246_271],
      [1, 5000, 1, 0, 1], // gross 0.5
      [999_999, 10_000, 999_999, 50_000, 949_999], // fee 49,999.95
    ])(
      'trades %i at %i bps for gross %i, fee %i and proceeds %i',
      async (quantity, price, gross, fee, proceeds) => {
        expect(expectedAmounts(quantity, price)).toEqual({
          grossMinor: gross,
          feeMinor: fee,
          sellerProceedsMinor: proceeds,
        });
        const code = await provider();
        const { id } = await listed(code, quantity, price);
        const placed = await buy(buyer.auth, {
          providerCode: code,
          quantityMinor: quantity,
          maxPriceBps: price,
        }).expect(201);
        const expected = { quantityMinor: quantity, priceBps: price, grossMinor: gross, feeMinor: fee };
        expect(placed.body.trades).toEqual([
          expect.objectContaining({ ...expected, sellerProceedsMinor: proceeds }),
        ]);
        const seen = await api.http
          .get(`/v1/trades/${placed.body.trades[0].id}`)
          .set(seller.auth)
          .expect(200);
        expect(seen.body).toMatchObject({ ...expected, sellerProceedsMinor: proceeds, listingId: id });
      },
    );

    it('keeps listed + sold + available equal to the lot’s face value through every step', async () => {
      const code = await provider();
      const face = 1_000_000;
      const lotId = await lotFor(code, face);
      const expectLot = async (listedMinor: number, soldMinor: number) => {
        const current = await lot(lotId);
        expect(current).toMatchObject({
          listedMinor,
          soldMinor,
          availableMinor: face - listedMinor - soldMinor,
        });
        expect(current.listedMinor + current.soldMinor + current.availableMinor).toBe(face);
      };

      const a = await listFrom(lotId, 400_000, 7000);
      await expectLot(400_000, 0);
      const b = await listFrom(lotId, 300_000, 8000);
      await expectLot(700_000, 0);

      const first = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 150_000,
        maxPriceBps: 7500,
      }).expect(201);
      expect(first.body.trades).toEqual([
        expect.objectContaining({
          listingId: a.id,
          quantityMinor: 150_000,
          ...expectedAmounts(150_000, 7000),
        }),
      ]);
      await expectLot(550_000, 150_000);

      const second = await buy(buyer.auth, {
        providerCode: code,
        quantityMinor: 333_333,
        maxPriceBps: 8000,
        timeInForce: 'IOC',
      }).expect(201);
      expect(second.body.trades.map((t: Trade) => [t.listingId, t.quantityMinor])).toEqual([
        [a.id, 250_000],
        [b.id, 83_333],
      ]);
      expect(second.body.trades[1]).toMatchObject(expectedAmounts(83_333, 8000));
      await expectLot(216_667, 483_333);

      await api.http.delete(`/v1/listings/${b.id}`).set(seller.auth).expect(200);
      await expectLot(0, 483_333);

      const rest = await listFrom(lotId, 516_667, 6000);
      await expectLot(516_667, 483_333);
      await buy(buyer.auth, { providerCode: code, quantityMinor: 516_667, maxPriceBps: 6000 }).expect(201);
      await expectLot(0, face);
      expect(await listing(rest.id)).toMatchObject({ status: 'filled', filledMinor: 516_667 });
      await api.http
        .post('/v1/listings')
        .set(seller.auth)
        .send({ creditLotId: lotId, quantityMinor: 1, priceBps: 6000 })
        .expect(422);
    });
  });
});
