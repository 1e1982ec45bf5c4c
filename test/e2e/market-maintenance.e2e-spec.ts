import { DataSource } from 'typeorm';
import { ExpireMarketItemsUseCase, RepriceListingsUseCase } from '@carryover/market';
import { startApi, type TestApi } from '../support/api-app';
import { createTestProvider } from '../factories/catalog.factory';
import { daysFromNow, verifiedLot, tradingPair } from '../factories/credits.factory';
import { type RegisteredFirm } from '../factories/identity.factory';

type Auth = { Authorization: string };

// A worker booted by another test file may sweep the same database at any moment: every assertion here
// holds whichever sweep closes a row first, so none counts what one particular run closed.
describe('market maintenance: expiry and schedule re-pricing', () => {
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

  const expire = () => api.app.get(ExpireMarketItemsUseCase).execute();
  const reprice = () => api.app.get(RepriceListingsUseCase).execute();

  async function listed(code: string, body: Record<string, unknown>): Promise<{ id: string; lotId: string }> {
    const lotId = await verifiedLot(api, operator.auth, seller.auth, {
      providerCode: code,
      faceValueMinor: 1_000_000,
    });
    const response = await api.http
      .post('/v1/listings')
      .set(seller.auth)
      .send({ creditLotId: lotId, ...body })
      .expect(201);
    return { id: response.body.listing.id as string, lotId };
  }

  function order(code: string, body: Record<string, unknown>) {
    return api.http
      .post('/v1/orders')
      .set(buyer.auth)
      .send({ providerCode: code, currency: 'USD', timeInForce: 'GTC', ...body })
      .expect(201);
  }

  /** What a sweep could change about a listing: its row, its lot and its audit trail. */
  async function footprint(listingId: string, lotId: string): Promise<unknown> {
    const [listing] = await db.query(
      `SELECT status, remaining_minor, filled_minor, closed_at, updated_at FROM listings WHERE id = $1`,
      [listingId],
    );
    const [lot] = await db.query(
      `SELECT listed_minor, sold_minor, updated_at FROM credit_lots WHERE id = $1`,
      [lotId],
    );
    const [audit] = await db.query(`SELECT count(*)::int AS events FROM audit_events WHERE entity_id = $1`, [
      listingId,
    ]);
    return { listing, lot, audit };
  }

  async function auditActions(entityId: string): Promise<Array<{ action: string; actorType: string }>> {
    const response = await api.http
      .get('/v1/admin/audit-events')
      .query({ entityId })
      .set(operator.auth)
      .expect(200);
    return response.body.data.map((event: { action: string; actorType: string }) => ({
      action: event.action,
      actorType: event.actorType,
    }));
  }

  it('expires a listing past tradableUntil, returns its remainder to the lot, and a second run changes nothing', async () => {
    const code = await createTestProvider(db);
    const listing = await listed(code, { quantityMinor: 400_000, priceBps: 7000 });
    await order(code, { quantityMinor: 100_000, maxPriceBps: 7000, timeInForce: 'IOC' });
    await db.query(`UPDATE listings SET tradable_until = now() - interval '1 minute' WHERE id = $1`, [
      listing.id,
    ]);

    await expire();

    const after = await api.http.get(`/v1/listings/${listing.id}`).set(seller.auth).expect(200);
    expect(after.body).toMatchObject({ status: 'expired', remainingMinor: 0, filledMinor: 100_000 });
    const lot = await api.http.get(`/v1/credit-lots/${listing.lotId}`).set(seller.auth).expect(200);
    expect(lot.body).toMatchObject({ listedMinor: 0, soldMinor: 100_000, availableMinor: 900_000 });
    expect(await auditActions(listing.id)).toContainEqual({
      action: 'market.listing_expired',
      actorType: 'system',
    });

    const before = await footprint(listing.id, listing.lotId);
    await expire();
    expect(await footprint(listing.id, listing.lotId)).toEqual(before);
  });

  it('expires more listings than one batch holds, returning every remainder to the lot', async () => {
    const code = await createTestProvider(db);
    const listing = await listed(code, { quantityMinor: 1_000, priceBps: 7000 });
    // 1,200 more open listings of 100 on the same lot, all past tradableUntil: three batches of 500.
    await db.query(
      `INSERT INTO listings (organization_id, credit_lot_id, provider_code, currency, quantity_minor,
              remaining_minor, price_bps, effective_price_bps, expires_at, tradable_until, transfer_methods, status)
       SELECT organization_id, credit_lot_id, provider_code, currency, 100, 100, price_bps, effective_price_bps,
              expires_at, now() - interval '1 minute', transfer_methods, 'active'
         FROM listings, generate_series(1, 1200) WHERE id = $1`,
      [listing.id],
    );
    await db.query(`UPDATE credit_lots SET listed_minor = listed_minor + 120000 WHERE id = $1`, [
      listing.lotId,
    ]);
    await db.query(`UPDATE listings SET tradable_until = now() - interval '1 minute' WHERE id = $1`, [
      listing.id,
    ]);

    await expire();

    const [open] = await db.query(
      `SELECT count(*)::int AS n FROM listings WHERE credit_lot_id = $1 AND status <> 'expired'`,
      [listing.lotId],
    );
    expect(open.n).toBe(0);
    const lot = await api.http.get(`/v1/credit-lots/${listing.lotId}`).set(seller.auth).expect(200);
    expect(lot.body).toMatchObject({ listedMinor: 0, availableMinor: 1_000_000 });
  });

  it('expires a resting buy order past goodTill', async () => {
    const code = await createTestProvider(db);
    const placed = await order(code, { quantityMinor: 50_000, maxPriceBps: 6000, goodTill: daysFromNow(2) });
    expect(placed.body.order.status).toBe('open');
    await db.query(`UPDATE buy_orders SET good_till = now() - interval '1 minute' WHERE id = $1`, [
      placed.body.order.id,
    ]);

    await expire();

    const after = await api.http.get(`/v1/orders/${placed.body.order.id}`).set(buyer.auth).expect(200);
    expect(after.body).toMatchObject({ status: 'expired', remainingMinor: 0, filledMinor: 0 });
    expect(await auditActions(placed.body.order.id)).toContainEqual({
      action: 'market.order_expired',
      actorType: 'system',
    });
  });

  it('re-prices a scheduled listing whose tier boundary has passed, in the listing and the book', async () => {
    const code = await createTestProvider(db);
    const listing = await listed(code, {
      quantityMinor: 200_000,
      priceSchedule: [
        { minDaysToExpiry: 200, priceBps: 8000 },
        { minDaysToExpiry: 90, priceBps: 7000 },
        { minDaysToExpiry: 0, priceBps: 6000 },
      ],
    });
    // As if listed 200 days ago: the lot expiring in 300 days now has 100 left, under the 200-day tier.
    await db.query(
      `UPDATE listings SET expires_at = expires_at - interval '200 days',
              tradable_until = tradable_until - interval '200 days',
              next_reprice_at = next_reprice_at - interval '200 days'
        WHERE id = $1`,
      [listing.id],
    );
    await db.query(
      `UPDATE credit_lots SET expires_at = expires_at - interval '200 days',
              tradable_until = tradable_until - interval '200 days'
        WHERE id = $1`,
      [listing.lotId],
    );

    await reprice();

    const after = await api.http.get(`/v1/listings/${listing.id}`).set(seller.auth).expect(200);
    expect(after.body.effectivePriceBps).toBe(7000);
    const book = await api.http
      .get(`/v1/markets/${code}/book`)
      .query({ currency: 'USD' })
      .set(buyer.auth)
      .expect(200);
    expect(book.body.asks).toEqual([{ priceBps: 7000, quantityMinor: 200_000, count: 1 }]);
    const [row] = await db.query(`SELECT next_reprice_at > now() AS later FROM listings WHERE id = $1`, [
      listing.id,
    ]);
    expect(row.later).toBe(true);
  });

  it('never matches a listing past tradableUntil, even before any sweep has closed it', async () => {
    const code = await createTestProvider(db);
    const listing = await listed(code, { quantityMinor: 300_000, priceBps: 5000 });
    await db.query(`UPDATE listings SET tradable_until = now() - interval '1 second' WHERE id = $1`, [
      listing.id,
    ]);

    const placed = await order(code, { quantityMinor: 100_000, maxPriceBps: 9000, timeInForce: 'IOC' });

    expect(placed.body.trades).toEqual([]);
    expect(placed.body.order).toMatchObject({ status: 'cancelled', filledMinor: 0 });
    const after = await api.http.get(`/v1/listings/${listing.id}`).set(seller.auth).expect(200);
    expect(after.body.filledMinor).toBe(0);
    // The listing was still open when the order matched: no sweep had closed it before the order.
    const [{ actions }] = await db.query(
      `SELECT array_agg(action ORDER BY seq) AS actions FROM audit_events WHERE entity_id = ANY($1)`,
      [[listing.id, placed.body.order.id]],
    );
    expect(actions.slice(0, 2)).toEqual(['market.listing_created', 'market.order_placed']);
  });
});
