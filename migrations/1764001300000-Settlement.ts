import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The settlement workflow's tables: one row per trade that has left awaiting_payment (step timing for the
 * timeouts, what it waits for, the operators' flag, the seller's transfer evidence, the buyer's receipt and
 * the provider's decision), and the disputes that freeze a trade until an operator resolves them.
 */
export class Settlement1764001300000 implements MigrationInterface {
  name = 'Settlement1764001300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trade_settlements (
        trade_id uuid PRIMARY KEY REFERENCES trades (id) ON DELETE RESTRICT,
        status_entered_at timestamptz NOT NULL,
        waiting_for text CONSTRAINT trade_settlements_waiting_for_values
          CHECK (waiting_for IN ('seller_payouts_not_enabled', 'compliance_blocked', 'payment_provider_unavailable')),
        waiting_since timestamptz,
        flagged_at timestamptz,
        flag_reason text,
        transfer_reference text CONSTRAINT trade_settlements_transfer_reference_length
          CHECK (char_length(btrim(transfer_reference)) BETWEEN 1 AND 200),
        transfer_note text CONSTRAINT trade_settlements_transfer_note_length CHECK (char_length(transfer_note) <= 2000),
        transfer_submitted_at timestamptz,
        buyer_confirmed_at timestamptz,
        provider_decision text CONSTRAINT trade_settlements_provider_decision_values
          CHECK (provider_decision IN ('approved', 'denied')),
        provider_reference text CONSTRAINT trade_settlements_provider_reference_length
          CHECK (char_length(btrim(provider_reference)) BETWEEN 1 AND 200),
        provider_decided_at timestamptz,
        updated_at timestamptz NOT NULL,
        CONSTRAINT trade_settlements_waiting_since CHECK ((waiting_for IS NULL) = (waiting_since IS NULL)),
        CONSTRAINT trade_settlements_flag CHECK ((flagged_at IS NULL) = (flag_reason IS NULL)),
        CONSTRAINT trade_settlements_transfer_evidence
          CHECK ((transfer_reference IS NULL) = (transfer_submitted_at IS NULL)),
        CONSTRAINT trade_settlements_provider_decision
          CHECK ((provider_decision IS NULL) = (provider_decided_at IS NULL))
      )`);
    // The operators' list of trades needing attention.
    await queryRunner.query(
      `CREATE INDEX trade_settlements_flagged_idx ON trade_settlements (flagged_at) WHERE flagged_at IS NOT NULL`,
    );
    // The payment-window sweep reads unpaid trades by age.
    await queryRunner.query(
      `CREATE INDEX trades_awaiting_payment_idx ON trades (executed_at) WHERE status = 'awaiting_payment'`,
    );

    await queryRunner.query(`
      CREATE TABLE disputes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trade_id uuid NOT NULL REFERENCES trades (id) ON DELETE RESTRICT,
        opened_by_organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        opened_by_side text NOT NULL CONSTRAINT disputes_side_values CHECK (opened_by_side IN ('buy', 'sell')),
        opened_by_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        opened_by_api_key_id uuid,
        reason text NOT NULL CONSTRAINT disputes_reason_length CHECK (char_length(btrim(reason)) BETWEEN 1 AND 2000),
        frozen_status text NOT NULL,
        status text NOT NULL CONSTRAINT disputes_status_values CHECK (status IN ('open', 'resolved')),
        outcome text CONSTRAINT disputes_outcome_values CHECK (outcome IN ('release', 'refund', 'partial_refund')),
        refund_minor bigint CONSTRAINT disputes_refund_positive CHECK (refund_minor > 0),
        resolved_by_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        resolution_reason text CONSTRAINT disputes_resolution_reason_length
          CHECK (char_length(btrim(resolution_reason)) BETWEEN 1 AND 2000),
        opened_at timestamptz NOT NULL,
        resolved_at timestamptz,
        CONSTRAINT disputes_opened_by_someone CHECK ((opened_by_user_id IS NULL) <> (opened_by_api_key_id IS NULL)),
        CONSTRAINT disputes_resolution_recorded CHECK (
          (status = 'open') = (outcome IS NULL AND resolved_at IS NULL AND resolution_reason IS NULL)
          AND (status = 'open' OR resolved_by_user_id IS NOT NULL)
        ),
        CONSTRAINT disputes_refund_only_partial CHECK (coalesce(outcome = 'partial_refund', false) = (refund_minor IS NOT NULL))
      )`);
    // A trade is disputed at most once: disputed is left only for a final state.
    await queryRunner.query(`CREATE UNIQUE INDEX disputes_trade_idx ON disputes (trade_id)`);
    await queryRunner.query(`CREATE INDEX disputes_status_page_idx ON disputes (status, opened_at, id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE disputes`);
    await queryRunner.query(`DROP INDEX trades_awaiting_payment_idx`);
    await queryRunner.query(`DROP TABLE trade_settlements`);
  }
}
