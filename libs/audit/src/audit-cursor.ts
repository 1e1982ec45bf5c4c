import { ValidationError } from '@carryover/shared';

// The chain's order is seq, not time (clocks of several API instances may disagree), so pages key on seq.
const CURSOR_PATTERN = /^seq:(\d{1,19})$/;

export function encodeAuditCursor(seq: bigint): string {
  return Buffer.from(`seq:${seq.toString()}`, 'utf8').toString('base64url');
}

export function decodeAuditCursor(cursor: string): bigint {
  const match = CURSOR_PATTERN.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match?.[1] === undefined) {
    throw new ValidationError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
  }
  return BigInt(match[1]);
}
