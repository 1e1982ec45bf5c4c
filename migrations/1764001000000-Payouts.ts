import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seller payouts: each organisation's Stripe Connect account and how far its onboarding has got. A row
 * exists once the connected account does; an organisation without one has not started.
 */
export class Payouts1764001000000 implements MigrationInterface {
  name = 'Payouts1764001000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payout_accounts (
        organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE RESTRICT,
        stripe_account_id text NOT NULL CONSTRAINT payout_accounts_stripe_account_unique UNIQUE,
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT payout_accounts_status_check CHECK (status IN ('not_started', 'pending', 'enabled')),
        details_submitted boolean NOT NULL DEFAULT false,
        payouts_enabled boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payout_accounts_enabled_has_payouts CHECK ((status = 'enabled') = payouts_enabled)
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE payout_accounts`);
  }
}
