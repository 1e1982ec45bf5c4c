import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { JsonValue } from '../json/canonical-json';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import type { IdempotencyLease, IdempotencyRecord, IdempotentRequest } from './idempotency.types';

export interface ClaimTimings {
  ttlSeconds: number;
  staleAfterSeconds: number;
}

/** Times come from the database clock: several API instances must agree on expiry and staleness. */
@Injectable()
export class IdempotencyRepository {
  constructor(
    @InjectRepository(IdempotencyKeyEntity) private readonly rows: Repository<IdempotencyKeyEntity>,
  ) {}

  /**
   * Inserts an in-progress claim, or takes over an expired row or an abandoned claim; returns the lease,
   * or null when another live row holds the key. Timestamps are whole milliseconds so a Date round-trips.
   */
  async claim(request: IdempotentRequest, timings: ClaimTimings): Promise<IdempotencyLease | null> {
    const rows = (await this.rows.query(
      `INSERT INTO idempotency_keys AS k
         (scope, key, method, path, request_hash, state, locked_at, created_at, expires_at)
       SELECT $1, $2, $3, $4, $5, 'in_progress', t.now, t.now, t.now + $6 * interval '1 second'
         FROM (SELECT date_trunc('milliseconds', clock_timestamp()) AS now) t
       ON CONFLICT (scope, key) DO UPDATE
         SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
             state = 'in_progress', response_status = NULL, response_body = NULL,
             locked_at = EXCLUDED.locked_at, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         WHERE k.expires_at <= EXCLUDED.created_at
            OR (k.state = 'in_progress' AND k.locked_at <= EXCLUDED.locked_at - $7 * interval '1 second')
       RETURNING k.locked_at`,
      [
        request.scope,
        request.key,
        request.method,
        request.path,
        request.requestHash,
        timings.ttlSeconds,
        timings.staleAfterSeconds,
      ],
    )) as Array<{ locked_at: Date }>;
    const lockedAt = rows[0]?.locked_at;
    return lockedAt ? { scope: request.scope, key: request.key, lockedAt } : null;
  }

  /** The live (unexpired) row for the key, if any. */
  async findLive(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const row = await this.rows
      .createQueryBuilder('k')
      .where('k.scope = :scope AND k.key = :key AND k.expiresAt > clock_timestamp()', { scope, key })
      .getOne();
    return row ? { ...row } : null;
  }

  /** Stores the response; false when the lease was lost to a takeover in the meantime. */
  async complete(lease: IdempotencyLease, status: number, body: JsonValue | null): Promise<boolean> {
    const rows = (await this.rows.query(
      `WITH completed AS (
         UPDATE idempotency_keys
            SET state = 'completed', response_status = $4, response_body = $5::jsonb
          WHERE scope = $1 AND key = $2 AND state = 'in_progress' AND locked_at = $3
         RETURNING 1
       )
       SELECT count(*)::int AS completed FROM completed`,
      [lease.scope, lease.key, lease.lockedAt, status, body === null ? null : JSON.stringify(body)],
    )) as Array<{ completed: number }>;
    return rows[0]?.completed === 1;
  }

  /** Deletes the claim so the key can be used again; a completed row or another holder's claim is kept. */
  async release(lease: IdempotencyLease): Promise<void> {
    await this.rows
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKeyEntity)
      .where("scope = :scope AND key = :key AND state = 'in_progress' AND locked_at = :lockedAt", lease)
      .execute();
  }

  async deleteExpired(): Promise<number> {
    const result = await this.rows
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKeyEntity)
      .where('expires_at <= clock_timestamp()')
      .execute();
    return result.affected ?? 0;
  }
}
