import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSocial1795711555535 implements MigrationInterface {
  name = 'AddSocial1795711555535';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "resource_type" character varying(40) NOT NULL, "resource_id" uuid NOT NULL, "parent_id" uuid, "depth" smallint NOT NULL DEFAULT \'0\', "author_id" uuid NOT NULL, "body" text NOT NULL, "alignment" smallint NOT NULL DEFAULT \'0\', "up_votes" integer NOT NULL DEFAULT \'0\', "down_votes" integer NOT NULL DEFAULT \'0\', "edited_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8bf68bc960f2b69e818bdb90dcb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "comments_author_idx" ON "comments" ("author_id") ');
    await queryRunner.query(
      'CREATE INDEX "comments_resource_idx" ON "comments" ("resource_type", "resource_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "comment_votes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "comment_id" uuid NOT NULL, "author_id" uuid NOT NULL, "weight" smallint NOT NULL, CONSTRAINT "PK_2f0e8a57401e7d3fc0e966e771e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "comment_votes_comment_author_key" ON "comment_votes" ("comment_id", "author_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "follows" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "resource_type" character varying(40) NOT NULL, "resource_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8988f607744e16ff79da3b8a627" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "follows_resource_idx" ON "follows" ("resource_type", "resource_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "follows_user_resource_key" ON "follows" ("user_id", "resource_type", "resource_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "event" character varying(60) NOT NULL, "resource_type" character varying(40) NOT NULL, "resource_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "url" character varying(500) NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "notifications_user_created_idx" ON "notifications" ("user_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "email_frequency" character varying(16) NOT NULL DEFAULT \'real_time\', CONSTRAINT "PK_64c90edc7310c6be7c10c96f675" PRIMARY KEY ("user_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "moderations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "resource_type" character varying(40) NOT NULL, "resource_id" uuid NOT NULL, "space_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "report_count" integer NOT NULL DEFAULT \'0\', "hidden_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_562303c02478e2d671d51da023e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "moderations_resource_key" ON "moderations" ("resource_type", "resource_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "moderation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "reason" character varying(24) NOT NULL, "details" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "reports_moderation_user_key" ON "reports" ("moderation_id", "user_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "comments" ADD CONSTRAINT "FK_d6f93329801a93536da4241e386" FOREIGN KEY ("parent_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "comments" ADD CONSTRAINT "FK_e6d38899c31997c45d128a8973b" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "comment_votes" ADD CONSTRAINT "FK_1b41b98c56a06654513bffc1274" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "comment_votes" ADD CONSTRAINT "FK_7923d8ab8a58b5e6829cb358d9e" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "follows" ADD CONSTRAINT "FK_941d172275662c2b9d8b9f4270c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "reports" ADD CONSTRAINT "FK_3414e1c3361861eaf3aae8ff4df" FOREIGN KEY ("moderation_id") REFERENCES "moderations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "reports" ADD CONSTRAINT "FK_ca7a21eb95ca4625bd5eaef7e0c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "reports" DROP CONSTRAINT "FK_ca7a21eb95ca4625bd5eaef7e0c"',
    );
    await queryRunner.query(
      'ALTER TABLE "reports" DROP CONSTRAINT "FK_3414e1c3361861eaf3aae8ff4df"',
    );
    await queryRunner.query(
      'ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"',
    );
    await queryRunner.query(
      'ALTER TABLE "follows" DROP CONSTRAINT "FK_941d172275662c2b9d8b9f4270c"',
    );
    await queryRunner.query(
      'ALTER TABLE "comment_votes" DROP CONSTRAINT "FK_7923d8ab8a58b5e6829cb358d9e"',
    );
    await queryRunner.query(
      'ALTER TABLE "comment_votes" DROP CONSTRAINT "FK_1b41b98c56a06654513bffc1274"',
    );
    await queryRunner.query(
      'ALTER TABLE "comments" DROP CONSTRAINT "FK_e6d38899c31997c45d128a8973b"',
    );
    await queryRunner.query(
      'ALTER TABLE "comments" DROP CONSTRAINT "FK_d6f93329801a93536da4241e386"',
    );
    await queryRunner.query('DROP INDEX "reports_moderation_user_key"');
    await queryRunner.query('DROP TABLE "reports"');
    await queryRunner.query('DROP INDEX "moderations_resource_key"');
    await queryRunner.query('DROP TABLE "moderations"');
    await queryRunner.query('DROP TABLE "notification_preferences"');
    await queryRunner.query('DROP INDEX "notifications_user_created_idx"');
    await queryRunner.query('DROP TABLE "notifications"');
    await queryRunner.query('DROP INDEX "follows_user_resource_key"');
    await queryRunner.query('DROP INDEX "follows_resource_idx"');
    await queryRunner.query('DROP TABLE "follows"');
    await queryRunner.query('DROP INDEX "comment_votes_comment_author_key"');
    await queryRunner.query('DROP TABLE "comment_votes"');
    await queryRunner.query('DROP INDEX "comments_resource_idx"');
    await queryRunner.query('DROP INDEX "comments_author_idx"');
    await queryRunner.query('DROP TABLE "comments"');
  }
}
