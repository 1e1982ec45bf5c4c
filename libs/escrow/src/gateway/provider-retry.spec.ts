import Stripe from 'stripe';
import { backoffDelayMs, withProviderRetries, type RetryPolicy } from './provider-retry';

const policy: RetryPolicy = { attempts: 4, initialDelayMs: 100, maxDelayMs: 300 };
const raw = { message: 'boom', type: 'api_error' } as const;
const rateLimited = () => new Stripe.errors.StripeRateLimitError({ ...raw, type: 'invalid_request_error' });
const declined = () =>
  new Stripe.errors.StripeCardError({ ...raw, type: 'card_error', code: 'card_declined' });
const invalid = () =>
  new Stripe.errors.StripeInvalidRequestError({
    ...raw,
    type: 'invalid_request_error',
    code: 'amount_too_large',
  });

function failingThen<T>(errors: Error[], value: T) {
  const call = jest.fn(async () => {
    const error = errors.shift();
    if (error) throw error;
    return value;
  });
  return call;
}

describe('withProviderRetries', () => {
  it('tries a rate-limited call again after a growing backoff and returns its answer', async () => {
    const sleeps: number[] = [];
    const call = failingThen([rateLimited(), rateLimited()], 'tr_1');
    const result = await withProviderRetries(call, policy, async (ms) => void sleeps.push(ms));
    expect(result).toBe('tr_1');
    expect(call).toHaveBeenCalledTimes(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThan(75 - 1);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeGreaterThan(150 - 1);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
  });

  it('gives up after the policy’s attempts with the last error', async () => {
    const call = failingThen(
      [rateLimited(), rateLimited(), rateLimited(), rateLimited(), rateLimited()],
      'x',
    );
    await expect(withProviderRetries(call, policy, async () => undefined)).rejects.toBeInstanceOf(
      Stripe.errors.StripeRateLimitError,
    );
    expect(call).toHaveBeenCalledTimes(4);
  });

  it.each([
    ['a decline', declined],
    ['a 400', invalid],
    ['a bug', () => new TypeError('x is undefined')],
  ])('never retries %s', async (_what, error) => {
    const call = failingThen([error()], 'x');
    const sleep = jest.fn(async () => undefined);
    await expect(withProviderRetries(call, policy, sleep)).rejects.toThrow();
    expect(call).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('doubles the delay up to the cap, less at most a quarter of jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(policy, n, () => 0))).toEqual([100, 200, 300, 300]);
    expect(backoffDelayMs(policy, 1, () => 1)).toBe(75);
  });
});
