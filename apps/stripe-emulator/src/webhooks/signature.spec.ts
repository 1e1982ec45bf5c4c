import Stripe from 'stripe';
import { signatureHeader } from './signature';

describe('signatureHeader', () => {
  const secret = 'whsec_test_secret';
  const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' }, null, 2);

  it('has Stripe’s t=<unix>,v1=<hex HMAC-SHA256> form', () => {
    expect(signatureHeader(payload, secret, 1_700_000_000)).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
  });

  it('is the header the Stripe SDK generates for the same payload, secret and time', () => {
    const timestamp = 1_700_000_000;
    const sdkHeader = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

    expect(signatureHeader(payload, secret, timestamp)).toBe(sdkHeader);
  });

  it('is verified by stripe.webhooks.constructEvent', () => {
    const event = Stripe.webhooks.constructEvent(payload, signatureHeader(payload, secret), secret);

    expect(event.id).toBe('evt_1');
  });

  it('fails verification for a changed payload or another secret', () => {
    const header = signatureHeader(payload, secret);

    expect(() => Stripe.webhooks.constructEvent(`${payload} `, header, secret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => Stripe.webhooks.constructEvent(payload, header, 'whsec_other')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it('fails verification once outside the tolerance window', () => {
    const header = signatureHeader(payload, secret, Math.floor(Date.now() / 1000) - 600);

    expect(() => Stripe.webhooks.constructEvent(payload, header, secret, 300)).toThrow(/tolerance/);
  });
});
