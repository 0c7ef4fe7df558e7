import { MigrationInterface, QueryRunner } from 'typeorm';

export class UserAvatars1795717516564 implements MigrationInterface {
  name = 'UserAvatars1795717516564';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" ADD "avatar_file_id" uuid');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "avatar_file_id"');
  }
}
