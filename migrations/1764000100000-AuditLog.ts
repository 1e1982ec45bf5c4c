import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only, hash-chained audit log. Beyond the application's own checks the database keeps the
 * chain linear (one genesis row, each hash followed at most once, each prev_hash pointing at a real row)
 * and refuses UPDATE, DELETE and TRUNCATE outright.
 */
export class AuditLog1764000100000 implements MigrationInterface {
  name = 'AuditLog1764000100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_events (
        id uuid NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        actor_type text NOT NULL,
        actor_id uuid NULL,
        actor_organization_id uuid NULL,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        reason text NULL,
        at timestamptz NOT NULL,
        prev_hash char(64) NULL,
        hash char(64) NOT NULL,
        CONSTRAINT audit_events_pkey PRIMARY KEY (id),
        CONSTRAINT audit_events_seq_key UNIQUE (seq),
        CONSTRAINT audit_events_hash_key UNIQUE (hash),
        CONSTRAINT audit_events_prev_hash_key UNIQUE (prev_hash),
        CONSTRAINT audit_events_prev_hash_fkey FOREIGN KEY (prev_hash) REFERENCES audit_events (hash),
        CONSTRAINT audit_events_actor_type_values
          CHECK (actor_type IN ('user', 'api_key', 'operator', 'system', 'anonymous')),
        CONSTRAINT audit_events_actor_id_presence CHECK ((actor_type IN ('system', 'anonymous')) = (actor_id IS NULL)),
        CONSTRAINT audit_events_actor_organization_presence
          CHECK (actor_type NOT IN ('system', 'anonymous') OR actor_organization_id IS NULL),
        CONSTRAINT audit_events_action_present CHECK (action <> ''),
        CONSTRAINT audit_events_entity_present CHECK (entity <> '' AND entity_id <> ''),
        CONSTRAINT audit_events_data_object CHECK (jsonb_typeof(data) = 'object'),
        CONSTRAINT audit_events_hash_format CHECK (hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT audit_events_prev_hash_format CHECK (prev_hash IS NULL OR prev_hash ~ '^[0-9a-f]{64}$')
      )
    `);
    // Only one row may start the chain.
    await queryRunner.query(
      `CREATE UNIQUE INDEX audit_events_genesis_key ON audit_events ((prev_hash IS NULL)) WHERE prev_hash IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX audit_events_entity_id_seq_idx ON audit_events (entity_id, seq DESC)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION audit_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only'
          USING DETAIL = format('%s on audit_events is not allowed.', TG_OP),
                HINT = 'Record a correction as a new audit event.';
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_append_only
        BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_reject_change()
    `);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate
        BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_reject_change()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`);
    await queryRunner.query(`DROP TRIGGER audit_events_append_only ON audit_events`);
    await queryRunner.query(`DROP FUNCTION audit_events_reject_change()`);
    await queryRunner.query(`DROP TABLE audit_events`);
  }
}
