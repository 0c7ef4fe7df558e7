import { ForbiddenException } from '@nestjs/common';

import type { EntityManager } from 'typeorm';

export const PLAN_LIMITS = ['participants', 'spaces', 'storageMb', 'admins'] as const;
export type PlanLimit = (typeof PLAN_LIMITS)[number];
export const PLAN_FEATURES = ['customDomain', 'customCss', 'newsletter', 'apiAccess'] as const;
export type PlanFeature = (typeof PLAN_FEATURES)[number];

/** A limit is a maximum; null means unlimited. */
export type PlanLimits = Record<PlanLimit, number | null>;
export type PlanFeatures = Record<PlanFeature, boolean>;

/** A tenant's plan with its overrides applied. */
export interface EffectivePlan {
  plan: { code: string; name: string } | null;
  limits: PlanLimits;
  features: PlanFeatures;
}

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

/**
 * Refusal of an action that would pass a limit of the organization's plan, or
 * that needs a feature the plan lacks. The message is English; pages and the
 * JSON API translate it from `limit`, `planName`, `max` and `current`.
 */
export class PlanLimitException extends ForbiddenException {
  constructor(
    readonly limit: PlanLimit | PlanFeature,
    /** Null when the organization has no plan and an override limits it. */
    readonly planName: string | null,
    readonly max: number | null,
    readonly current: number | null,
  ) {
    const plan = planName ?? 'current';
    super(
      max === null
        ? `The ${plan} plan does not include ${FEATURE_WORDS[limit as PlanFeature]}. Ask your provider for a plan that does.`
        : `The ${plan} plan allows at most ${max} ${LIMIT_WORDS[limit as PlanLimit]}; this organization has ${current}. Ask your provider for a larger plan.`,
    );
  }
}

/**
 * What the current organization's plan allows. Declared here so features ask
 * without knowing who sells plans; the console implements it (PlansService)
 * and provides it in every process.
 */
export abstract class PlanPolicy {
  abstract effective(tenantId: string): Promise<EffectivePlan>;

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
    throw new PlanLimitException(limit, effective.plan?.name ?? null, max, current);
  }

  /**
   * The limit as it is now, to check inside the transaction that creates.
   * Read it BEFORE opening that transaction: asking the platform while
   * holding a tenant connection could starve the pool under load.
   */
  async limitCheck(tenantId: string, limit: PlanLimit): Promise<LimitCheck> {
    const effective = await this.effective(tenantId);
    return new LimitCheck(tenantId, limit, effective.plan?.name ?? null, effective.limits[limit]);
  }

  async assertFeature(tenantId: string, feature: PlanFeature): Promise<void> {
    const effective = await this.effective(tenantId);
    if (effective.features[feature]) return;
    throw new PlanLimitException(feature, effective.plan?.name ?? null, null, null);
  }

  async hasFeature(tenantId: string, feature: PlanFeature): Promise<boolean> {
    return (await this.effective(tenantId)).features[feature];
  }
}

/** One limit of one tenant's plan, checked inside the transaction that creates. */
export class LimitCheck {
  constructor(
    readonly tenantId: string,
    readonly limit: PlanLimit,
    readonly planName: string | null,
    readonly max: number | null,
  ) {}

  /**
   * When the limit is finite, serializes this tenant's creations of that kind
   * until `em`'s transaction ends, then counts: two requests at once cannot
   * both take the last place. Unlimited plans take no lock.
   */
  async assert(
    em: EntityManager,
    count: () => Promise<number>,
    adding = 1,
    /** How many counted units make one unit of the limit (bytes per MB for storage). */
    unit = 1,
  ): Promise<void> {
    if (this.max === null) return;
    await lockPlanLimit(em, this.tenantId, this.limit);
    const current = await count();
    if (current + adding <= this.max * unit) return;
    throw new PlanLimitException(this.limit, this.planName, this.max, Math.ceil(current / unit));
  }
}

/** Serializes one tenant's creations that count against `limit` until `em`'s transaction ends. */
async function lockPlanLimit(em: EntityManager, tenantId: string, limit: PlanLimit): Promise<void> {
  await em.query('select pg_advisory_xact_lock(hashtext($1))', [`plan-limit:${tenantId}:${limit}`]);
}
