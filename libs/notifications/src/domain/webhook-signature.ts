import { createHmac, timingSafeEqual } from 'node:crypto';

/** The request header that carries a delivery's signature. */
export const SIGNATURE_HEADER = 'Carryover-Signature';

/** How far a signature's timestamp may be from the receiver's clock, by default (5 minutes). */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of `"<timestamp>.<body>"`, keyed with the endpoint's secret as UTF-8 text. */
export function computeWebhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The header value for a body sent at `timestamp` (unix seconds): `t=<timestamp>,v1=<hex>`. */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${computeWebhookSignature(secret, timestamp, body)}`;
}

export interface VerifyWebhookOptions {
  /** The raw request body, byte for byte as received (not re-serialised JSON). */
  body: string | Buffer;
  /** The Carryover-Signature header. */
  header: string | undefined;
  secret: string;
  toleranceSeconds?: number;
  /** Unix seconds; defaults to the current time. */
  now?: number;
}

/**
 * Checks a delivery the way a receiver should: the header parses, its timestamp is within the tolerance of
 * `now` (refusing replays of old deliveries), and one of its v1 signatures equals the HMAC of
 * `"<t>.<body>"` (compared in constant time). Returns false for anything else, never throws.
 */
export function verifyWebhookSignature(options: VerifyWebhookOptions): boolean {
  const parsed = parseSignatureHeader(options.header);
  if (!parsed) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(now - parsed.timestamp) > tolerance) return false;
  const body = typeof options.body === 'string' ? options.body : options.body.toString('utf8');
  const expected = Buffer.from(computeWebhookSignature(options.secret, parsed.timestamp, body), 'hex');
  return parsed.signatures.some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function parseSignatureHeader(
  header: string | undefined,
): { timestamp: number; signatures: string[] } | null {
  if (!header) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}
