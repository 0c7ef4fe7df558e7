import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChangeEmail1795712267939 implements MigrationInterface {
  name = 'ChangeEmail1795712267939';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" ADD "unconfirmed_email" character varying(254)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "unconfirmed_email"');
  }
}
