import { startApi, type TestApi } from '../support/api-app';

/** GET /v1/client-config: public, and exactly what the portal needs to offer a way to pay. */
describe('client configuration', () => {
  const apis: TestApi[] = [];
  // The config module copies what it validated into process.env; each API here gets only its own settings.
  const start = async (env: Record<string, unknown>) => {
    const before = { ...process.env };
    try {
      const api = await startApi({ env });
      apis.push(api);
      return api;
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in before)) delete process.env[name];
      Object.assign(process.env, before);
    }
  };
  afterAll(() => Promise.all(apis.map((api) => api.close())));

  it('answers without credentials with the fee and the emulator’s test cards when payments are emulated', async () => {
    const api = await start({
      PLATFORM_FEE_BPS: 250,
      STRIPE_SECRET_KEY: 'sk_test_emulated',
      STRIPE_API_URL: 'http://127.0.0.1:9',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_not_for_the_emulator',
    });

    const response = await api.http.get('/v1/client-config').expect(200);

    expect(response.body).toEqual({
      platformFeeBps: 250,
      payments: {
        mode: 'emulator',
        publishableKey: null,
        testPaymentMethods: [
          { id: 'pm_card_visa', label: expect.stringContaining('succeeds') },
          { id: 'pm_card_chargeDeclined', label: expect.stringContaining('declined') },
        ],
      },
    });
    const doc = await api.http.get('/docs-json').expect(200);
    expect(doc.body.paths['/v1/client-config'].get).toBeDefined();
  });

  it('hands out the publishable key for Stripe Elements with Stripe itself, and never the secret key', async () => {
    const api = await start({
      STRIPE_SECRET_KEY: 'sk_test_real51abc',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_real51abc',
    });

    const response = await api.http.get('/v1/client-config').expect(200);

    expect(response.body.platformFeeBps).toBe(500);
    expect(response.body.payments).toEqual({
      mode: 'stripe',
      publishableKey: 'pk_test_real51abc',
      testPaymentMethods: [],
    });
    expect(JSON.stringify(response.body)).not.toContain('sk_test');
  });

  it('says payments are unavailable without Stripe keys', async () => {
    const api = await start({ STRIPE_SECRET_KEY: undefined, STRIPE_API_URL: undefined });

    const response = await api.http.get('/v1/client-config').expect(200);

    expect(response.body.payments).toEqual({
      mode: 'unavailable',
      publishableKey: null,
      testPaymentMethods: [],
    });
  });

  it('refuses to start with a publishable key that is not one', async () => {
    await expect(start({ STRIPE_PUBLISHABLE_KEY: 'sk_test_wrong_kind' })).rejects.toThrow(
      /STRIPE_PUBLISHABLE_KEY must be a Stripe publishable key/,
    );
  });
});
