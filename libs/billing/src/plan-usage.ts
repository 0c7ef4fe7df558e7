import { Injectable } from '@nestjs/common';

import { EffectivePlan, PLAN_LIMITS, PlanLimit, PlansService, UsageService } from '@plaza/console';
import { TenantDb, TenantRef } from '@plaza/tenancy';

export interface UsageLine {
  limit: PlanLimit;
  /** Null until the usage job measured it. */
  used: number | null;
  /** Null: unlimited. */
  max: number | null;
}

export interface PlanUsage {
  plan: EffectivePlan['plan'];
  lines: UsageLine[];
  measuredAt: Date | null;
}

const MB = 1024 * 1024;

/** A tenant's usage beside the limits of its effective plan (overrides included). */
@Injectable()
export class PlanUsageService {
  constructor(
    private readonly plans: PlansService,
    private readonly usage: UsageService,
    private readonly tenantDb: TenantDb,
  ) {}

  /** The one place billing reads the effective plan: switch it here when tenancy exposes it. */
  effectivePlan(tenantId: string): Promise<EffectivePlan> {
    return this.plans.effective(tenantId);
  }

  async of(tenant: TenantRef): Promise<PlanUsage> {
    const [effective, measured] = await Promise.all([
      this.effectivePlan(tenant.id),
      this.usage.of([tenant.id]),
    ]);
    const figures = measured.get(tenant.id);
    // Administrators are few and not part of the usage job: counted now.
    const admins = await this.tenantDb.runFor(tenant, async (em) => {
      const [row] = (await em.query(
        "select count(*)::int as n from users where 'admin' = any(roles) and deleted_at is null",
      )) as { n: number }[];
      return row?.n ?? 0;
    });
    const used: Record<PlanLimit, number | null> = {
      participants: figures?.figures.participants ?? null,
      spaces: figures?.figures.spaces ?? null,
      storageMb: figures ? Math.ceil(figures.figures.storageBytes / MB) : null,
      admins,
    };
    return {
      plan: effective.plan,
      lines: PLAN_LIMITS.map((limit) => ({
        limit,
        used: used[limit],
        max: effective.limits[limit],
      })),
      measuredAt: figures?.measuredAt ?? null,
    };
  }
}
