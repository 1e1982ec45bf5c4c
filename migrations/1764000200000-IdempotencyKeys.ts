import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stored outcomes of requests sent with an Idempotency-Key, so a retry replays instead of re-executing. */
export class IdempotencyKeys1764000200000 implements MigrationInterface {
  name = 'IdempotencyKeys1764000200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash char(64) NOT NULL,
        state text NOT NULL,
        response_status integer NULL,
        response_body jsonb NULL,
        locked_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT idempotency_keys_pkey PRIMARY KEY (scope, key),
        CONSTRAINT idempotency_keys_scope_format CHECK (scope = 'anonymous' OR scope ~ '^(org|user):.+$'),
        CONSTRAINT idempotency_keys_key_length CHECK (char_length(key) BETWEEN 1 AND 255),
        CONSTRAINT idempotency_keys_request_hash_format CHECK (request_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT idempotency_keys_state_values CHECK (state IN ('in_progress', 'completed')),
        CONSTRAINT idempotency_keys_response_when_completed CHECK ((state = 'completed') = (response_status IS NOT NULL)),
        CONSTRAINT idempotency_keys_response_status_range
          CHECK (response_status IS NULL OR response_status BETWEEN 100 AND 599),
        CONSTRAINT idempotency_keys_expiry_after_creation CHECK (expires_at > created_at)
      )
    `);
    // For purging expired keys.
    await queryRunner.query(`CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
