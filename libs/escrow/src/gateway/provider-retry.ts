import Stripe from 'stripe';

/** How often, and how patiently, a Stripe call the SDK gave back as rate limited is tried again. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * The SDK already retries network errors, 409s, 5xx and 429s marked `Stripe-Should-Retry: true` (with its
 * own backoff and the same idempotency key); a plain 429 ("too many requests") it hands back at once. This
 * policy covers that case: 5 tries, 250 ms doubling to at most 4 s, so about 7.5 s at worst.
 */
export const PROVIDER_RETRY_POLICY: RetryPolicy = { attempts: 5, initialDelayMs: 250, maxDelayMs: 4_000 };

export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rate limited: the request was not processed and may be sent again as it was. */
export function isRetryableProviderError(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeRateLimitError;
}

/** The delay before try `attempt + 1` (attempt counts from 1): doubling, capped, with up to 25% jitter off. */
export function backoffDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential * (1 - 0.25 * random()));
}

/**
 * Runs `call`, again after a backoff while it fails in a retryable way, at most `policy.attempts` times.
 * The call must carry its idempotency key, so a retry can never do the work twice. Any other error (a
 * decline, a 4xx) is thrown at once.
 */
export async function withProviderRetries<T>(
  call: () => Promise<T>,
  policy: RetryPolicy = PROVIDER_RETRY_POLICY,
  sleep: Sleep = realSleep,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryableProviderError(error)) throw error;
      await sleep(backoffDelayMs(policy, attempt));
    }
  }
}
