import { MigrationInterface, QueryRunner } from 'typeorm';

export class TwoFactor1795711647249 implements MigrationInterface {
  name = 'TwoFactor1795711647249';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "organization" ADD "require_admin_two_factor" boolean NOT NULL DEFAULT false',
    );
    await queryRunner.query('ALTER TABLE "users" ADD "totp_secret" character varying(64)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "totp_secret"');
    await queryRunner.query('ALTER TABLE "organization" DROP COLUMN "require_admin_two_factor"');
  }
}
