export interface IdempotentOptions {
  /** When true a request without an Idempotency-Key header is rejected with 400. */
  required?: boolean;
}

export const IDEMPOTENT_OPTIONS = Symbol('carryover:idempotent-options');
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
