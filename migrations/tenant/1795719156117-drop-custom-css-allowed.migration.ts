import { MigrationInterface, QueryRunner } from 'typeorm';

export class DropCustomCssAllowed1795719156117 implements MigrationInterface {
  name = 'DropCustomCssAllowed1795719156117';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "appearance" DROP COLUMN "custom_css_allowed"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "appearance" ADD "custom_css_allowed" boolean NOT NULL DEFAULT false',
    );
  }
}
