import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1795710236815 implements MigrationInterface {
  name = 'Accounts1795710236815';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "user_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" character varying(16) NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_63764db9d9aaa4af33e07b2f4bf" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "user_tokens_user_id_idx" ON "user_tokens" ("user_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "user_tokens_token_hash_key" ON "user_tokens" ("token_hash") ',
    );
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "invitation_token_hash"');
    await queryRunner.query('ALTER TABLE "users" ADD "terms_accepted_version" integer');
    await queryRunner.query('ALTER TABLE "users" ADD "terms_accepted_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(
      'ALTER TABLE "users" ADD "newsletter_consent_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query('ALTER TABLE "users" ADD "blocked_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "users" ADD "blocked_reason" character varying(500)');
    await queryRunner.query('ALTER TABLE "users" ADD "deletion_reason" character varying(500)');
    await queryRunner.query(
      'ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "user_tokens" DROP CONSTRAINT "user_tokens_user_id_fkey"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "deletion_reason"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "blocked_reason"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "blocked_at"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "newsletter_consent_at"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "terms_accepted_at"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "terms_accepted_version"');
    await queryRunner.query(
      'ALTER TABLE "users" ADD "invitation_token_hash" character varying(128)',
    );
    await queryRunner.query('DROP INDEX "user_tokens_token_hash_key"');
    await queryRunner.query('DROP INDEX "user_tokens_user_id_idx"');
    await queryRunner.query('DROP TABLE "user_tokens"');
  }
}
