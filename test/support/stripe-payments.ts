import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { startStripeEmulator, type StripeEmulator } from '../../apps/stripe-emulator/src';
import { createTestProvider } from '../factories/catalog.factory';
import { verifiedLot } from '../factories/credits.factory';
import { startApi, type TestApi } from './api-app';

type Auth = { Authorization: string };

export interface StripeTestbed {
  api: TestApi;
  emulator: StripeEmulator;
  /** A client on the emulator, for looking at what the API created there. */
  stripe: Stripe;
  close(): Promise<void>;
}

/**
 * The Stripe emulator on a free port and the API listening on loopback, so the emulator can deliver its
 * signed webhooks to POST /v1/webhooks/stripe.
 */
export async function startStripeTestbed(): Promise<StripeTestbed> {
  const emulator = await startStripeEmulator({
    port: 0,
    webhookRetry: { initialDelayMs: 50, maxDelayMs: 500, maxAttempts: 6, timeoutMs: 5_000 },
  });
  const api = await startApi({
    env: {
      STRIPE_SECRET_KEY: emulator.secretKey,
      STRIPE_API_URL: emulator.url,
      STRIPE_WEBHOOK_SECRET: emulator.webhookSecret,
    },
  });
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  await emulator.control.setWebhookEndpoint({ url: `http://127.0.0.1:${port}/v1/webhooks/stripe` });
  const stripe = new Stripe(emulator.secretKey, {
    host: emulator.host,
    port: emulator.port,
    protocol: 'http',
  });
  return {
    api,
    emulator,
    stripe,
    close: async () => {
      await emulator.control.setWebhookEndpoint(null);
      await api.close();
      await emulator.stop();
    },
  };
}

/** A trade of 100,000 minor units at 7200 bps (gross 72,000) between seller and buyer, on its own market. */
export async function matchedTrade(
  api: TestApi,
  parties: { operator: Auth; seller: Auth; buyer: Auth },
): Promise<{ id: string; grossMinor: number }> {
  const providerCode = await createTestProvider(api.app.get(DataSource));
  const creditLotId = await verifiedLot(api, parties.operator, parties.seller, { providerCode });
  await api.http
    .post('/v1/listings')
    .set(parties.seller)
    .send({ creditLotId, quantityMinor: 100_000, priceBps: 7200 })
    .expect(201);
  const placed = await api.http
    .post('/v1/orders')
    .set(parties.buyer)
    .send({ providerCode, currency: 'USD', quantityMinor: 100_000, maxPriceBps: 8000, timeInForce: 'FOK' })
    .expect(201);
  const trade = placed.body.trades[0] as { id: string; grossMinor: number; status: string };
  if (trade.status !== 'awaiting_payment') throw new Error(`trade is ${trade.status}`);
  return { id: trade.id, grossMinor: trade.grossMinor };
}

/** Polls until `check` returns a value other than undefined, or fails at the deadline. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
