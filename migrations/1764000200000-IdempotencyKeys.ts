import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1764000200000 implements MigrationInterface {
  name = 'IdempotencyKeys1764000200000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
