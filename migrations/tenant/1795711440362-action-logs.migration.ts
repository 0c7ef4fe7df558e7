import { MigrationInterface, QueryRunner } from 'typeorm';

export class ActionLogs1795711440362 implements MigrationInterface {
  name = 'ActionLogs1795711440362';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "action_logs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_id" uuid, "action" character varying(64) NOT NULL, "subject_type" character varying(32) NOT NULL, "subject_id" character varying(64), "details" jsonb NOT NULL DEFAULT \'{}\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cc15d2a348eaf2e1e153055380c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "action_logs_created_at_idx" ON "action_logs" ("created_at") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "action_logs_created_at_idx"');
    await queryRunner.query('DROP TABLE "action_logs"');
  }
}
