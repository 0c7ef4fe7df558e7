import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsoleUsers1795707389444 implements MigrationInterface {
  name = 'ConsoleUsers1795707389444';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "platform"."console_users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "password_hash" character varying(255) NOT NULL, "role" character varying(16) NOT NULL DEFAULT \'owner\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6db5892da838642589e75991746" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "console_users_email_key" ON "platform"."console_users" ("email") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "platform"."console_users_email_key"');
    await queryRunner.query('DROP TABLE "platform"."console_users"');
  }
}
