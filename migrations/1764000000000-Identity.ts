import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1764000000000 implements MigrationInterface {
  name = 'Identity1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CONSTRAINT organizations_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
        country char(2) NOT NULL CONSTRAINT organizations_country_format CHECK (country ~ '^[A-Z]{2}$'),
        kyc_status text NOT NULL DEFAULT 'pending'
          CONSTRAINT organizations_kyc_status_values CHECK (kyc_status IN ('pending', 'verified', 'rejected')),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid REFERENCES organizations (id) ON DELETE RESTRICT,
        email text NOT NULL CONSTRAINT users_email_normalised CHECK (email = lower(btrim(email)) AND char_length(email) <= 254),
        name text NOT NULL CONSTRAINT users_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
        password_hash text NOT NULL,
        role text NOT NULL CONSTRAINT users_role_values CHECK (role IN ('org_admin', 'trader', 'viewer', 'operator')),
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_operator_without_organization CHECK ((role = 'operator') = (organization_id IS NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await queryRunner.query(
      `CREATE INDEX users_organization_page_idx ON users (organization_id, created_at, id)`,
    );
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        name text NOT NULL CONSTRAINT api_keys_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 100),
        role text NOT NULL CONSTRAINT api_keys_role_values CHECK (role IN ('org_admin', 'trader', 'viewer')),
        prefix text NOT NULL,
        key_hash char(64) NOT NULL CONSTRAINT api_keys_key_hash_format CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        created_by_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash)`);
    await queryRunner.query(
      `CREATE INDEX api_keys_organization_page_idx ON api_keys (organization_id, created_at, id)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
    await queryRunner.query(`DROP TABLE users`);
    await queryRunner.query(`DROP TABLE organizations`);
  }
}
