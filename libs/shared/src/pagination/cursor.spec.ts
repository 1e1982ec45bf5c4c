import { ValidationError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, toPage } from './cursor';

describe('cursor pagination', () => {
  const at = new Date('2026-01-02T03:04:05.678Z');

  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor({ at, id: 'abc' }))).toEqual({ at, id: 'abc' });
  });

  it.each([
    '',
    'not-base64!',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('["x","y"]').toString('base64url'),
  ])('rejects the foreign cursor %p as a validation error on "cursor"', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(ValidationError);
  });

  it('gives a next cursor only when more rows exist', () => {
    const rows = [1, 2, 3].map((n) => ({ id: String(n), at }));
    expect(toPage(rows, 3, (r) => r).nextCursor).toBeNull();
    const page = toPage(rows, 2, (r) => r);
    expect(page.data.map((r) => r.id)).toEqual(['1', '2']);
    expect(decodeCursor(page.nextCursor as string).id).toBe('2');
  });
});
