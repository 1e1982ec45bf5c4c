import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { Clock } from '@carryover/shared';
import { createTestProvider } from '../factories/catalog.factory';
import { signInOperator, type RegisteredFirm } from '../factories/identity.factory';
import { startApi, type TestApi } from '../support/api-app';
import { pollUntil, withDeadline } from '../support/market-deadline';
import { conservationViolations, loadMarket, tradesByPair, type MarketRows } from '../support/market-ledger';
import { holdMarketLock } from '../support/market-lock-holder';
import { inBatches, marketLot, verifiedFirms } from '../support/market-participants';
import { crossedPairs, replayInBook } from '../support/market-replay';

type Auth = { Authorization: string };
interface TradeBody {
  id: string;
  listingId: string;
  orderId: string;
  quantityMinor: number;
  priceBps: number;
}

const LOT = { days: 200.5, transferMethods: ['account_transfer' as const] };
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const tradesOf = (responses: readonly Response[]): TradeBody[] =>
  responses.flatMap((r) => r.body.trades as TradeBody[]);

/** The database's own account of the market must agree with itself and with the in-memory book replayed in lock order. */
function expectConsistent(rows: MarketRows): void {
  expect(conservationViolations(rows)).toEqual([]);
  const replayed = replayInBook(rows);
  expect(tradesByPair(rows.trades)).toEqual(tradesByPair(replayed.fills));
  expect(Object.fromEntries([...rows.listings, ...rows.orders].map((r) => [r.id, r.remainingMinor]))).toEqual(
    replayed.remaining,
  );
}

