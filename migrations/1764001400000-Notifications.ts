import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: organisations' webhook endpoints, one delivery per (endpoint, event) with every attempt
 * logged, in-app notifications with per-reader read marks, e-mails, and the expiry reminders already sent.
 * The unique keys make processing an event twice create nothing twice.
 */
export class Notifications1764001400000 implements MigrationInterface {
  name = 'Notifications1764001400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        url text NOT NULL
          CONSTRAINT webhook_endpoints_url_format CHECK (url ~ '^https?://' AND length(url) <= 2048),
        events text[] NOT NULL CONSTRAINT webhook_endpoints_events_present CHECK (cardinality(events) > 0),
        secret text NOT NULL,
        consecutive_failures integer NOT NULL DEFAULT 0
          CONSTRAINT webhook_endpoints_failures_non_negative CHECK (consecutive_failures >= 0),
        disabled_at timestamptz,
        disabled_reason text,
        deleted_at timestamptz,
        created_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(`
      CREATE INDEX webhook_endpoints_organization_idx ON webhook_endpoints (organization_id, created_at DESC, id DESC)
        WHERE deleted_at IS NULL
    `);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT webhook_deliveries_status_values
            CHECK (status IN ('pending', 'retrying', 'succeeded', 'failed')),
        attempt_count integer NOT NULL DEFAULT 0
          CONSTRAINT webhook_deliveries_attempts_non_negative CHECK (attempt_count >= 0),
        last_response_status integer,
        last_error text,
        last_attempt_at timestamptz,
        next_attempt_at timestamptz,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_endpoint_event_key UNIQUE (endpoint_id, event_id),
        CONSTRAINT webhook_deliveries_completed_when_final
          CHECK ((status IN ('succeeded', 'failed')) = (completed_at IS NOT NULL))
      )
    `);
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(`CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id)`);
    await queryRunner.query(`
      CREATE TABLE webhook_delivery_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        attempt_number integer NOT NULL CONSTRAINT webhook_delivery_attempts_number_positive CHECK (attempt_number > 0),
        outcome text NOT NULL CONSTRAINT webhook_delivery_attempts_outcome_values
          CHECK (outcome IN ('succeeded', 'failed')),
        response_status integer,
        error text,
        duration_ms integer NOT NULL CONSTRAINT webhook_delivery_attempts_duration_non_negative CHECK (duration_ms >= 0),
        attempted_at timestamptz NOT NULL,
        CONSTRAINT webhook_delivery_attempts_delivery_number_key UNIQUE (delivery_id, attempt_number)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        event_id uuid NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text,
        subject_type text,
        subject_id uuid,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        CONSTRAINT notifications_event_organization_key UNIQUE (event_id, organization_id)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX notifications_organization_idx ON notifications (organization_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE notification_reads (
        notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        reader_id uuid NOT NULL,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (notification_id, reader_id)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE notification_emails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        event_id uuid NOT NULL,
        kind text NOT NULL,
        recipients text[] NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT notification_emails_status_values CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
        attempt_count integer NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        CONSTRAINT notification_emails_event_organization_key UNIQUE (event_id, organization_id),
        CONSTRAINT notification_emails_sent_has_time CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      )
    `);
    await queryRunner.query(`
      CREATE TABLE expiry_reminders (
        credit_lot_id uuid NOT NULL REFERENCES credit_lots (id) ON DELETE CASCADE,
        threshold_days integer NOT NULL CONSTRAINT expiry_reminders_threshold_values CHECK (threshold_days IN (1, 7, 30)),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        tradable_until timestamptz NOT NULL,
        event_id uuid,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (credit_lot_id, threshold_days)
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE expiry_reminders`);
    await queryRunner.query(`DROP TABLE notification_emails`);
    await queryRunner.query(`DROP TABLE notification_reads`);
    await queryRunner.query(`DROP TABLE notifications`);
    await queryRunner.query(`DROP TABLE webhook_delivery_attempts`);
    await queryRunner.query(`DROP TABLE webhook_deliveries`);
    await queryRunner.query(`DROP TABLE webhook_endpoints`);
  }
}
