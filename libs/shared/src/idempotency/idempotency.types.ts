import type { JsonValue } from '../json/canonical-json';

export type IdempotencyState = 'in_progress' | 'completed';

/** One request sent with an Idempotency-Key, reduced to what decides "same request". */
export interface IdempotentRequest {
  scope: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

/** Proof of holding a claim: `lockedAt` tells this claim apart from a later takeover of the same key. */
export interface IdempotencyLease {
  scope: string;
  key: string;
  lockedAt: Date;
}

export interface IdempotencyRecord {
  scope: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  state: IdempotencyState;
  responseStatus: number | null;
  responseBody: JsonValue | null;
  lockedAt: Date;
  createdAt: Date;
  expiresAt: Date;
}

/** Either run the handler under the lease, or answer with the stored response. */
export type IdempotencyOutcome =
  { kind: 'execute'; lease: IdempotencyLease } | { kind: 'replay'; status: number; body: JsonValue | null };
