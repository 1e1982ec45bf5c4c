import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A Stripe-looking random token: 24 base-62 characters unless told otherwise. */
export function token(length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** `pi_3Q...`, `acct_1P...`: the prefix names the object type, as in Stripe. */
export function newId(prefix: string): string {
  return `${prefix}_${prefix === 'acct' ? token(16) : token()}`;
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
