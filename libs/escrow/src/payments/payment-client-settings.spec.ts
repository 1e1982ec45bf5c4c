import { paymentClientSettings } from './payment-client-settings';

describe('paymentClientSettings', () => {
  it('offers the emulator’s test cards when payments go to an emulator', () => {
    const settings = paymentClientSettings(
      { secretKey: 'sk_test_emulator', apiUrl: 'http://127.0.0.1:12111', webhookSecret: 'whsec_x' },
      'pk_test_ignored',
    );
    expect(settings.mode).toBe('emulator');
    expect(settings.publishableKey).toBeNull();
    expect(settings.testPaymentMethods.map((m) => m.id)).toEqual(['pm_card_visa', 'pm_card_chargeDeclined']);
  });

  it('hands out the publishable key, and no test cards, with Stripe itself', () => {
    expect(
      paymentClientSettings(
        { secretKey: 'sk_test_1', apiUrl: undefined, webhookSecret: undefined },
        'pk_test_1',
      ),
    ).toEqual({
      mode: 'stripe',
      publishableKey: 'pk_test_1',
      testPaymentMethods: [],
    });
  });

  it('says payments are unavailable without a secret key', () => {
    expect(
      paymentClientSettings({ secretKey: undefined, apiUrl: undefined, webhookSecret: undefined }, undefined)
        .mode,
    ).toBe('unavailable');
  });
});
