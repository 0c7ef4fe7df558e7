import { MigrationInterface, QueryRunner } from 'typeorm';

export class VerificationSalt1795721220467 implements MigrationInterface {
  name = 'VerificationSalt1795721220467';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "organization" ADD "verification_salt" uuid NOT NULL DEFAULT gen_random_uuid()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "organization" DROP COLUMN "verification_salt"');
  }
}
