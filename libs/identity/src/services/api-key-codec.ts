import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'co_';
const KEY_SHAPE = /^co_[A-Za-z0-9_-]{43}$/;

/** A new random API key: 32 bytes of entropy, so a fast hash is enough to store it safely. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The part of a key that lists show, enough to tell keys apart and useless for authenticating. */
export function displayPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_SHAPE.test(value);
}
