import { StripeApiError } from './errors';
import { IdempotencyStore } from './idempotency';

describe('IdempotencyStore', () => {
  const stored = { status: 200, body: '{"id":"pi_1"}', headers: {} };

  it('replays the stored answer for the same endpoint and parameters, in any order', () => {
    const store = new IdempotencyStore();
    store.begin('k1', 'POST', '/v1/refunds', { amount: '100', payment_intent: 'pi_1' });
    store.complete('k1', stored);

    expect(store.begin('k1', 'POST', '/v1/refunds', { payment_intent: 'pi_1', amount: '100' })).toEqual({
      kind: 'replay',
      response: stored,
    });
  });

  it('refuses the key with other parameters or another endpoint', () => {
    const store = new IdempotencyStore();
    store.begin('k1', 'POST', '/v1/refunds', { amount: '100' });
    store.complete('k1', stored);

    expect(errorOf(() => store.begin('k1', 'POST', '/v1/refunds', { amount: '101' }))).toMatchObject({
      status: 400,
      body: { type: 'idempotency_error' },
    });
    expect(errorOf(() => store.begin('k1', 'POST', '/v1/transfers', { amount: '100' }))).toMatchObject({
      status: 400,
      body: { type: 'idempotency_error' },
    });
  });

  it('answers 409 while the first request runs, and frees an abandoned key', () => {
    const store = new IdempotencyStore();
    store.begin('k1', 'POST', '/v1/refunds', {});

    expect(errorOf(() => store.begin('k1', 'POST', '/v1/refunds', {}))).toMatchObject({ status: 409 });
    store.abandon('k1');
    expect(store.begin('k1', 'POST', '/v1/refunds', {})).toEqual({ kind: 'proceed' });
  });
});

function errorOf(run: () => unknown): StripeApiError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof StripeApiError) return error;
    throw error;
  }
  return undefined;
}
