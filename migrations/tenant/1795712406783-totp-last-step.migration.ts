import { MigrationInterface, QueryRunner } from 'typeorm';

export class TotpLastStep1795712406783 implements MigrationInterface {
  name = 'TotpLastStep1795712406783';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" ADD "totp_last_step" bigint');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "totp_last_step"');
  }
}
