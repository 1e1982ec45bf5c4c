import { DataSource } from 'typeorm';
import { OrderBook, type Fill } from '@carryover/matching';
import { createTestProvider } from '../factories/catalog.factory';
import { signInOperator, type RegisteredFirm } from '../factories/identity.factory';
import { startApi, type TestApi } from '../support/api-app';
import { conservationViolations, isResting, loadMarket, tradesByPair } from '../support/market-ledger';
import { marketLot, verifiedFirms, type LotTerms } from '../support/market-participants';
import { marketStream, type CancelOp, type ListingOp, type OrderOp } from '../support/market-stream';

// Reproduce or explore with e.g. MARKET_DIFF_SEEDS=12345,678 MARKET_DIFF_OPS=200.
const SEEDS = (process.env.MARKET_DIFF_SEEDS ?? '20251101,31337,4242').split(',').map(Number);
const OPS = Number(process.env.MARKET_DIFF_OPS ?? 60);

// Firms 0-2 sell; firms 0 and 2 also buy, so self-trade prevention meets every stream.
const SELLERS = [0, 1, 2];
const BUYERS = [2, 3, 4, 0];
const LOTS: readonly LotTerms[] = [
  { days: 100.5, transferMethods: ['account_transfer'], faceValueMinor: 100_000_000 },
  { days: 200.5, transferMethods: ['invoice_reassignment', 'account_transfer'], faceValueMinor: 100_000_000 },
  { days: 300.5, transferMethods: ['structured_resale'], faceValueMinor: 100_000_000 },
];

type Auth = { Authorization: string };
interface FillView {
  listingId: string;
  orderId: string;
  quantityMinor: number;
  priceBps: number;
}
interface Placed {
  id: string;
  owner: RegisteredFirm;
}

const fromBook = (fills: readonly Fill[]): FillView[] =>
  fills.map((f) => ({
    listingId: f.listingId,
    orderId: f.orderId,
    quantityMinor: Number(f.quantityMinor),
    priceBps: f.priceBps,
  }));
const fromApi = (trades: FillView[]): FillView[] =>
  trades.map((t) => ({
    listingId: t.listingId,
    orderId: t.orderId,
    quantityMinor: t.quantityMinor,
    priceBps: t.priceBps,
  }));

/** toEqual, with the seed and the operation in front of the diff so a failure can be replayed. */
function expectSame<T>(where: string, actual: T, expected: T): void {
  try {
    expect(actual).toEqual(expected);
  } catch (error) {
    if (error instanceof Error) error.message = `${where}\n\n${error.message}`;
    throw error;
  }
}

