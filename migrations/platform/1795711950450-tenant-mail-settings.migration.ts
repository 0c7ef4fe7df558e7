import { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantMailSettings1795711950450 implements MigrationInterface {
  name = 'TenantMailSettings1795711950450';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "platform"."tenant_mail_settings" ("tenant_id" character varying(16) NOT NULL, "host" character varying(253) NOT NULL, "port" integer NOT NULL, "secure" boolean NOT NULL DEFAULT false, "username" character varying(254), "password_sealed" text, "sender_name" character varying(200) NOT NULL, "sender_address" character varying(254) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_847b5f584fb8b8735c4c73cc5d2" PRIMARY KEY ("tenant_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "platform"."tenant_mail_settings" ADD CONSTRAINT "tenant_mail_settings_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "platform"."tenant_mail_settings" DROP CONSTRAINT "tenant_mail_settings_tenant_fk"',
    );
    await queryRunner.query('DROP TABLE "platform"."tenant_mail_settings"');
  }
}
