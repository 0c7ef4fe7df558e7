import { Inject, Injectable } from '@nestjs/common';

import {
  PlatformDb,
  SCHEMA_CATALOG,
  SchemaCatalog,
  TenantDb,
  TenantRef,
  TenantUsageCounter,
  USAGE_METRICS,
  UsageFigures,
} from '@plaza/tenancy';

import { TenantUsageEntity } from './plan.entity';

/**
 * Measures tenants' usage and keeps the last figures in `platform.tenant_usage`.
 * The counters come from the features, through the schema catalog.
 */
@Injectable()
export class UsageService {
  private readonly counters: readonly TenantUsageCounter[];

  constructor(
    private readonly platformDb: PlatformDb,
    private readonly tenantDb: TenantDb,
    @Inject(SCHEMA_CATALOG) catalog: SchemaCatalog,
  ) {
    this.counters = [...(catalog.usageCounters ?? [])];
  }

  async measure(tenant: TenantRef, now = new Date()): Promise<UsageFigures> {
    const figures = Object.fromEntries(USAGE_METRICS.map((m) => [m, 0])) as UsageFigures;
    await this.tenantDb.runFor(tenant, async (em) => {
      for (const counter of this.counters)
        figures[counter.metric] += await counter.count(em, { now });
    });
    await this.platformDb.manager.save(
      this.platformDb.manager.create(TenantUsageEntity, {
        tenantId: tenant.id,
        figures,
        measuredAt: now,
      }),
    );
    return figures;
  }

  async of(tenantIds: string[]): Promise<Map<string, TenantUsageEntity>> {
    if (tenantIds.length === 0) return new Map();
    const rows = await this.platformDb.manager
      .createQueryBuilder(TenantUsageEntity, 'u')
      .where('u.tenantId IN (:...ids)', { ids: tenantIds })
      .getMany();
    return new Map(rows.map((r) => [r.tenantId, r]));
  }
}
