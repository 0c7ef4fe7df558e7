import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddFiles1795709038826 implements MigrationInterface {
  name = 'AddFiles1795709038826';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "files" ("id" uuid NOT NULL, "path" character varying(512) NOT NULL, "content_type" character varying(255) NOT NULL, "kind" character varying(16) NOT NULL, "size" bigint NOT NULL, "original_name" character varying(255) NOT NULL, "width" integer, "height" integer, "variants" jsonb NOT NULL DEFAULT \'{}\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6c16b9093a142e0e7613b04a3d9" PRIMARY KEY ("id"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "files"');
  }
}
