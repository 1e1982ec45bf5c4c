import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { startStripeEmulator, type StripeEmulator } from '../../apps/stripe-emulator/src';
import { createTestProvider, type TestPolicy } from '../factories/catalog.factory';
import { verifiedLot, verifyKyc } from '../factories/credits.factory';
import { addMember, registerFirm, signInOperator, type RegisteredFirm } from '../factories/identity.factory';
import { startApi, type TestApi } from './api-app';
import { createIsolatedDatabase, type IsolatedDatabase } from './isolated-database';
import { startSettlementWorker, type SettlementWorker } from './settlement-worker';
import { eventually } from './stripe-payments';

export type Auth = { Authorization: string };

export interface SettlementTestbed {
  api: TestApi;
  emulator: StripeEmulator;
  stripe: Stripe;
  database: IsolatedDatabase;
  /** The API's env for a worker of this testbed (spawned ones included). */
  env: Record<string, string>;
  worker: SettlementWorker | null;
  startWorker(): Promise<SettlementWorker>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A database and Redis key prefix of the suite's own, the Stripe emulator, the API listening on loopback
 * (so the emulator delivers its webhooks) and, unless `worker: false`, the worker in this process.
 */
export async function startSettlementTestbed(
  label: string,
  options: { worker?: boolean; workerEnv?: Record<string, string>; apiEnv?: Record<string, string> } = {},
): Promise<SettlementTestbed> {
  const database = await createIsolatedDatabase(label);
  const emulator = await startStripeEmulator({
    port: 0,
    webhookRetry: { initialDelayMs: 50, maxDelayMs: 500, maxAttempts: 6, timeoutMs: 5_000 },
  });
  const env = {
    DATABASE_URL: database.url,
    REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX ?? 'carryover-test'}-${label}`,
    STRIPE_SECRET_KEY: emulator.secretKey,
    STRIPE_API_URL: emulator.url,
    STRIPE_WEBHOOK_SECRET: emulator.webhookSecret,
    ...options.apiEnv,
  };
  const api = await startApi({ env });
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  await emulator.control.setWebhookEndpoint({ url: `http://127.0.0.1:${port}/v1/webhooks/stripe` });
  const stripe = new Stripe(emulator.secretKey, {
    host: emulator.host,
    port: emulator.port,
    protocol: 'http',
  });
  const bed: SettlementTestbed = {
    api,
    emulator,
    stripe,
    database,
    env,
    worker: null,
    async startWorker() {
      bed.worker ??= await startSettlementWorker({ api, env: options.workerEnv });
      return bed.worker;
    },
    async stopWorker() {
      await bed.worker?.close();
      bed.worker = null;
    },
    async close() {
      await bed.stopWorker();
      await emulator.control.setWebhookEndpoint(null);
      await api.close();
      await emulator.stop();
      await database.drop();
    },
  };
  if (options.worker !== false) await bed.startWorker();
  return bed;
}

export interface Cast {
  operator: { id: string; auth: Auth };
  seller: RegisteredFirm;
  buyer: RegisteredFirm;
  sellerTrader: Auth;
  buyerTrader: Auth;
  buyerViewer: Auth;
}

/** An operator, a KYC-verified seller whose payouts are enabled, and a KYC-verified buyer, with traders. */
export async function settlementCast(
  bed: SettlementTestbed,
  options: { payouts?: boolean } = {},
): Promise<Cast> {
  const { http } = bed.api;
  const operator = await signInOperator(bed.api);
  const seller = await registerFirm(http);
  const buyer = await registerFirm(http);
  await verifyKyc(bed.api, operator.auth, seller.organizationId);
  await verifyKyc(bed.api, operator.auth, buyer.organizationId);
  if (options.payouts !== false) await enablePayouts(bed, seller.auth);
  return {
    operator,
    seller,
    buyer,
    sellerTrader: (await addMember(http, seller, 'trader')).auth,
    buyerTrader: (await addMember(http, buyer, 'trader')).auth,
    buyerViewer: (await addMember(http, buyer, 'viewer')).auth,
  };
}

/** Onboards the organisation to Stripe Connect through the emulator's account link. */
export async function enablePayouts(bed: SettlementTestbed, orgAdmin: Auth): Promise<void> {
  const started = await bed.api.http
    .post('/v1/organizations/me/payouts/onboarding')
    .set(orgAdmin)
    .expect(200);
  const visit = await fetch(started.body.url as string, { redirect: 'manual' });
  if (visit.status !== 302) throw new Error(`onboarding link answered ${visit.status}`);
  await eventually(async () => {
    const status = await bed.api.http.get('/v1/organizations/me/payouts').set(orgAdmin).expect(200);
    return status.body.status === 'enabled' ? true : undefined;
  }, 'payouts enabled');
}

export interface MatchedTrade {
  id: string;
  orderId: string;
  listingId: string;
  creditLotId: string;
  providerCode: string;
  quantityMinor: number;
  grossMinor: number;
  feeMinor: number;
  sellerProceedsMinor: number;
}

/** A listing of 100,000 minor units at 7200 bps and a FOK order taking `quantityMinor` of it, on a market of its own. */
export async function matchedTrade(
  bed: SettlementTestbed,
  cast: Cast,
  options: { policy?: TestPolicy; quantityMinor?: number } = {},
): Promise<MatchedTrade> {
  const { http } = bed.api;
  const providerCode = await createTestProvider(bed.api.app.get(DataSource), options.policy);
  const creditLotId = await verifiedLot(bed.api, cast.operator.auth, cast.sellerTrader, { providerCode });
  const listing = await http
    .post('/v1/listings')
    .set(cast.sellerTrader)
    .send({ creditLotId, quantityMinor: 100_000, priceBps: 7200 })
    .expect(201);
  const placed = await http
    .post('/v1/orders')
    .set(cast.buyerTrader)
    .set('Idempotency-Key', randomUUID())
    .send({
      providerCode,
      currency: 'USD',
      quantityMinor: options.quantityMinor ?? 100_000,
      maxPriceBps: 8000,
      timeInForce: 'FOK',
    })
    .expect(201);
  const trade = placed.body.trades[0];
  if (trade?.status !== 'awaiting_payment')
    throw new Error(`no trade awaiting payment: ${JSON.stringify(placed.body)}`);
  return {
    id: trade.id,
    orderId: trade.orderId,
    listingId: listing.body.listing.id,
    creditLotId,
    providerCode,
    quantityMinor: trade.quantityMinor,
    grossMinor: trade.grossMinor,
    feeMinor: trade.feeMinor,
    sellerProceedsMinor: trade.sellerProceedsMinor,
  };
}

/** GET /v1/trades/:id as `auth`. */
export async function tradeOf(bed: SettlementTestbed, auth: Auth, tradeId: string) {
  return (await bed.api.http.get(`/v1/trades/${tradeId}`).set(auth).expect(200)).body;
}

/** Polls GET /v1/trades/:id until the trade is in `status` (the worker moves it), or fails at the deadline. */
export function untilStatus(
  bed: SettlementTestbed,
  auth: Auth,
  tradeId: string,
  status: string,
  timeoutMs = 20_000,
) {
  return eventually(
    async () => {
      const trade = await tradeOf(bed, auth, tradeId);
      return trade.status === status ? trade : undefined;
    },
    `trade ${tradeId} ${status}`,
    timeoutMs,
  );
}

/** Pays the trade with pm_card_visa and waits until the worker has asked the seller to transfer. */
export async function payTrade(bed: SettlementTestbed, cast: Cast, tradeId: string): Promise<void> {
  await bed.api.http
    .post(`/v1/trades/${tradeId}/payment`)
    .set(cast.buyerTrader)
    .set('Idempotency-Key', randomUUID())
    .send({ paymentMethodId: 'pm_card_visa' })
    .expect(200);
}

/** Stripe transfers at the emulator for the trade (transfer_group = trade id). */
export async function transfersOf(bed: SettlementTestbed, tradeId: string): Promise<Stripe.Transfer[]> {
  return (await bed.stripe.transfers.list({ transfer_group: tradeId, limit: 100 })).data;
}

export async function refundsOf(bed: SettlementTestbed, tradeId: string): Promise<Stripe.Refund[]> {
  const intents = (await bed.stripe.paymentIntents.list({ limit: 100 })).data.filter(
    (pi) => pi.metadata['tradeId'] === tradeId,
  );
  const refunds = await Promise.all(
    intents.map(async (pi) => (await bed.stripe.refunds.list({ payment_intent: pi.id, limit: 100 })).data),
  );
  return refunds.flat();
}

/** The trade's journals by step, and whether the whole ledger balances. */
export async function ledgerOf(bed: SettlementTestbed, tradeId: string) {
  const rows = (await bed.api.app.get(DataSource).query(
    `SELECT j.step, sum(e.amount_minor) FILTER (WHERE e.amount_minor > 0)::text AS amount,
            sum(e.amount_minor)::text AS net
       FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id
      WHERE j.trade_id = $1 GROUP BY j.id, j.step ORDER BY min(j.posted_at), j.step`,
    [tradeId],
  )) as Array<{ step: string; amount: string; net: string }>;
  return rows.map((row) => ({ step: row.step, amountMinor: Number(row.amount), net: Number(row.net) }));
}
