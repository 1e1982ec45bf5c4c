import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1764000000000 implements MigrationInterface {
  name = 'Identity1764000000000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