describe('market differential: HTTP + database against the in-memory OrderBook', () => {
  let api: TestApi;
  let operator: { auth: Auth };
  let firms: RegisteredFirm[];

  beforeAll(async () => {
    api = await startApi();
    operator = await signInOperator(api);
    firms = await verifiedFirms(api, operator.auth, 5);
  });
  afterAll(() => api.close());

  it.each(SEEDS)(
    'seed %i: every operation gives the same fills, in the same order, and leaves the same book',
    async (seed) => {
      const db = api.app.get(DataSource);
      const providerCode = await createTestProvider(db);
      const lots = await Promise.all(
        SELLERS.map((s) =>
          Promise.all(LOTS.map((terms) => marketLot(api, operator.auth, firms[s], providerCode, terms))),
        ),
      );
      const book = new OrderBook();
      const placed: Record<'listing' | 'order', Placed[]> = { listing: [], order: [] };
      const allFills: FillView[] = [];
      const ops = marketStream(seed, OPS, {
        sellers: SELLERS.length,
        lotsPerSeller: LOTS.length,
        buyers: BUYERS.length,
      });

      const listing = async (op: ListingOp, where: string): Promise<void> => {
        const seller = firms[SELLERS[op.seller]];
        const nowMs = Date.now();
        const response = await api.http
          .post('/v1/listings')
          .set(seller.auth)
          .send({
            creditLotId: lots[op.seller][op.lot],
            quantityMinor: op.quantityMinor,
            ...(typeof op.price === 'number' ? { priceBps: op.price } : { priceSchedule: op.price }),
            minFillMinor: op.minFillMinor,
          })
          .expect(201);
        const row = response.body.listing;
        placed.listing.push({ id: row.id, owner: seller });
        const result = book.addListing(
          {
            id: row.id,
            sellerOrgId: seller.organizationId,
            quantityMinor: BigInt(op.quantityMinor),
            minFillMinor: BigInt(op.minFillMinor ?? 1),
            price: op.price,
            expiresAtMs: Date.parse(row.expiresAt),
            tradableUntilMs: Date.parse(row.tradableUntil),
            transferMethods: LOTS[op.lot].transferMethods,
          },
          { nowMs },
        );
        const left = Number(result.remainingMinor);
        expectSame(
          where,
          { fills: fromApi(response.body.trades), remainingMinor: row.remainingMinor, status: row.status },
          {
            fills: fromBook(result.fills),
            remainingMinor: left,
            status: left === 0 ? 'filled' : left === op.quantityMinor ? 'active' : 'partially_filled',
          },
        );
        allFills.push(...fromBook(result.fills));
      };

      const order = async (op: OrderOp, where: string): Promise<void> => {
        const buyer = firms[BUYERS[op.buyer]];
        const nowMs = Date.now();
        const goodTill = op.goodTillDays ? new Date(nowMs + op.goodTillDays * 86_400_000) : undefined;
        const response = await api.http
          .post('/v1/orders')
          .set(buyer.auth)
          .send({
            providerCode,
            currency: 'USD',
            quantityMinor: op.quantityMinor,
            maxPriceBps: op.maxPriceBps,
            minDaysToExpiry: op.minDaysToExpiry,
            transferMethods: op.transferMethods,
            minFillMinor: op.minFillMinor,
            timeInForce: op.timeInForce,
            goodTill: goodTill?.toISOString(),
          })
          .expect(201);
        const row = response.body.order;
        placed.order.push({ id: row.id, owner: buyer });
        const result = book.addOrder(
          {
            id: row.id,
            buyerOrgId: buyer.organizationId,
            maxPriceBps: op.maxPriceBps,
            quantityMinor: BigInt(op.quantityMinor),
            minDaysToExpiry: op.minDaysToExpiry,
            transferMethods: op.transferMethods,
            minFillMinor: BigInt(op.minFillMinor ?? 1),
            timeInForce: op.timeInForce,
            goodTillMs: goodTill?.getTime(),
          },
          { nowMs },
        );
        const unfilled = Number(result.remainingMinor);
        const status = result.rests
          ? unfilled === op.quantityMinor
            ? 'open'
            : 'partially_filled'
          : unfilled === 0
            ? 'filled'
            : 'cancelled';
        expectSame(
          where,
          {
            fills: fromApi(response.body.trades),
            filledMinor: row.filledMinor,
            remainingMinor: row.remainingMinor,
            status: row.status,
          },
          {
            fills: fromBook(result.fills),
            filledMinor: op.quantityMinor - unfilled,
            remainingMinor: result.rests ? unfilled : 0,
            status,
          },
        );
        allFills.push(...fromBook(result.fills));
      };

      const cancel = async (op: CancelOp, where: string): Promise<void> => {
        const candidates = placed[op.side];
        if (candidates.length === 0) return;
        const target = candidates[op.pick % candidates.length];
        const open = op.side === 'listing' ? book.listing(target.id) : book.order(target.id);
        const response = await api.http
          .delete(`/v1/${op.side === 'listing' ? 'listings' : 'orders'}/${target.id}`)
          .set(target.owner.auth);
        const removed = op.side === 'listing' ? book.cancelListing(target.id) : book.cancelOrder(target.id);
        expectSame(
          where,
          { status: response.status, cancelledMinor: response.body.cancelledMinor ?? null },
          { status: removed ? 200 : 409, cancelledMinor: open ? Number(open.quantityMinor) : null },
        );
      };

      for (const [index, op] of ops.entries()) {
        const where = `seed ${seed}, operation #${index}: ${JSON.stringify(op)}`;
        if (op.kind === 'listing') await listing(op, where);
        else if (op.kind === 'order') await order(op, where);
        else await cancel(op, where);
      }

      const rows = await loadMarket(db, providerCode);
      const where = `seed ${seed}, after ${OPS} operations`;
      expectSame(
        `${where}: resting listings and orders in priority order`,
        {
          listings: rows.listings
            .filter(isResting.listing)
            .sort((a, b) => a.effectivePriceBps - b.effectivePriceBps || Number(a.bookSeq - b.bookSeq))
            .map((l) => [l.id, l.remainingMinor]),
          orders: rows.orders
            .filter(isResting.order)
            .sort((a, b) => b.maxPriceBps - a.maxPriceBps || Number(a.bookSeq - b.bookSeq))
            .map((o) => [o.id, o.remainingMinor]),
        },
        {
          listings: book.restingListings().map((l) => [l.id, l.quantityMinor]),
          orders: book.restingOrders().map((o) => [o.id, o.quantityMinor]),
        },
      );
      expectSame(
        `${where}: stored trades`,
        tradesByPair(rows.trades),
        tradesByPair(allFills.map((f) => ({ ...f, quantityMinor: BigInt(f.quantityMinor) }))),
      );
      expectSame(`${where}: lots, listings and orders add up`, conservationViolations(rows), []);
      // The streams must reach what they are for, or a quiet generator change would hollow the test out.
      expect(allFills.length).toBeGreaterThan(5);
    },
    60_000,
  );
});
