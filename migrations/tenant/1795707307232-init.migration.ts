import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795707307232 implements MigrationInterface {
  name = 'Init1795707307232';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "organization" ("id" smallint NOT NULL DEFAULT \'1\', "name" jsonb NOT NULL DEFAULT \'{}\', "description" jsonb NOT NULL DEFAULT \'{}\', "registration_mode" character varying(16) NOT NULL DEFAULT \'open\', "force_sign_in" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "nickname" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "locale" character varying(8), "password_hash" character varying(255), "roles" character varying(32) array NOT NULL DEFAULT \'{}\', "confirmed_at" TIMESTAMP WITH TIME ZONE, "invitation_token_hash" character varying(128), "invited_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "users_email_key" ON "users" ("email") ');
    await queryRunner.query('CREATE UNIQUE INDEX "users_nickname_key" ON "users" ("nickname") ');
    await queryRunner.query(
      'CREATE TABLE "static_pages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(80) NOT NULL, "title" jsonb NOT NULL DEFAULT \'{}\', "content" jsonb NOT NULL DEFAULT \'{}\', "is_terms" boolean NOT NULL DEFAULT false, "version" integer NOT NULL DEFAULT \'1\', "weight" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_51d5188719a3fb65679933415ad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "static_pages_slug_key" ON "static_pages" ("slug") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "static_pages_slug_key"');
    await queryRunner.query('DROP TABLE "static_pages"');
    await queryRunner.query('DROP INDEX "users_nickname_key"');
    await queryRunner.query('DROP INDEX "users_email_key"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP TABLE "organization"');
  }
}
