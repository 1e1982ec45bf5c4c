import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escrow's side of settlement: each Stripe Transfer of a seller's proceeds and each Refund to a buyer, one row
 * per (trade, step) so a retried step finds its provider object instead of making a second one; the
 * differences reconciliation finds between the ledger and the provider, open until a later run sees them
 * agree; and `canceled` as a payment status for an intent cancelled when the payment window closes.
 */
export class EscrowSettlement1764001200000 implements MigrationInterface {
  name = 'EscrowSettlement1764001200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trade_transfers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trade_id uuid NOT NULL REFERENCES trades (id) ON DELETE RESTRICT,
        step text NOT NULL CONSTRAINT trade_transfers_step_format CHECK (step ~ '^transfer(:[a-z0-9_-]{1,40})?$'),
        amount_minor bigint NOT NULL CONSTRAINT trade_transfers_amount_positive CHECK (amount_minor > 0),
        currency char(3) NOT NULL CONSTRAINT trade_transfers_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
        destination_account_id text NOT NULL,
        stripe_transfer_id text CONSTRAINT trade_transfers_stripe_transfer_unique UNIQUE,
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT trade_transfers_status_values CHECK (status IN ('pending', 'created', 'confirmed', 'reversed')),
        amount_reversed_minor bigint NOT NULL DEFAULT 0
          CONSTRAINT trade_transfers_reversed_range CHECK (amount_reversed_minor BETWEEN 0 AND amount_minor),
        last_error_code text,
        last_error_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        CONSTRAINT trade_transfers_trade_step_key UNIQUE (trade_id, step),
        CONSTRAINT trade_transfers_made_has_id CHECK (status = 'pending' OR stripe_transfer_id IS NOT NULL)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE trade_refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trade_id uuid NOT NULL REFERENCES trades (id) ON DELETE RESTRICT,
        step text NOT NULL CONSTRAINT trade_refunds_step_format CHECK (step ~ '^refund(:[1-9][0-9]{0,5})?$'),
        amount_minor bigint NOT NULL CONSTRAINT trade_refunds_amount_positive CHECK (amount_minor > 0),
        currency char(3) NOT NULL CONSTRAINT trade_refunds_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
        payment_intent_id text NOT NULL,
        stripe_refund_id text CONSTRAINT trade_refunds_stripe_refund_unique UNIQUE,
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT trade_refunds_status_values CHECK (status IN ('pending', 'created', 'confirmed', 'failed')),
        last_error_code text,
        last_error_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        CONSTRAINT trade_refunds_trade_step_key UNIQUE (trade_id, step),
        CONSTRAINT trade_refunds_made_has_id CHECK (status = 'pending' OR stripe_refund_id IS NOT NULL)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE reconciliation_differences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trade_id uuid NOT NULL REFERENCES trades (id) ON DELETE RESTRICT,
        kind text NOT NULL
          CONSTRAINT reconciliation_differences_kind_values CHECK (kind IN ('payment', 'refund', 'payout')),
        currency char(3) NOT NULL,
        ledger_amount_minor bigint NOT NULL,
        provider_amount_minor bigint NOT NULL,
        detected_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        CONSTRAINT reconciliation_differences_differ
          CHECK (resolved_at IS NOT NULL OR ledger_amount_minor <> provider_amount_minor),
        CONSTRAINT reconciliation_differences_resolved_after CHECK (resolved_at IS NULL OR resolved_at >= detected_at)
      )
    `);
    // One open difference per trade and kind: a run updates it rather than adding another.
    await queryRunner.query(`
      CREATE UNIQUE INDEX reconciliation_differences_open_key
        ON reconciliation_differences (trade_id, kind) WHERE resolved_at IS NULL`);
    await queryRunner.query(`
      CREATE INDEX reconciliation_differences_listing_idx
        ON reconciliation_differences (detected_at DESC, id DESC)`);
    await queryRunner.query(`ALTER TABLE trade_payments DROP CONSTRAINT trade_payments_status_check`);
    await queryRunner.query(`
      ALTER TABLE trade_payments ADD CONSTRAINT trade_payments_status_check
        CHECK (status IN ('requires_payment', 'processing', 'succeeded', 'failed', 'canceled'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE trade_payments SET status = 'failed' WHERE status = 'canceled'`);
    await queryRunner.query(`ALTER TABLE trade_payments DROP CONSTRAINT trade_payments_status_check`);
    await queryRunner.query(`
      ALTER TABLE trade_payments ADD CONSTRAINT trade_payments_status_check
        CHECK (status IN ('requires_payment', 'processing', 'succeeded', 'failed'))`);
    await queryRunner.query(`DROP TABLE reconciliation_differences`);
    await queryRunner.query(`DROP TABLE trade_refunds`);
    await queryRunner.query(`DROP TABLE trade_transfers`);
  }
}
