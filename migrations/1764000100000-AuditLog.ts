import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1764000100000 implements MigrationInterface {
  name = 'AuditLog1764000100000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
