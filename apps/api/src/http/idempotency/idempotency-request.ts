import { ValidationError } from '@carryover/shared';
import { IDEMPOTENCY_KEY_HEADER } from './idempotent-options';

// Visible ASCII and the space: a key is an opaque token the client chose, usually a UUID.
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/** The validated key, or undefined when the header is absent and not required. */
export function readIdempotencyKey(
  header: string | string[] | undefined,
  required: boolean,
): string | undefined {
  if (header === undefined) {
    if (!required) return undefined;
    throw new ValidationError([
      { field: IDEMPOTENCY_KEY_HEADER, message: 'Idempotency-Key header is required' },
    ]);
  }
  const key = Array.isArray(header) ? header.join(', ') : header;
  if (!KEY_PATTERN.test(key)) {
    throw new ValidationError([
      {
        field: IDEMPOTENCY_KEY_HEADER,
        message: 'Idempotency-Key must be 1 to 255 printable ASCII characters',
      },
    ]);
  }
  return key;
}

/** Keys are per organisation (an API key and its users share them), else per user, else anonymous. */
export function idempotencyScope(user: unknown): string {
  if (typeof user === 'object' && user !== null) {
    const { organizationId, userId } = user as { organizationId?: unknown; userId?: unknown };
    if (typeof organizationId === 'string' && organizationId !== '') return `org:${organizationId}`;
    if (typeof userId === 'string' && userId !== '') return `user:${userId}`;
  }
  return 'anonymous';
}
