import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddScopeTypes1795719288664 implements MigrationInterface {
  name = 'AddScopeTypes1795719288664';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "scope_types" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" jsonb NOT NULL DEFAULT \'{}\', "plural" jsonb NOT NULL DEFAULT \'{}\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_09b474ce5ceb69c7b928d4bce71" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('ALTER TABLE "scopes" ADD "scope_type_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "scopes" ADD CONSTRAINT "FK_546b5a67ffdb9bb6254784969c3" FOREIGN KEY ("scope_type_id") REFERENCES "scope_types"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "scopes" DROP CONSTRAINT "FK_546b5a67ffdb9bb6254784969c3"',
    );
    await queryRunner.query('ALTER TABLE "scopes" DROP COLUMN "scope_type_id"');
    await queryRunner.query('DROP TABLE "scope_types"');
  }
}
