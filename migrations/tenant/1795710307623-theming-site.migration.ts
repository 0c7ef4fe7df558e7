import { MigrationInterface, QueryRunner } from 'typeorm';

export class ThemingSite1795710307623 implements MigrationInterface {
  name = 'ThemingSite1795710307623';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "appearance" ("id" smallint NOT NULL DEFAULT \'1\', "primary_color" character varying(7) NOT NULL DEFAULT \'#1a5fb4\', "secondary_color" character varying(7) NOT NULL DEFAULT \'#5e3c99\', "tertiary_color" character varying(7) NOT NULL DEFAULT \'#26734d\', "font" character varying(40) NOT NULL DEFAULT \'system\', "logo_file_id" uuid, "favicon_file_id" uuid, "hero_image_file_id" uuid, "footer_logo_file_id" uuid, "official_url" character varying(500), "social" jsonb NOT NULL DEFAULT \'{}\', "custom_css_allowed" boolean NOT NULL DEFAULT false, "custom_css" text NOT NULL DEFAULT \'\', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c7c434b1171b1b86762102bfc6e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "content_blocks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(40) NOT NULL, "position" integer NOT NULL, "settings" jsonb NOT NULL DEFAULT \'{}\', "image_file_id" uuid, CONSTRAINT "PK_607a3abb7e7af9bb5c22090a597" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "content_blocks_position_idx" ON "content_blocks" ("position") ',
    );
    await queryRunner.query(
      'CREATE TABLE "static_page_topics" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" jsonb NOT NULL DEFAULT \'{}\', "description" jsonb NOT NULL DEFAULT \'{}\', "weight" integer NOT NULL DEFAULT \'0\', CONSTRAINT "PK_547d429024590cbafbcb4354f16" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('ALTER TABLE "static_pages" ADD "topic_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "static_pages" ADD CONSTRAINT "FK_b3c27309ad438ae2fdae5a18788" FOREIGN KEY ("topic_id") REFERENCES "static_page_topics"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "static_pages" DROP CONSTRAINT "FK_b3c27309ad438ae2fdae5a18788"',
    );
    await queryRunner.query('ALTER TABLE "static_pages" DROP COLUMN "topic_id"');
    await queryRunner.query('DROP TABLE "static_page_topics"');
    await queryRunner.query('DROP INDEX "content_blocks_position_idx"');
    await queryRunner.query('DROP TABLE "content_blocks"');
    await queryRunner.query('DROP TABLE "appearance"');
  }
}
