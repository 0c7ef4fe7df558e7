import { MigrationInterface, QueryRunner } from 'typeorm';

export class Billing1795710383430 implements MigrationInterface {
  name = 'Billing1795710383430';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "platform"."billing_customers" ("tenant_id" character varying(16) NOT NULL, "stripe_customer_id" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "billing_email" character varying(254) NOT NULL, "address" jsonb NOT NULL DEFAULT \'{}\', "tax_id" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2abf97465a7ce3cf6e18a8508ed" PRIMARY KEY ("tenant_id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "billing_customers_stripe_key" ON "platform"."billing_customers" ("stripe_customer_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "platform"."billing_prices" ("plan_code" character varying(40) NOT NULL, "interval" character varying(8) NOT NULL, "stripe_price_id" character varying(64) NOT NULL, CONSTRAINT "PK_a6aedb835db9e31c71cf953ca8f" PRIMARY KEY ("plan_code", "interval"))',
    );
    await queryRunner.query(
      'CREATE TABLE "platform"."billing_subscriptions" ("tenant_id" character varying(16) NOT NULL, "stripe_subscription_id" character varying(64) NOT NULL, "plan_code" character varying(40), "interval" character varying(8), "status" character varying(24) NOT NULL, "collection_method" character varying(24) NOT NULL, "cancel_at_period_end" boolean NOT NULL DEFAULT false, "current_period_end" TIMESTAMP WITH TIME ZONE, "trial_end" TIMESTAMP WITH TIME ZONE, "payment_failed_at" TIMESTAMP WITH TIME ZONE, "grace_ends_at" TIMESTAMP WITH TIME ZONE, "failed_invoice_id" character varying(64), "reminder_sent" boolean NOT NULL DEFAULT false, "suspended_for_nonpayment" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_50be132a6ab352e89340cf57884" PRIMARY KEY ("tenant_id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "billing_subscriptions_stripe_key" ON "platform"."billing_subscriptions" ("stripe_subscription_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "platform"."billing_events" ("id" character varying(64) NOT NULL, "type" character varying(80) NOT NULL, "object_id" character varying(64), "stripe_created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9a4a4a1b1f55bbc868f6a76a597" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "platform"."billing_activity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" character varying(16) NOT NULL, "action" character varying(60) NOT NULL, "details" jsonb NOT NULL DEFAULT \'{}\', "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b787e7eab30fec06719fa06f433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "billing_activity_tenant_idx" ON "platform"."billing_activity" ("tenant_id") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "platform"."billing_activity_tenant_idx"');
    await queryRunner.query('DROP TABLE "platform"."billing_activity"');
    await queryRunner.query('DROP TABLE "platform"."billing_events"');
    await queryRunner.query('DROP INDEX "platform"."billing_subscriptions_stripe_key"');
    await queryRunner.query('DROP TABLE "platform"."billing_subscriptions"');
    await queryRunner.query('DROP TABLE "platform"."billing_prices"');
    await queryRunner.query('DROP INDEX "platform"."billing_customers_stripe_key"');
    await queryRunner.query('DROP TABLE "platform"."billing_customers"');
  }
}
