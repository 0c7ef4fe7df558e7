import { MigrationInterface, QueryRunner } from 'typeorm';

export class DataExports1795711237580 implements MigrationInterface {
  name = 'DataExports1795711237580';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "data_exports" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "storage_key" character varying(512), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3e8b8b297ef4446f30527695c10" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "data_exports_user_id_idx" ON "data_exports" ("user_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "data_exports" ADD CONSTRAINT "data_exports_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "data_exports" DROP CONSTRAINT "data_exports_user_id_fkey"',
    );
    await queryRunner.query('DROP INDEX "data_exports_user_id_idx"');
    await queryRunner.query('DROP TABLE "data_exports"');
  }
}
