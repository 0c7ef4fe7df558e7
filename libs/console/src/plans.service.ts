import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';

import { PlatformDb, TenantEntity } from '@plaza/tenancy';

import {
  PLAN_FEATURES,
  PLAN_LIMITS,
  PlanEntity,
  PlanFeature,
  PlanFeatures,
  PlanLimit,
  PlanLimits,
  TenantPlanOverrideEntity,
} from './plan.entity';

export interface PlanInput {
  code: string;
  name: string;
  monthlyPriceCents: number;
  currency?: string;
  limits: Partial<PlanLimits>;
  features: Partial<PlanFeatures>;
}

/** A tenant's plan with its overrides applied. */
export interface EffectivePlan {
  plan: { code: string; name: string } | null;
  limits: PlanLimits;
  features: PlanFeatures;
}

const UNLIMITED: PlanLimits = { participants: null, spaces: null, storageMb: null, admins: null };
/** Without a plan (a self-hosted organization), nothing is limited. */
const ALL_FEATURES: PlanFeatures = {
  customDomain: true,
  customCss: true,
  newsletter: true,
  apiAccess: true,
};

const LIMIT_WORDS: Record<PlanLimit, string> = {
  participants: 'participants',
  spaces: 'participatory spaces',
  storageMb: 'MB of storage',
  admins: 'administrators',
};
const FEATURE_WORDS: Record<PlanFeature, string> = {
  customDomain: 'custom domains',
  customCss: 'custom CSS',
  newsletter: 'newsletters',
  apiAccess: 'API access',
};

/** Refusal of an action that would pass a limit of the organization's plan. */
export class PlanLimitException extends ForbiddenException {
  constructor(
    readonly limit: PlanLimit | PlanFeature,
    readonly planName: string,
    message: string,
  ) {
    super(message);
  }
}

export function limitsOf(input: Partial<PlanLimits>): PlanLimits {
  return Object.fromEntries(PLAN_LIMITS.map((l) => [l, input[l] ?? null])) as PlanLimits;
}

export function featuresOf(input: Partial<PlanFeatures>): PlanFeatures {
  return Object.fromEntries(PLAN_FEATURES.map((f) => [f, input[f] ?? false])) as PlanFeatures;
}

/** Plans, per-tenant overrides, and the checks features call where a limit bites. */
@Injectable()
export class PlansService {
  constructor(private readonly platformDb: PlatformDb) {}

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
    return this.platformDb.manager.save(plan);
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
    return this.platformDb.manager.save(
      this.platformDb.manager.create(TenantPlanOverrideEntity, {
        tenantId,
        limits: definedOnly(overrides.limits ?? {}),
        features: definedOnly(overrides.features ?? {}),
      }),
    );
  }

  async effective(tenantId: string): Promise<EffectivePlan> {
    const [tenant, overrides] = await Promise.all([
      this.platformDb.manager.findOne(TenantEntity, {
        where: { id: tenantId },
        select: ['id', 'planCode'],
      }),
      this.overridesOf(tenantId),
    ]);
    const plan = tenant?.planCode
      ? await this.platformDb.manager.findOneBy(PlanEntity, { code: tenant.planCode })
      : null;
    const base = plan
      ? { limits: limitsOf(plan.limits), features: featuresOf(plan.features) }
      : { limits: UNLIMITED, features: ALL_FEATURES };
    return {
      plan: plan ? { code: plan.code, name: plan.name } : null,
      limits: { ...base.limits, ...definedOnly(overrides?.limits ?? {}) },
      features: { ...base.features, ...definedOnly(overrides?.features ?? {}) },
    };
  }

  /**
   * Throws a PlanLimitException when adding `adding` to `current` would pass
   * the tenant's limit. Features call it before creating what is limited.
   */
  async assertWithinLimit(
    tenantId: string,
    limit: PlanLimit,
    current: number,
    adding = 1,
  ): Promise<void> {
    const effective = await this.effective(tenantId);
    const max = effective.limits[limit];
    if (max === null || current + adding <= max) return;
    const planName = effective.plan?.name ?? 'current';
    throw new PlanLimitException(
      limit,
      planName,
      `The ${planName} plan allows at most ${max} ${LIMIT_WORDS[limit]}; this organization has ${current}. Ask your provider for a larger plan.`,
    );
  }

  async assertFeature(tenantId: string, feature: PlanFeature): Promise<void> {
    const effective = await this.effective(tenantId);
    if (effective.features[feature]) return;
    const planName = effective.plan?.name ?? 'current';
    throw new PlanLimitException(
      feature,
      planName,
      `The ${planName} plan does not include ${FEATURE_WORDS[feature]}. Ask your provider for a plan that does.`,
    );
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
