import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlansAndUsage1795711540072 implements MigrationInterface {
  name = 'PlansAndUsage1795711540072';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "platform"."plans" ("code" character varying(40) NOT NULL, "name" character varying(100) NOT NULL, "monthly_price_cents" integer NOT NULL DEFAULT \'0\', "currency" character varying(3) NOT NULL DEFAULT \'EUR\', "limits" jsonb NOT NULL, "features" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_95f7ef3fc4c31a3545b4d825dd4" PRIMARY KEY ("code"))',
    );
    await queryRunner.query(
      'CREATE TABLE "platform"."tenant_plan_overrides" ("tenant_id" character varying(16) NOT NULL, "limits" jsonb NOT NULL DEFAULT \'{}\', "features" jsonb NOT NULL DEFAULT \'{}\', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b93659bba079146c2777dd276f9" PRIMARY KEY ("tenant_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "platform"."tenant_usage" ("tenant_id" character varying(16) NOT NULL, "figures" jsonb NOT NULL, "measured_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0caea5648903d1c152b11966f8b" PRIMARY KEY ("tenant_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "platform"."tenant_plan_overrides" ADD CONSTRAINT "tenant_plan_overrides_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "platform"."tenant_usage" ADD CONSTRAINT "tenant_usage_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "platform"."tenant_usage" DROP CONSTRAINT "tenant_usage_tenant_fk"',
    );
    await queryRunner.query(
      'ALTER TABLE "platform"."tenant_plan_overrides" DROP CONSTRAINT "tenant_plan_overrides_tenant_fk"',
    );
    await queryRunner.query('DROP TABLE "platform"."tenant_usage"');
    await queryRunner.query('DROP TABLE "platform"."tenant_plan_overrides"');
    await queryRunner.query('DROP TABLE "platform"."plans"');
  }
}
