import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Compliance1764000500000 implements MigrationInterface {
  name = 'Compliance1764000500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE compliance_results (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_type text NOT NULL
          CONSTRAINT compliance_results_subject_type_values CHECK (subject_type IN ('credit_lot', 'listing', 'order', 'trade')),
        subject_id uuid NOT NULL,
        context text NOT NULL
          CONSTRAINT compliance_results_context_values CHECK (context IN ('registration', 'listing', 'match', 'release')),
        provider_code text NOT NULL,
        policy_version integer NOT NULL,
        outcome text NOT NULL CONSTRAINT compliance_results_outcome_values CHECK (outcome IN ('pass', 'review', 'block')),
        checks jsonb NOT NULL CONSTRAINT compliance_results_checks_array CHECK (jsonb_typeof(checks) = 'array'),
        requires_provider_approval boolean NOT NULL,
        evaluated_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        FOREIGN KEY (provider_code, policy_version) REFERENCES provider_policies (provider_code, version) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      `CREATE INDEX compliance_results_subject_idx ON compliance_results (subject_type, subject_id, evaluated_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE compliance_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_type text NOT NULL
          CONSTRAINT compliance_reviews_subject_type_values CHECK (subject_type IN ('organization', 'credit_lot', 'listing')),
        subject_id uuid NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        compliance_result_id uuid REFERENCES compliance_results (id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'open'
          CONSTRAINT compliance_reviews_status_values CHECK (status IN ('open', 'approved', 'rejected')),
        summary text NOT NULL,
        checks jsonb NOT NULL DEFAULT '[]' CONSTRAINT compliance_reviews_checks_array CHECK (jsonb_typeof(checks) = 'array'),
        decided_by_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        decided_at timestamptz,
        decision_reason text,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        CONSTRAINT compliance_reviews_decision_recorded CHECK (
          (status = 'open') = (decided_at IS NULL) AND (status = 'open') = (decided_by_user_id IS NULL)
        )
      )`);
    // At most one open review per subject: a re-check while one is open adds nothing to the queue.
    await queryRunner.query(
      `CREATE UNIQUE INDEX compliance_reviews_one_open_idx ON compliance_reviews (subject_type, subject_id) WHERE status = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX compliance_reviews_queue_idx ON compliance_reviews (status, created_at, id)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE compliance_reviews`);
    await queryRunner.query(`DROP TABLE compliance_results`);
  }
}
