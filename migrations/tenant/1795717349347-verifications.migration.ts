import { MigrationInterface, QueryRunner } from 'typeorm';

export class Verifications1795717349347 implements MigrationInterface {
  name = 'Verifications1795717349347';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "verifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "method" character varying(40) NOT NULL, "status" character varying(16) NOT NULL, "document_type" character varying(24) NOT NULL, "document_number" character varying(40), "unique_hash" character varying(64) NOT NULL, "number_hint" character varying(8) NOT NULL, "reason" character varying(500), "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, CONSTRAINT "PK_2127ad1b143cf012280390b01d1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "verifications_status_idx" ON "verifications" ("status") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "verifications_granted_document_key" ON "verifications" ("method", "unique_hash") WHERE status = \'granted\'',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "verifications_user_method_key" ON "verifications" ("user_id", "method") ',
    );
    await queryRunner.query(
      'ALTER TABLE "organization" ADD "verification_methods" character varying(40) array NOT NULL DEFAULT \'{}\'',
    );
    await queryRunner.query(
      'ALTER TABLE "organization" ADD "comments_max_length" integer NOT NULL DEFAULT \'1000\'',
    );
    await queryRunner.query(
      'ALTER TABLE "components" ADD "permissions" jsonb NOT NULL DEFAULT \'{}\'',
    );
    await queryRunner.query(
      'ALTER TABLE "verifications" ADD CONSTRAINT "verifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "verifications" DROP CONSTRAINT "verifications_user_id_fkey"',
    );
    await queryRunner.query('ALTER TABLE "components" DROP COLUMN "permissions"');
    await queryRunner.query('ALTER TABLE "organization" DROP COLUMN "comments_max_length"');
    await queryRunner.query('ALTER TABLE "organization" DROP COLUMN "verification_methods"');
    await queryRunner.query('DROP INDEX "verifications_user_method_key"');
    await queryRunner.query('DROP INDEX "verifications_granted_document_key"');
    await queryRunner.query('DROP INDEX "verifications_status_idx"');
    await queryRunner.query('DROP TABLE "verifications"');
  }
}
