import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

import { PlanFeatures, PlanLimits, TenantEntity, UsageFigures } from '@plaza/tenancy';

export {
  PLAN_FEATURES,
  PLAN_LIMITS,
  type PlanFeature,
  type PlanFeatures,
  type PlanLimit,
  type PlanLimits,
} from '@plaza/tenancy';

/** What the provider sells: limits and features, at a monthly price. */
@Entity({ schema: 'platform', name: 'plans' })
export class PlanEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** In the smallest unit of `currency` (cents). */
  @Column({ name: 'monthly_price_cents', type: 'integer', default: 0 })
  monthlyPriceCents!: number;

  @Column({ type: 'varchar', length: 3, default: 'EUR' })
  currency!: string;

  @Column({ type: 'jsonb' })
  limits!: PlanLimits;

  @Column({ type: 'jsonb' })
  features!: PlanFeatures;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Per-tenant exceptions to its plan (a bigger quota, a feature granted). */
@Entity({ schema: 'platform', name: 'tenant_plan_overrides' })
export class TenantPlanOverrideEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 16 })
  tenantId!: string;

  @OneToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'tenant_plan_overrides_tenant_fk' })
  tenant?: TenantEntity;

  @Column({ type: 'jsonb', default: {} })
  limits!: Partial<PlanLimits>;

  @Column({ type: 'jsonb', default: {} })
  features!: Partial<PlanFeatures>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export { USAGE_METRICS, type UsageFigures, type UsageMetric } from '@plaza/tenancy';

/** Last measured usage of a tenant (refreshed by the worker). */
@Entity({ schema: 'platform', name: 'tenant_usage' })
export class TenantUsageEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 16 })
  tenantId!: string;

  @OneToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'tenant_usage_tenant_fk' })
  tenant?: TenantEntity;

  @Column({ type: 'jsonb' })
  figures!: UsageFigures;

  @Column({ name: 'measured_at', type: 'timestamptz' })
  measuredAt!: Date;
}
