import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A tenant's Stripe customer: who pays, and where the invoices go. */
@Entity({ schema: 'platform', name: 'billing_customers' })
export class BillingCustomerEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 16 })
  tenantId!: string;

  @Index('billing_customers_stripe_key', { unique: true })
  @Column({ name: 'stripe_customer_id', type: 'varchar', length: 64 })
  stripeCustomerId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'billing_email', type: 'varchar', length: 254 })
  billingEmail!: string;

  @Column({ type: 'jsonb', default: {} })
  address!: Record<string, string>;

  @Column({ name: 'tax_id', type: 'varchar', length: 64, nullable: true })
  taxId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** The Stripe price of a plan for one billing interval. */
@Entity({ schema: 'platform', name: 'billing_prices' })
export class BillingPriceEntity {
  @PrimaryColumn({ name: 'plan_code', type: 'varchar', length: 40 })
  planCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  interval!: 'month' | 'year';

  @Column({ name: 'stripe_price_id', type: 'varchar', length: 64 })
  stripePriceId!: string;
}

/** Our copy of a tenant's subscription, always refreshed from Stripe's current object. */
@Entity({ schema: 'platform', name: 'billing_subscriptions' })
export class BillingSubscriptionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 16 })
  tenantId!: string;

  @Index('billing_subscriptions_stripe_key', { unique: true })
  @Column({ name: 'stripe_subscription_id', type: 'varchar', length: 64 })
  stripeSubscriptionId!: string;

  @Column({ name: 'plan_code', type: 'varchar', length: 40, nullable: true })
  planCode!: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  interval!: string | null;

  @Column({ type: 'varchar', length: 24 })
  status!: string;

  @Column({ name: 'collection_method', type: 'varchar', length: 24 })
  collectionMethod!: string;

  @Column({ name: 'cancel_at_period_end', type: 'boolean', default: false })
  cancelAtPeriodEnd!: boolean;

  @Column({ name: 'current_period_end', type: 'timestamptz', nullable: true })
  currentPeriodEnd!: Date | null;

  @Column({ name: 'trial_end', type: 'timestamptz', nullable: true })
  trialEnd!: Date | null;

  /** Dunning: set by a failed payment, cleared when paid. */
  @Column({ name: 'payment_failed_at', type: 'timestamptz', nullable: true })
  paymentFailedAt!: Date | null;

  @Column({ name: 'grace_ends_at', type: 'timestamptz', nullable: true })
  graceEndsAt!: Date | null;

  @Column({ name: 'failed_invoice_id', type: 'varchar', length: 64, nullable: true })
  failedInvoiceId!: string | null;

  @Column({ name: 'reminder_sent', type: 'boolean', default: false })
  reminderSent!: boolean;

  /** We suspended the tenant for non-payment (so recovery may resume it; a manual suspension stays). */
  @Column({ name: 'suspended_for_nonpayment', type: 'boolean', default: false })
  suspendedForNonpayment!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Each Stripe event once (its id is the key), then processed by a job. */
@Entity({ schema: 'platform', name: 'billing_events' })
export class BillingEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 80 })
  type!: string;

  @Column({ name: 'object_id', type: 'varchar', length: 64, nullable: true })
  objectId!: string | null;

  @Column({ name: 'stripe_created_at', type: 'timestamptz' })
  stripeCreatedAt!: Date;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}

/** Billing's trail: every dunning step and lifecycle call, per tenant. */
@Entity({ schema: 'platform', name: 'billing_activity' })
export class BillingActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('billing_activity_tenant_idx')
  @Column({ name: 'tenant_id', type: 'varchar', length: 16 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, unknown>;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at!: Date;
}

export const BILLING_ENTITIES = [
  BillingCustomerEntity,
  BillingPriceEntity,
  BillingSubscriptionEntity,
  BillingEventEntity,
  BillingActivityEntity,
];
