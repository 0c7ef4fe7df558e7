import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCategories1795713273923 implements MigrationInterface {
  name = 'AddCategories1795713273923';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "space_categories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "space_id" uuid NOT NULL, "name" jsonb NOT NULL DEFAULT \'{}\', "weight" integer NOT NULL DEFAULT \'0\', CONSTRAINT "PK_e0f1bea40cb0d926db6d2f75c58" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "space_categories_space_idx" ON "space_categories" ("space_id") ',
    );
    await queryRunner.query('ALTER TABLE "proposals" ADD "category_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "space_categories" ADD CONSTRAINT "FK_92e0ebfdafd71d6a59cb83f40de" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposals" ADD CONSTRAINT "FK_f1f01bac6cfb611305f24040bdd" FOREIGN KEY ("category_id") REFERENCES "space_categories"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "proposals" DROP CONSTRAINT "FK_f1f01bac6cfb611305f24040bdd"',
    );
    await queryRunner.query(
      'ALTER TABLE "space_categories" DROP CONSTRAINT "FK_92e0ebfdafd71d6a59cb83f40de"',
    );
    await queryRunner.query('ALTER TABLE "proposals" DROP COLUMN "category_id"');
    await queryRunner.query('DROP INDEX "space_categories_space_idx"');
    await queryRunner.query('DROP TABLE "space_categories"');
  }
}
