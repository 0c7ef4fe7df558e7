import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSpaces1795710438089 implements MigrationInterface {
  name = 'AddSpaces1795710438089';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "process_groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" jsonb NOT NULL DEFAULT \'{}\', "description" jsonb NOT NULL DEFAULT \'{}\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3220a3790fff43ccb58e7725dcc" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "spaces" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "slug" character varying(80) NOT NULL, "title" jsonb NOT NULL DEFAULT \'{}\', "subtitle" jsonb NOT NULL DEFAULT \'{}\', "short_description" jsonb NOT NULL DEFAULT \'{}\', "description" jsonb NOT NULL DEFAULT \'{}\', "hashtag" character varying(80), "start_date" date, "end_date" date, "metadata" jsonb NOT NULL DEFAULT \'{}\', "published_at" TIMESTAMP WITH TIME ZONE, "promoted" boolean NOT NULL DEFAULT false, "group_id" uuid, "assembly_type" character varying(40), "purpose" jsonb NOT NULL DEFAULT \'{}\', "composition" jsonb NOT NULL DEFAULT \'{}\', "parent_id" uuid, "visibility" character varying(16) NOT NULL DEFAULT \'public\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dbe542974aca57afcb60709d4c8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "spaces_kind_slug_key" ON "spaces" ("kind", "slug") ',
    );
    await queryRunner.query(
      'CREATE TABLE "assembly_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "space_id" uuid NOT NULL, "full_name" character varying(200) NOT NULL, "position" character varying(24) NOT NULL, "position_other" character varying(200), "weight" integer NOT NULL DEFAULT \'0\', CONSTRAINT "PK_5517e3932d4d403fdeb5c59dbb5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "assembly_members_space_idx" ON "assembly_members" ("space_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "components" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "space_id" uuid NOT NULL, "manifest" character varying(40) NOT NULL, "name" jsonb NOT NULL DEFAULT \'{}\', "weight" integer NOT NULL DEFAULT \'0\', "published_at" TIMESTAMP WITH TIME ZONE, "settings" jsonb NOT NULL DEFAULT \'{}\', "step_settings" jsonb NOT NULL DEFAULT \'{}\', "default_step_settings" jsonb NOT NULL DEFAULT \'{}\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0d742661c63926321b5f5eac1ad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "components_space_idx" ON "components" ("space_id") ');
    await queryRunner.query(
      'CREATE TABLE "space_phases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "space_id" uuid NOT NULL, "title" jsonb NOT NULL DEFAULT \'{}\', "description" jsonb NOT NULL DEFAULT \'{}\', "start_date" date, "end_date" date, "position" integer NOT NULL DEFAULT \'0\', "active" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_62f42320952b925ff80ebbf1a2d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "space_phases_space_idx" ON "space_phases" ("space_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "space_phases_one_active" ON "space_phases" ("space_id") WHERE active',
    );
    await queryRunner.query(
      'CREATE TABLE "space_roles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "space_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_137c9a2d74a9903f44272aee185" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "space_roles_user_idx" ON "space_roles" ("user_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "space_roles_space_user_role_key" ON "space_roles" ("space_id", "user_id", "role") ',
    );
    await queryRunner.query(
      'ALTER TABLE "spaces" ADD CONSTRAINT "FK_b6351f7c8a9b22117821467823b" FOREIGN KEY ("group_id") REFERENCES "process_groups"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "spaces" ADD CONSTRAINT "FK_eb6f0f39920414b255be03467ef" FOREIGN KEY ("parent_id") REFERENCES "spaces"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "assembly_members" ADD CONSTRAINT "FK_616fd0bd1e372a8838efe515766" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "components" ADD CONSTRAINT "FK_eab68aca3177674a54a4ca49e3b" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "space_phases" ADD CONSTRAINT "FK_00181d0a34638cea9e890005c0c" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "space_roles" ADD CONSTRAINT "FK_61c9a685664331f89c4a746e548" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "space_roles" ADD CONSTRAINT "FK_d3119d961f1456bb021f24fb450" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "space_roles" DROP CONSTRAINT "FK_d3119d961f1456bb021f24fb450"',
    );
    await queryRunner.query(
      'ALTER TABLE "space_roles" DROP CONSTRAINT "FK_61c9a685664331f89c4a746e548"',
    );
    await queryRunner.query(
      'ALTER TABLE "space_phases" DROP CONSTRAINT "FK_00181d0a34638cea9e890005c0c"',
    );
    await queryRunner.query(
      'ALTER TABLE "components" DROP CONSTRAINT "FK_eab68aca3177674a54a4ca49e3b"',
    );
    await queryRunner.query(
      'ALTER TABLE "assembly_members" DROP CONSTRAINT "FK_616fd0bd1e372a8838efe515766"',
    );
    await queryRunner.query(
      'ALTER TABLE "spaces" DROP CONSTRAINT "FK_eb6f0f39920414b255be03467ef"',
    );
    await queryRunner.query(
      'ALTER TABLE "spaces" DROP CONSTRAINT "FK_b6351f7c8a9b22117821467823b"',
    );
    await queryRunner.query('DROP INDEX "space_roles_space_user_role_key"');
    await queryRunner.query('DROP INDEX "space_roles_user_idx"');
    await queryRunner.query('DROP TABLE "space_roles"');
    await queryRunner.query('DROP INDEX "space_phases_one_active"');
    await queryRunner.query('DROP INDEX "space_phases_space_idx"');
    await queryRunner.query('DROP TABLE "space_phases"');
    await queryRunner.query('DROP INDEX "components_space_idx"');
    await queryRunner.query('DROP TABLE "components"');
    await queryRunner.query('DROP INDEX "assembly_members_space_idx"');
    await queryRunner.query('DROP TABLE "assembly_members"');
    await queryRunner.query('DROP INDEX "spaces_kind_slug_key"');
    await queryRunner.query('DROP TABLE "spaces"');
    await queryRunner.query('DROP TABLE "process_groups"');
  }
}
