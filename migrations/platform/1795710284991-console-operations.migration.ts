import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsoleOperations1795710284991 implements MigrationInterface {
  name = 'ConsoleOperations1795710284991';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "platform"."console_api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "token_hash" character varying(64) NOT NULL, "token_prefix" character varying(16) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_532f428bb01bc8f901215c22758" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "console_api_tokens_user_idx" ON "platform"."console_api_tokens" ("user_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "console_api_tokens_hash_key" ON "platform"."console_api_tokens" ("token_hash") ',
    );
    await queryRunner.query(
      'CREATE TABLE "platform"."audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_email" character varying(254), "action" character varying(60) NOT NULL, "tenant_id" character varying(16), "before" jsonb, "after" jsonb, "ip" character varying(64), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_events_created_idx" ON "platform"."audit_events" ("created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_events_action_idx" ON "platform"."audit_events" ("action") ',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_events_tenant_idx" ON "platform"."audit_events" ("tenant_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "platform"."tenant_deletions" ("tenant_id" character varying(16) NOT NULL, "purge_after" TIMESTAMP WITH TIME ZONE NOT NULL, "previous_status" character varying(16) NOT NULL, "requested_by" character varying(254), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_af3557b3a54f1eafc1423da9293" PRIMARY KEY ("tenant_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "tenant_deletions_purge_after_idx" ON "platform"."tenant_deletions" ("purge_after") ',
    );
    await queryRunner.query(
      'ALTER TABLE "platform"."console_api_tokens" ADD CONSTRAINT "console_api_tokens_user_fk" FOREIGN KEY ("user_id") REFERENCES "platform"."console_users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "platform"."tenant_deletions" ADD CONSTRAINT "tenant_deletions_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "platform"."tenant_deletions" DROP CONSTRAINT "tenant_deletions_tenant_fk"',
    );
    await queryRunner.query(
      'ALTER TABLE "platform"."console_api_tokens" DROP CONSTRAINT "console_api_tokens_user_fk"',
    );
    await queryRunner.query('DROP INDEX "platform"."tenant_deletions_purge_after_idx"');
    await queryRunner.query('DROP TABLE "platform"."tenant_deletions"');
    await queryRunner.query('DROP INDEX "platform"."audit_events_tenant_idx"');
    await queryRunner.query('DROP INDEX "platform"."audit_events_action_idx"');
    await queryRunner.query('DROP INDEX "platform"."audit_events_created_idx"');
    await queryRunner.query('DROP TABLE "platform"."audit_events"');
    await queryRunner.query('DROP INDEX "platform"."console_api_tokens_hash_key"');
    await queryRunner.query('DROP INDEX "platform"."console_api_tokens_user_idx"');
    await queryRunner.query('DROP TABLE "platform"."console_api_tokens"');
  }
}
