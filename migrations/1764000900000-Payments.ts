import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escrow payments: one row per trade with the buyer's current PaymentIntent and its outcome, and every
 * Stripe webhook event stored by its id, so a redelivered event is recognised and processed once.
 */
export class Payments1764000900000 implements MigrationInterface {
  name = 'Payments1764000900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trade_payments (
        trade_id uuid PRIMARY KEY REFERENCES trades (id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'requires_payment'
          CONSTRAINT trade_payments_status_check
          CHECK (status IN ('requires_payment', 'processing', 'succeeded', 'failed')),
        payment_intent_id text,
        attempts integer NOT NULL DEFAULT 0 CONSTRAINT trade_payments_attempts_check CHECK (attempts >= 0),
        last_error_code text,
        last_error_message text,
        amount_minor bigint NOT NULL CONSTRAINT trade_payments_amount_check CHECK (amount_minor > 0),
        currency char(3) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT trade_payments_succeeded_has_intent
          CHECK (status <> 'succeeded' OR payment_intent_id IS NOT NULL)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX trade_payments_intent_idx ON trade_payments (payment_intent_id)
         WHERE payment_intent_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE stripe_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )
    `);
    await queryRunner.query(
      `CREATE INDEX stripe_events_unprocessed_idx ON stripe_events (received_at) WHERE processed_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE stripe_events`);
    await queryRunner.query(`DROP TABLE trade_payments`);
  }
}
