import Stripe from 'stripe';
import type { RetryPolicy } from './provider-retry';

/** How the API reaches Stripe: the real service, or an emulator (or stripe-mock) at `apiUrl`. */
export interface StripeSettings {
  secretKey: string | undefined;
  apiUrl: string | undefined;
  webhookSecret: string | undefined;
  /** How plain 429s are retried; PROVIDER_RETRY_POLICY when unset. */
  retryPolicy?: RetryPolicy;
}

/**
 * The SDK retries network errors, 409s, 5xx and 429s marked Stripe-Should-Retry, with the same idempotency
 * key; never a decline or another 4xx. A plain 429 it does not retry: see provider-retry.ts.
 */
export const STRIPE_MAX_NETWORK_RETRIES = 3;

export const STRIPE_SETTINGS = Symbol('carryover:stripe-settings');

/** A client on the real SDK, pointed at `apiUrl` when one is set. */
export function createStripeClient(settings: StripeSettings): Stripe | null {
  if (!settings.secretKey) return null;
  const config: Stripe.StripeConfig = { maxNetworkRetries: STRIPE_MAX_NETWORK_RETRIES };
  if (settings.apiUrl) {
    const url = new URL(settings.apiUrl);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    config.host = url.hostname;
    config.port = url.port ? Number(url.port) : protocol === 'http' ? 80 : 443;
    config.protocol = protocol;
  }
  return new Stripe(settings.secretKey, config);
}
