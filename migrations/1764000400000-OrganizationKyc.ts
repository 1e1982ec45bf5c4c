import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganizationKyc1764000400000 implements MigrationInterface {
  name = 'OrganizationKyc1764000400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE organizations ADD COLUMN legal_entity_name text`);
    await queryRunner.query(`UPDATE organizations SET legal_entity_name = name`);
    await queryRunner.query(`
      ALTER TABLE organizations
        ALTER COLUMN legal_entity_name SET NOT NULL,
        ADD CONSTRAINT organizations_legal_entity_name_length
          CHECK (char_length(btrim(legal_entity_name)) BETWEEN 1 AND 200),
        ADD COLUMN kyc_decided_at timestamptz,
        ADD COLUMN kyc_decided_by_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        ADD COLUMN kyc_reason text,
        ADD CONSTRAINT organizations_kyc_decision_recorded
          CHECK ((kyc_status = 'pending') = (kyc_decided_at IS NULL))`);
    await queryRunner.query(
      `CREATE INDEX organizations_kyc_page_idx ON organizations (kyc_status, created_at, id)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX organizations_kyc_page_idx`);
    await queryRunner.query(`
      ALTER TABLE organizations
        DROP CONSTRAINT organizations_kyc_decision_recorded,
        DROP COLUMN kyc_reason,
        DROP COLUMN kyc_decided_by_user_id,
        DROP COLUMN kyc_decided_at,
        DROP COLUMN legal_entity_name`);
  }
}
