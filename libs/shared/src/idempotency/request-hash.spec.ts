import { computeRequestHash } from './request-hash';

describe('computeRequestHash', () => {
  it('is a 64-character lowercase hex sha256', () => {
    expect(computeRequestHash('POST', '/v1/orders', { a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the order of keys, at any depth', () => {
    const first = computeRequestHash('POST', '/v1/orders', {
      quantityMinor: 100,
      limits: { maxPriceBps: 7200, minDaysToExpiry: 30 },
      transferMethods: ['account_transfer'],
    });
    const second = computeRequestHash('POST', '/v1/orders', {
      transferMethods: ['account_transfer'],
      limits: { minDaysToExpiry: 30, maxPriceBps: 7200 },
      quantityMinor: 100,
    });
    expect(first).toBe(second);
  });

  it('changes with the body, including array order and value types', () => {
    const base = computeRequestHash('POST', '/v1/orders', { quantityMinor: 100, methods: ['a', 'b'] });
    expect(computeRequestHash('POST', '/v1/orders', { quantityMinor: 101, methods: ['a', 'b'] })).not.toBe(
      base,
    );
    expect(computeRequestHash('POST', '/v1/orders', { quantityMinor: '100', methods: ['a', 'b'] })).not.toBe(
      base,
    );
    expect(computeRequestHash('POST', '/v1/orders', { quantityMinor: 100, methods: ['b', 'a'] })).not.toBe(
      base,
    );
  });

  it('changes with the method and the path', () => {
    const base = computeRequestHash('POST', '/v1/orders', {});
    expect(computeRequestHash('PUT', '/v1/orders', {})).not.toBe(base);
    expect(computeRequestHash('POST', '/v1/listings', {})).not.toBe(base);
  });

  it('treats a missing body as null and ignores the case of the method', () => {
    expect(computeRequestHash('post', '/v1/x', undefined)).toBe(computeRequestHash('POST', '/v1/x', null));
  });
});
