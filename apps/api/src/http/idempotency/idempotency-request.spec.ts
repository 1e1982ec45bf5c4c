import { ValidationError } from '@carryover/shared';
import { idempotencyScope, readIdempotencyKey } from './idempotency-request';

describe('readIdempotencyKey', () => {
  it('accepts 1 to 255 printable characters', () => {
    expect(readIdempotencyKey('a', false)).toBe('a');
    expect(readIdempotencyKey('k'.repeat(255), true)).toBe('k'.repeat(255));
    expect(readIdempotencyKey('order 2026-01-01 #7', false)).toBe('order 2026-01-01 #7');
  });

  it('returns undefined for a missing optional key and rejects a missing required one', () => {
    expect(readIdempotencyKey(undefined, false)).toBeUndefined();
    expect(() => readIdempotencyKey(undefined, true)).toThrow(ValidationError);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a control character', 'abc\tdef'],
    ['non-ASCII', 'clé'],
  ])('rejects a key that is %s, naming the header', (_name, key) => {
    expect.assertions(2);
    try {
      readIdempotencyKey(key, false);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors).toEqual([
        { field: 'Idempotency-Key', message: expect.any(String) },
      ]);
    }
  });
});

describe('idempotencyScope', () => {
  it('scopes by organisation first, then by user, else anonymous', () => {
    expect(idempotencyScope({ organizationId: 'o1', userId: 'u1' })).toBe('org:o1');
    expect(idempotencyScope({ organizationId: null, userId: 'u1' })).toBe('user:u1');
    expect(idempotencyScope(undefined)).toBe('anonymous');
    expect(idempotencyScope({})).toBe('anonymous');
  });
});
