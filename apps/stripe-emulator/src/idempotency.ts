import { idempotencyError, invalidRequest, StripeApiError } from './errors';
import type { FormObject } from './form-parser';

/** An answer as sent, kept to be replayed byte for byte. */
export interface StoredResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

interface Entry {
  endpoint: string;
  fingerprint: string;
  createdAt: number;
  response?: StoredResponse;
}

export type IdempotencyDecision = { kind: 'replay'; response: StoredResponse } | { kind: 'proceed' };

const MAX_KEY_LENGTH = 255;
const RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Stripe's idempotency: a POST's key replays the first result for the same endpoint and parameters,
 * is refused for different ones, and answers 409 while the first request is still running.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  begin(key: string, method: string, path: string, params: FormObject): IdempotencyDecision {
    if (key.length > MAX_KEY_LENGTH) {
      throw invalidRequest(`Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters long.`);
    }
    this.forgetExpired();
    const endpoint = `${method} ${path}`;
    const fingerprint = canonical(params);
    const entry = this.entries.get(key);
    if (!entry) {
      this.entries.set(key, { endpoint, fingerprint, createdAt: Date.now() });
      return { kind: 'proceed' };
    }
    if (entry.endpoint !== endpoint) {
      throw idempotencyError(
        `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${entry.endpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    if (entry.fingerprint !== fingerprint) {
      throw idempotencyError(
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    if (!entry.response) {
      throw new StripeApiError(409, {
        type: 'invalid_request_error',
        code: 'idempotency_key_in_use',
        message:
          'There is currently another in-progress request using this Stripe-Idempotency-Key. Please try again later.',
      });
    }
    return { kind: 'replay', response: entry.response };
  }

  complete(key: string, response: StoredResponse): void {
    const entry = this.entries.get(key);
    if (entry) entry.response = response;
  }

  /** Nothing ran (validation failed or a fault refused the call): the key stays free for a retry. */
  abandon(key: string): void {
    const entry = this.entries.get(key);
    if (entry && !entry.response) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private forgetExpired(): void {
    const cutoff = Date.now() - RETENTION_MS;
    for (const [key, entry] of this.entries) if (entry.createdAt < cutoff) this.entries.delete(key);
  }
}

function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
}
