import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { BusinessRuleError, ConflictError } from '../errors/domain-error';
import { canonicalJson, type JsonValue } from '../json/canonical-json';
import { IdempotencyRepository } from './idempotency.repository';
import type { IdempotencyLease, IdempotencyOutcome, IdempotentRequest } from './idempotency.types';

/** A key and its stored response are kept this long. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** A claim older than this is taken to belong to a process that died, and may be taken over. */
export const IDEMPOTENCY_STALE_AFTER_SECONDS = 60;
/** How long a request waits for a concurrent one with the same key before answering 409. */
export const IDEMPOTENCY_WAIT_MS = 10_000;
export const IDEMPOTENCY_POLL_MS = 50;

/**
 * Decides, across processes, whether a request with an Idempotency-Key runs or replays a stored response.
 * Free of HTTP types: the API's interceptor maps requests and responses onto it.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly keys: IdempotencyRepository) {}

  /**
   * Claims the key for this request, or returns the stored response of the same earlier request. Throws
   * BusinessRuleError `idempotency_key_reuse` when the key was used for another request, and ConflictError
   * `idempotency_key_in_progress` when the same request is still running elsewhere after the wait.
   */
  async begin(request: IdempotentRequest): Promise<IdempotencyOutcome> {
    // Real elapsed time, not the injectable Clock: this bounds how long a caller is kept waiting.
    const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
    for (;;) {
      const lease = await this.keys.claim(request, {
        ttlSeconds: IDEMPOTENCY_TTL_SECONDS,
        staleAfterSeconds: IDEMPOTENCY_STALE_AFTER_SECONDS,
      });
      if (lease) return { kind: 'execute', lease };
      const existing = await this.keys.findLive(request.scope, request.key);
      if (existing && existing.requestHash !== request.requestHash) {
        throw new BusinessRuleError(
          'idempotency_key_reuse',
          'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        );
      }
      if (existing?.state === 'completed' && existing.responseStatus !== null) {
        return { kind: 'replay', status: existing.responseStatus, body: existing.responseBody };
      }
      if (Date.now() >= deadline) {
        throw new ConflictError(
          'idempotency_key_in_progress',
          'A request with this Idempotency-Key is still being processed; retry it later.',
        );
      }
      await sleep(IDEMPOTENCY_POLL_MS);
    }
  }

  /**
   * Stores the handler's response under the lease; returns false when the lease was lost (the claim went
   * stale and another request took the key over), in which case nothing is stored.
   */
  async complete(lease: IdempotencyLease, status: number, body: unknown): Promise<boolean> {
    // Store what a client received: the JSON form, as the HTTP layer serialised it.
    const stored =
      body === undefined || body === null ? null : (JSON.parse(canonicalJson(body)) as JsonValue);
    return this.keys.complete(lease, status, stored);
  }

  /** Frees the key after the handler failed, so the client may retry with it. */
  async release(lease: IdempotencyLease): Promise<void> {
    await this.keys.release(lease);
  }

  /** Removes expired keys; they are already ignored, this only reclaims space. */
  async purgeExpired(): Promise<number> {
    return this.keys.deleteExpired();
  }
}
