import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddScopesHeroImagesAttachments1795717156228 implements MigrationInterface {
  name = 'AddScopesHeroImagesAttachments1795717156228';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "scopes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" jsonb NOT NULL DEFAULT \'{}\', "code" character varying(40), "parent_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fb1f703d1ac574fe4551a354977" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "scopes_code_key" ON "scopes" ("code") ');
    await queryRunner.query('CREATE INDEX "scopes_parent_idx" ON "scopes" ("parent_id") ');
    await queryRunner.query(
      'CREATE TABLE "proposal_attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "file_id" uuid NOT NULL, "title" character varying(200) NOT NULL DEFAULT \'\', "uploader_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df4033aec88e6ac5e220e553b01" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "proposal_attachments_proposal_idx" ON "proposal_attachments" ("proposal_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "proposal_attachments_file_key" ON "proposal_attachments" ("file_id") ',
    );
    await queryRunner.query('ALTER TABLE "spaces" ADD "scope_id" uuid');
    await queryRunner.query('ALTER TABLE "spaces" ADD "hero_image_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "spaces" ADD "hero_image_alt" jsonb NOT NULL DEFAULT \'{}\'',
    );
    await queryRunner.query('ALTER TABLE "proposals" ADD "scope_id" uuid');
    await queryRunner.query('CREATE INDEX "proposals_scope_idx" ON "proposals" ("scope_id") ');
    await queryRunner.query(
      'ALTER TABLE "scopes" ADD CONSTRAINT "FK_1c6e6031102dda2ab652c303f8c" FOREIGN KEY ("parent_id") REFERENCES "scopes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "spaces" ADD CONSTRAINT "FK_b8c0a283ebc27afe93dcd3c76e5" FOREIGN KEY ("scope_id") REFERENCES "scopes"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "spaces" ADD CONSTRAINT "FK_dad1165958d0b1258dbc6aeae01" FOREIGN KEY ("hero_image_id") REFERENCES "files"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposals" ADD CONSTRAINT "FK_19c56376e649c19252e3f4b4042" FOREIGN KEY ("scope_id") REFERENCES "scopes"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_attachments" ADD CONSTRAINT "FK_327652baded8481649212a35588" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_attachments" ADD CONSTRAINT "FK_38d78e4aa866081fbfccd01b315" FOREIGN KEY ("file_id") REFERENCES "files"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_attachments" ADD CONSTRAINT "FK_5d5829ad8b414c7137f00e14232" FOREIGN KEY ("uploader_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "proposal_attachments" DROP CONSTRAINT "FK_5d5829ad8b414c7137f00e14232"',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_attachments" DROP CONSTRAINT "FK_38d78e4aa866081fbfccd01b315"',
    );
    await queryRunner.query(
      'ALTER TABLE "proposal_attachments" DROP CONSTRAINT "FK_327652baded8481649212a35588"',
    );
    await queryRunner.query(
      'ALTER TABLE "proposals" DROP CONSTRAINT "FK_19c56376e649c19252e3f4b4042"',
    );
    await queryRunner.query(
      'ALTER TABLE "spaces" DROP CONSTRAINT "FK_dad1165958d0b1258dbc6aeae01"',
    );
    await queryRunner.query(
      'ALTER TABLE "spaces" DROP CONSTRAINT "FK_b8c0a283ebc27afe93dcd3c76e5"',
    );
    await queryRunner.query(
      'ALTER TABLE "scopes" DROP CONSTRAINT "FK_1c6e6031102dda2ab652c303f8c"',
    );
    await queryRunner.query('DROP INDEX "proposals_scope_idx"');
    await queryRunner.query('ALTER TABLE "proposals" DROP COLUMN "scope_id"');
    await queryRunner.query('ALTER TABLE "spaces" DROP COLUMN "hero_image_alt"');
    await queryRunner.query('ALTER TABLE "spaces" DROP COLUMN "hero_image_id"');
    await queryRunner.query('ALTER TABLE "spaces" DROP COLUMN "scope_id"');
    await queryRunner.query('DROP INDEX "proposal_attachments_file_key"');
    await queryRunner.query('DROP INDEX "proposal_attachments_proposal_idx"');
    await queryRunner.query('DROP TABLE "proposal_attachments"');
    await queryRunner.query('DROP INDEX "scopes_parent_idx"');
    await queryRunner.query('DROP INDEX "scopes_code_key"');
    await queryRunner.query('DROP TABLE "scopes"');
  }
}
