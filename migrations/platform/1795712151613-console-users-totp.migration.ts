import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsoleUsersTotp1795712151613 implements MigrationInterface {
  name = 'ConsoleUsersTotp1795712151613';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "platform"."console_users" ADD "totp_secret_sealed" text');
    await queryRunner.query(
      'ALTER TABLE "platform"."console_users" ADD "totp_enabled_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query('ALTER TABLE "platform"."console_users" ADD "totp_last_step" integer');
    await queryRunner.query(
      'ALTER TABLE "platform"."console_users" ADD "recovery_code_hashes" jsonb NOT NULL DEFAULT \'[]\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "platform"."console_users" DROP COLUMN "recovery_code_hashes"',
    );
    await queryRunner.query('ALTER TABLE "platform"."console_users" DROP COLUMN "totp_last_step"');
    await queryRunner.query('ALTER TABLE "platform"."console_users" DROP COLUMN "totp_enabled_at"');
    await queryRunner.query(
      'ALTER TABLE "platform"."console_users" DROP COLUMN "totp_secret_sealed"',
    );
  }
}
