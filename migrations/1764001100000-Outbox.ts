import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: domain events written in the same transaction as the state change they
 * describe, relayed to BullMQ afterwards with jobId = event id. A row is pending until relayed_at is set;
 * an insert notifies the relay (delivered at commit, so it never sees an uncommitted row).
 */
export class Outbox1764001100000 implements MigrationInterface {
  name = 'Outbox1764001100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CONSTRAINT outbox_events_name_format CHECK (name ~ '^[a-z_]+\\.[a-z_]+$'),
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        relayed_at timestamptz,
        relay_attempts integer NOT NULL DEFAULT 0,
        last_error text
      )
    `);
    await queryRunner.query(
      `CREATE INDEX outbox_events_pending_idx ON outbox_events (occurred_at, id) WHERE relayed_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE FUNCTION outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_events', '');
        RETURN NULL;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events
        FOR EACH STATEMENT EXECUTE FUNCTION outbox_events_notify()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox_events`);
    await queryRunner.query(`DROP FUNCTION outbox_events_notify()`);
  }
}