describe('market concurrency: one matcher per market, across requests and instances', () => {
  let api: TestApi;
  let db: DataSource;
  let operator: { auth: Auth };
  let sellers: RegisteredFirm[];
  let buyers: RegisteredFirm[];

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    operator = await signInOperator(api);
    sellers = await verifiedFirms(api, operator.auth, 3);
    buyers = await verifiedFirms(api, operator.auth, 50);
  }, 60_000);
  afterAll(() => api.close());

  const order = (http: TestAgent, buyer: RegisteredFirm, body: Record<string, unknown>) =>
    http
      .post('/v1/orders')
      .set(buyer.auth)
      .send({ currency: 'USD', timeInForce: 'GTC', ...body });
  const listing = (http: TestAgent, seller: RegisteredFirm, body: Record<string, unknown>) =>
    http.post('/v1/listings').set(seller.auth).send(body);

  it('fills one listing exactly once when 50 buyers order against it at the same moment', async () => {
    const code = await createTestProvider(db);
    const lotId = await marketLot(api, operator.auth, sellers[0], code, {
      ...LOT,
      faceValueMinor: 5_000_000,
    });
    const Q = 1_000_000;
    const listed = await listing(api.http, sellers[0], {
      creditLotId: lotId,
      quantityMinor: Q,
      priceBps: 7000,
    });
    expect(listed.status).toBe(201);
    const quantities = buyers.map((_, i) => 30_000 + ((i * 7) % 31) * 1000);
    expect(sum(quantities)).toBeGreaterThan(Q);

    const responses = await Promise.all(
      buyers.map((buyer, i) =>
        order(api.http, buyer, {
          providerCode: code,
          quantityMinor: quantities[i],
          maxPriceBps: 7000 + (i % 5) * 100,
        }),
      ),
    );

    expect(responses.map((r) => r.status)).toEqual(buyers.map(() => 201));
    const answered = tradesOf(responses);
    expect(sum(answered.map((t) => t.quantityMinor))).toBe(Q);
    expect(new Set(answered.map((t) => t.priceBps))).toEqual(new Set([7000]));
    const rows = await loadMarket(db, code);
    expect(rows.trades.map((t) => t.id).sort()).toEqual(answered.map((t) => t.id).sort());
    expect(rows.listings).toEqual([
      expect.objectContaining({ status: 'filled', remainingMinor: 0n, filledMinor: BigInt(Q) }),
    ]);
    expect(rows.lots).toEqual([expect.objectContaining({ soldMinor: BigInt(Q), listedMinor: 0n })]);
    for (const o of rows.orders) expect(o.filledMinor + o.remainingMinor).toBe(o.quantityMinor);
    // Orders take the listing one at a time, so at most one of them got the tail end part-filled.
    expect(rows.orders.filter((o) => o.status === 'partially_filled').length).toBeLessThanOrEqual(1);
    expectConsistent(rows);
  }, 60_000);

  /** 20 markets of their own, each with a lot of the seller's in it. */
  async function openMarkets(count: number): Promise<{ code: string; lotId: string }[]> {
    const codes = await Promise.all(Array.from({ length: count }, () => createTestProvider(db)));
    return inBatches(codes, 10, async (code) => ({
      code,
      lotId: await marketLot(api, operator.auth, sellers[1], code, { ...LOT, faceValueMinor: 1_000_000 }),
    }));
  }

  /** A listing and a crossing buy order sent together; whichever arrives second must match the first. */
  function placePair(market: { code: string; lotId: string }): Promise<Response[]> {
    return Promise.all([
      listing(api.http, sellers[1], { creditLotId: market.lotId, quantityMinor: 10_000, priceBps: 7000 }),
      order(api.http, buyers[0], { providerCode: market.code, quantityMinor: 10_000, maxPriceBps: 7200 }),
    ]);
  }

  function expectMatchedOnce([listed, placed]: Response[]): void {
    expect([listed.status, placed.status]).toEqual([201, 201]);
    const trades = tradesOf([listed, placed]);
    expect(trades).toHaveLength(1);
    // The trade executes at the resting side's price: the order's if the listing arrived second.
    const listingCameSecond = listed.body.trades.length === 1;
    expect(trades[0]).toMatchObject({ quantityMinor: 10_000, priceBps: listingCameSecond ? 7200 : 7000 });
  }

  it('matches 20 markets at once, each on its own', async () => {
    const markets = await openMarkets(20);
    const pairs = await Promise.all(markets.map(placePair));
    pairs.forEach(expectMatchedOnce);
    for (const market of markets) expectConsistent(await loadMarket(db, market.code));
  }, 60_000);

  it('refuses orders for markets that do not exist sent together with good ones, and fills the good ones', async () => {
    const markets = await openMarkets(4);
    for (const market of markets) {
      const listed = await listing(api.http, sellers[1], {
        creditLotId: market.lotId,
        quantityMinor: 10_000,
        priceBps: 7000,
      });
      expect(listed.status).toBe(201);
    }
    const good = markets.map((market) =>
      order(api.http, buyers[1], { providerCode: market.code, quantityMinor: 10_000, maxPriceBps: 7200 }),
    );
    const unknown = [1, 2].map(() =>
      order(api.http, buyers[1], {
        providerCode: 'no-such-provider',
        quantityMinor: 10_000,
        maxPriceBps: 7200,
      }),
    );
    const wrongCurrency = order(api.http, buyers[1], {
      providerCode: (markets[0] as { code: string }).code,
      currency: 'JPY',
      quantityMinor: 10_000,
      maxPriceBps: 7200,
    });
    const [goodAnswers, unknownAnswers, currencyAnswer] = await Promise.all([
      Promise.all(good),
      Promise.all(unknown),
      wrongCurrency,
    ]);

    expect(goodAnswers.map((r) => [r.status, r.body.trades?.length])).toEqual(markets.map(() => [201, 1]));
    expect(unknownAnswers.map((r) => [r.status, r.body.code])).toEqual([
      [422, 'unknown_provider'],
      [422, 'unknown_provider'],
    ]);
    expect([currencyAnswer.status, currencyAnswer.body.code]).toEqual([422, 'currency_not_supported']);
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM buy_orders WHERE organization_id = $1 AND (provider_code = 'no-such-provider' OR currency = 'JPY')`,
      [buyers[1]?.organizationId],
    );
    expect(count).toBe(0);
    for (const market of markets) expectConsistent(await loadMarket(db, market.code));
  }, 60_000);

  it('keeps the other 19 markets matching while one market’s lock is held', async () => {
    const [blocked, ...free] = await openMarkets(20);
    const held = await holdMarketLock(db, blocked.code);
    try {
      let blockedDone = false;
      const blockedPair = placePair(blocked).finally(() => (blockedDone = true));

      const freePairs = await withDeadline(
        Promise.all(free.map(placePair)),
        20_000,
        'the 19 markets whose lock nobody holds',
      );
      freePairs.forEach(expectMatchedOnce);
      // Both requests of the held market are inside their transactions, waiting on exactly that lock.
      await pollUntil(
        () => held.waiters(),
        (n) => n === 2,
        10_000,
        'requests waiting on the held lock',
      );
      expect(blockedDone).toBe(false);

      await held.release();
      expectMatchedOnce(await withDeadline(blockedPair, 10_000, 'the market once its lock is released'));
      for (const market of [blocked, ...free]) expectConsistent(await loadMarket(db, market.code));
    } finally {
      await held.release();
    }
  }, 60_000);

  describe('a side that waited for the market lock is matched at the time it got the lock', () => {
    let clock: jest.SpiedFunction<Clock['now']>;
    beforeEach(() => {
      clock = jest.spyOn(api.app.get(Clock), 'now');
    });
    afterEach(() => clock.mockRestore());

    /** Sends a request that queues on the held lock, moves the clock to `later` while it waits, then lets it run. */
    async function whileWaiting(code: string, send: () => Promise<Response>, later: number) {
      const held = await holdMarketLock(db, code);
      try {
        // A supertest request starts only once something subscribes to it.
        const sent = Promise.resolve(send());
        await pollUntil(
          () => held.waiters(),
          (n) => n === 1,
          10_000,
          'the request waiting on the lock',
        );
        clock.mockReturnValue(new Date(later));
        await held.release();
        return await withDeadline(sent, 10_000, 'the request once the lock is released');
      } finally {
        await held.release();
      }
    }

    it('a buy order does not take a listing whose tradable window closed meanwhile', async () => {
      const code = await createTestProvider(db);
      const lotId = await marketLot(api, operator.auth, sellers[2], code, {
        ...LOT,
        faceValueMinor: 100_000,
      });
      const listed = await listing(api.http, sellers[2], {
        creditLotId: lotId,
        quantityMinor: 10_000,
        priceBps: 7000,
      });
      expect(listed.status).toBe(201);

      const placed = await whileWaiting(
        code,
        () => order(api.http, buyers[1], { providerCode: code, quantityMinor: 10_000, maxPriceBps: 7500 }),
        Date.parse(listed.body.listing.tradableUntil) + 60_000,
      );

      expect(placed.status).toBe(201);
      expect(placed.body.trades).toEqual([]);
      expect(placed.body.order).toMatchObject({ status: 'open', remainingMinor: 10_000 });
    }, 30_000);

    it('a listing does not fill a buy order whose goodTill passed meanwhile', async () => {
      const code = await createTestProvider(db);
      const lotId = await marketLot(api, operator.auth, sellers[2], code, {
        ...LOT,
        faceValueMinor: 100_000,
      });
      const goodTill = Date.now() + 86_400_000;
      const resting = await order(api.http, buyers[2], {
        providerCode: code,
        quantityMinor: 10_000,
        maxPriceBps: 7500,
        goodTill: new Date(goodTill).toISOString(),
      });
      expect(resting.body.order).toMatchObject({ status: 'open' });

      const listed = await whileWaiting(
        code,
        () => listing(api.http, sellers[2], { creditLotId: lotId, quantityMinor: 10_000, priceBps: 7000 }),
        goodTill + 60_000,
      );

      expect(listed.status).toBe(201);
      expect(listed.body.trades).toEqual([]);
      expect(listed.body.listing).toMatchObject({ status: 'active', remainingMinor: 10_000 });
    }, 30_000);
  });

  it('stays correct with two API instances matching the same market at once', async () => {
    const second = await startApi();
    try {
      const code = await createTestProvider(db);
      const lots = await Promise.all(
        sellers.map((s) => marketLot(api, operator.auth, s, code, { ...LOT, faceValueMinor: 2_000_000 })),
      );
      const instances = [api.http, second.http];
      const listings = Array.from(
        { length: 12 },
        (_, i) => () =>
          listing(instances[i % 2], sellers[i % 3], {
            creditLotId: lots[i % 3],
            quantityMinor: 20_000 + (i % 4) * 10_000,
            priceBps: 7000 + (i % 4) * 100,
          }),
      );
      const orders = buyers.slice(0, 40).map(
        (buyer, i) => () =>
          order(instances[(i + 1) % 2], buyer, {
            providerCode: code,
            quantityMinor: 10_000 + (i % 4) * 10_000,
            maxPriceBps: 6900 + (i % 6) * 100,
            timeInForce: i % 4 === 3 ? 'IOC' : 'GTC',
          }),
      );
      // Interleaved so listings and orders race each other on both instances.
      const requests = orders.flatMap((o, i) =>
        i % 3 === 0 && listings[i / 3] ? [listings[i / 3], o] : [o],
      );
      expect(requests).toHaveLength(52);

      const responses = await Promise.all(requests.map((send) => send()));

      expect(responses.map((r) => r.status)).toEqual(requests.map(() => 201));
      const rows = await loadMarket(db, code);
      expect(rows.trades.map((t) => t.id).sort()).toEqual(
        tradesOf(responses)
          .map((t) => t.id)
          .sort(),
      );
      expect(rows.trades.length).toBeGreaterThan(10);
      for (const l of rows.listings) expect(l.filledMinor + l.remainingMinor).toBe(l.quantityMinor);
      expectConsistent(rows);
      // Every minimum fill is 1 and every pair is eligible, so nothing that could trade may be left resting.
      expect(crossedPairs(rows, Date.now())).toEqual([]);
    } finally {
      await second.close();
    }
  }, 60_000);
});
