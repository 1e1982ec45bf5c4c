import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreditLots1764000600000 implements MigrationInterface {
  name = 'CreditLots1764000600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE credit_lots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        provider_code text NOT NULL REFERENCES providers (code) ON DELETE RESTRICT,
        policy_version integer NOT NULL,
        account_reference text NOT NULL
          CONSTRAINT credit_lots_account_reference_length CHECK (char_length(btrim(account_reference)) BETWEEN 1 AND 200),
        face_value_minor bigint NOT NULL CONSTRAINT credit_lots_face_value_positive CHECK (face_value_minor > 0),
        currency char(3) NOT NULL CONSTRAINT credit_lots_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
        listed_minor bigint NOT NULL DEFAULT 0 CONSTRAINT credit_lots_listed_non_negative CHECK (listed_minor >= 0),
        sold_minor bigint NOT NULL DEFAULT 0 CONSTRAINT credit_lots_sold_non_negative CHECK (sold_minor >= 0),
        available_minor bigint GENERATED ALWAYS AS (face_value_minor - listed_minor - sold_minor) STORED,
        expires_at timestamptz NOT NULL,
        tradable_until timestamptz NOT NULL,
        source text NOT NULL
          CONSTRAINT credit_lots_source_values CHECK (source IN ('prepaid_purchase', 'commitment', 'promotional_grant')),
        transfer_methods text[] NOT NULL CONSTRAINT credit_lots_transfer_methods_values CHECK (
          cardinality(transfer_methods) >= 1
          AND transfer_methods <@ ARRAY['account_transfer', 'invoice_reassignment', 'structured_resale']
        ),
        evidence_statement_reference text NOT NULL
          CONSTRAINT credit_lots_evidence_length CHECK (char_length(btrim(evidence_statement_reference)) BETWEEN 1 AND 200),
        evidence_note text,
        status text NOT NULL DEFAULT 'pending_verification'
          CONSTRAINT credit_lots_status_values CHECK (status IN ('pending_verification', 'verified', 'rejected')),
        verified_at timestamptz,
        verified_by_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        verification_reason text,
        created_by_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- The face value splits into listed, sold and available; none can go negative or exceed it.
        CONSTRAINT credit_lots_amounts_within_face_value CHECK (listed_minor + sold_minor <= face_value_minor),
        CONSTRAINT credit_lots_tradable_before_expiry CHECK (tradable_until <= expires_at),
        CONSTRAINT credit_lots_decision_recorded CHECK ((status = 'pending_verification') = (verified_at IS NULL)),
        FOREIGN KEY (provider_code, policy_version) REFERENCES provider_policies (provider_code, version) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      `CREATE INDEX credit_lots_organization_page_idx ON credit_lots (organization_id, created_at, id)`,
    );
    await queryRunner.query(`CREATE INDEX credit_lots_provider_idx ON credit_lots (provider_code, status)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE credit_lots`);
  }
}
