import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonalTokens1795718207203 implements MigrationInterface {
  name = 'PersonalTokens1795718207203';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "personal_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "token_hash" character varying(64) NOT NULL, "prefix" character varying(16) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_278d2b70b7f8e7841366b3d5543" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "personal_tokens_user_idx" ON "personal_tokens" ("user_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "personal_tokens_token_hash_key" ON "personal_tokens" ("token_hash") ',
    );
    await queryRunner.query(
      'ALTER TABLE "personal_tokens" ADD CONSTRAINT "personal_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "personal_tokens" DROP CONSTRAINT "personal_tokens_user_id_fkey"',
    );
    await queryRunner.query('DROP INDEX "personal_tokens_token_hash_key"');
    await queryRunner.query('DROP INDEX "personal_tokens_user_idx"');
    await queryRunner.query('DROP TABLE "personal_tokens"');
  }
}
