import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';

import {
  EffectivePlan,
  PLAN_FEATURES,
  PLAN_LIMITS,
  PlanFeatures,
  PlanLimits,
  PlanPolicy,
  PlatformDb,
  TenantCache,
  TenantEntity,
} from '@plaza/tenancy';

import { PlanEntity, TenantPlanOverrideEntity } from './plan.entity';

export { type EffectivePlan, PlanLimitException } from '@plaza/tenancy';

export interface PlanInput {
  code: string;
  name: string;
  monthlyPriceCents: number;
  currency?: string;
  limits: Partial<PlanLimits>;
  features: Partial<PlanFeatures>;
}

const UNLIMITED: PlanLimits = { participants: null, spaces: null, storageMb: null, admins: null };
/** Without a plan (a self-hosted organization), nothing is limited. */
const ALL_FEATURES: PlanFeatures = {
  customDomain: true,
  customCss: true,
  newsletter: true,
  apiAccess: true,
};

/** A plan as the API answers it and the audit log records it. */
export function planView(plan: PlanEntity) {
  return {
    code: plan.code,
    name: plan.name,
    monthlyPriceCents: plan.monthlyPriceCents,
    currency: plan.currency,
    limits: plan.limits,
    features: plan.features,
  };
}

export function limitsOf(input: Partial<PlanLimits>): PlanLimits {
  return Object.fromEntries(PLAN_LIMITS.map((l) => [l, input[l] ?? null])) as PlanLimits;
}

export function featuresOf(input: Partial<PlanFeatures>): PlanFeatures {
  return Object.fromEntries(PLAN_FEATURES.map((f) => [f, input[f] ?? false])) as PlanFeatures;
}

/**
 * Plans and per-tenant overrides; as the PlanPolicy of every process, it
 * answers the checks features make where a limit bites.
 */
@Injectable()
export class PlansService extends PlanPolicy {
  constructor(
    private readonly platformDb: PlatformDb,
    private readonly cache: TenantCache,
  ) {
    super();
  }

  list(): Promise<PlanEntity[]> {
    return this.platformDb.manager.find(PlanEntity, {
      order: { monthlyPriceCents: 'ASC', code: 'ASC' },
    });
  }

  async get(code: string): Promise<PlanEntity> {
    const plan = await this.platformDb.manager.findOneBy(PlanEntity, { code });
    if (!plan) throw new NotFoundException(`There is no plan "${code}".`);
    return plan;
  }

  exists(code: string): Promise<boolean> {
    return this.platformDb.manager.existsBy(PlanEntity, { code });
  }

  async create(input: PlanInput): Promise<PlanEntity> {
    if (await this.exists(input.code)) {
      throw new ConflictException(`A plan with code "${input.code}" already exists.`);
    }
    return this.platformDb.manager.save(
      this.platformDb.manager.create(PlanEntity, {
        code: input.code,
        name: input.name.trim(),
        monthlyPriceCents: input.monthlyPriceCents,
        currency: (input.currency ?? 'EUR').toUpperCase(),
        limits: limitsOf(input.limits),
        features: featuresOf(input.features),
      }),
    );
  }

  async update(code: string, input: Partial<Omit<PlanInput, 'code'>>): Promise<PlanEntity> {
    const plan = await this.get(code);
    if (input.name !== undefined) plan.name = input.name.trim();
    if (input.monthlyPriceCents !== undefined) plan.monthlyPriceCents = input.monthlyPriceCents;
    if (input.currency !== undefined) plan.currency = input.currency.toUpperCase();
    if (input.limits) plan.limits = limitsOf({ ...plan.limits, ...definedOnly(input.limits) });
    if (input.features)
      plan.features = featuresOf({ ...plan.features, ...definedOnly(input.features) });
    const saved = await this.platformDb.manager.save(plan);
    await this.cache.changedForAll();
    return saved;
  }

  async remove(code: string): Promise<PlanEntity> {
    const plan = await this.get(code);
    const users = await this.platformDb.manager.countBy(TenantEntity, { planCode: code });
    if (users > 0) {
      throw new ConflictException(
        `The plan "${code}" is used by ${users} organization(s); move them to another plan first.`,
      );
    }
    await this.platformDb.manager.delete(PlanEntity, { code });
    await this.cache.changedForAll();
    return plan;
  }

  async overridesOf(tenantId: string): Promise<TenantPlanOverrideEntity | null> {
    return this.platformDb.manager.findOneBy(TenantPlanOverrideEntity, { tenantId });
  }

  /** Replaces a tenant's overrides; empty objects remove them. */
  async setOverrides(
    tenantId: string,
    overrides: { limits?: Partial<PlanLimits>; features?: Partial<PlanFeatures> },
  ): Promise<TenantPlanOverrideEntity> {
    const saved = await this.platformDb.manager.save(
      this.platformDb.manager.create(TenantPlanOverrideEntity, {
        tenantId,
        limits: definedOnly(overrides.limits ?? {}),
        features: definedOnly(overrides.features ?? {}),
      }),
    );
    await this.cache.changed(tenantId);
    return saved;
  }

  /**
   * What the tenant's plan allows, read wherever a limit bites and on every
   * request of a plan-gated route: kept in the per-process TenantCache, which
   * forgets it when the tenant changes (its plan code), when its overrides
   * change, and for every tenant when a plan's terms change.
   */
  effective(tenantId: string): Promise<EffectivePlan> {
    return this.cache.get(tenantId, 'effectivePlan', () => this.loadEffective(tenantId));
  }

  /** One statement. */
  private async loadEffective(tenantId: string): Promise<EffectivePlan> {
    const [row] = (await this.platformDb.manager.query(
      `select p.code, p.name, p.limits, p.features,
              o.limits as override_limits, o.features as override_features
         from platform.tenants t
         left join platform.plans p on p.code = t.plan_code
         left join platform.tenant_plan_overrides o on o.tenant_id = t.id
        where t.id = $1`,
      [tenantId],
    )) as {
      code: string | null;
      name: string | null;
      limits: PlanLimits | null;
      features: PlanFeatures | null;
      override_limits: Partial<PlanLimits> | null;
      override_features: Partial<PlanFeatures> | null;
    }[];
    const plan = row?.code ? { code: row.code, name: row.name ?? row.code } : null;
    const base = plan
      ? { limits: limitsOf(row.limits ?? {}), features: featuresOf(row.features ?? {}) }
      : { limits: UNLIMITED, features: ALL_FEATURES };
    // Shared by every caller while cached: nobody may change it.
    return Object.freeze({
      plan: plan && Object.freeze(plan),
      limits: Object.freeze({ ...base.limits, ...definedOnly(row?.override_limits ?? {}) }),
      features: Object.freeze({ ...base.features, ...definedOnly(row?.override_features ?? {}) }),
    });
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
