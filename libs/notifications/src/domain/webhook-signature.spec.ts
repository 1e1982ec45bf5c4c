import { createHmac } from 'node:crypto';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret';
  const body = '{"id":"evt","type":"trade.funded","createdAt":"2026-11-23T10:00:00.000Z","data":{}}';
  const t = 1_795_000_000;

  it('signs HMAC-SHA256 of "t.body" with the secret, as hex', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhookBody(secret, t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies its own signature within the tolerance, also from a Buffer', () => {
    const header = signWebhookBody(secret, t, body);
    expect(verifyWebhookSignature({ body, header, secret, now: t + 299 })).toBe(true);
    expect(verifyWebhookSignature({ body: Buffer.from(body), header, secret, now: t - 10 })).toBe(true);
  });

  it('refuses a changed body, another secret, an old timestamp and a malformed header', () => {
    const header = signWebhookBody(secret, t, body);
    expect(verifyWebhookSignature({ body: body.replace('funded', 'settled'), header, secret, now: t })).toBe(
      false,
    );
    expect(verifyWebhookSignature({ body, header, secret: 'whsec_other', now: t })).toBe(false);
    expect(verifyWebhookSignature({ body, header, secret, now: t + 301 })).toBe(false);
    expect(verifyWebhookSignature({ body, header, secret, now: t + 3600, toleranceSeconds: 7200 })).toBe(
      true,
    );
    expect(verifyWebhookSignature({ body, header: undefined, secret, now: t })).toBe(false);
    expect(verifyWebhookSignature({ body, header: `t=${t}`, secret, now: t })).toBe(false);
    expect(verifyWebhookSignature({ body, header: `t=${t},v1=zz`, secret, now: t })).toBe(false);
  });

  it('accepts any one of several v1 signatures (a receiver mid-rotation)', () => {
    const good = signWebhookBody(secret, t, body).split(',')[1];
    const header = `t=${t},v1=${'0'.repeat(64)},${good}`;
    expect(verifyWebhookSignature({ body, header, secret, now: t })).toBe(true);
  });
});
