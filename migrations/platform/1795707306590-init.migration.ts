import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795707306590 implements MigrationInterface {
  name = 'Init1795707306590';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "platform"."tenants" ("id" character varying(16) NOT NULL, "slug" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'provisioning\', "default_locale" character varying(8) NOT NULL, "locales" character varying(8) array NOT NULL, "plan_code" character varying(40), "schema_name" character varying(63) NOT NULL, "role_name" character varying(63) NOT NULL, "admin_email" character varying(254), "admin_name" character varying(200), "provisioning_progress" smallint NOT NULL DEFAULT \'0\', "provisioning_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "tenants_slug_key" ON "platform"."tenants" ("slug") ',
    );
    await queryRunner.query(
      'CREATE INDEX "tenants_status_idx" ON "platform"."tenants" ("status") ',
    );
    await queryRunner.query(
      'CREATE TABLE "platform"."tenant_domains" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" character varying(16) NOT NULL, "domain" character varying(253) NOT NULL, "is_primary" boolean NOT NULL DEFAULT false, "verification_token" character varying(64) NOT NULL, "verified_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5ade9ab3ed3d7eebef7a8ea5bdd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "tenant_domains_tenant_idx" ON "platform"."tenant_domains" ("tenant_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "tenant_domains_domain_key" ON "platform"."tenant_domains" ("domain") ',
    );
    await queryRunner.query(
      'ALTER TABLE "platform"."tenant_domains" ADD CONSTRAINT "tenant_domains_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "platform"."tenant_domains" DROP CONSTRAINT "tenant_domains_tenant_fk"',
    );
    await queryRunner.query('DROP INDEX "platform"."tenant_domains_domain_key"');
    await queryRunner.query('DROP INDEX "platform"."tenant_domains_tenant_idx"');
    await queryRunner.query('DROP TABLE "platform"."tenant_domains"');
    await queryRunner.query('DROP INDEX "platform"."tenants_status_idx"');
    await queryRunner.query('DROP INDEX "platform"."tenants_slug_key"');
    await queryRunner.query('DROP TABLE "platform"."tenants"');
  }
}
