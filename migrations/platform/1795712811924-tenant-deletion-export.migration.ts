import { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantDeletionExport1795712811924 implements MigrationInterface {
  name = 'TenantDeletionExport1795712811924';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "platform"."tenant_deletions" ADD "export_path" character varying(1000)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "platform"."tenant_deletions" DROP COLUMN "export_path"');
  }
}
