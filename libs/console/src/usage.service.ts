import { Injectable } from '@nestjs/common';

import { EntityManager } from 'typeorm';

import { PlatformDb, TenantDb, TenantRef } from '@plaza/tenancy';

import { TenantUsageEntity, USAGE_METRICS, UsageFigures, UsageMetric } from './plan.entity';

/**
 * Counts one part of a metric inside a tenant's schema. Several counters may
 * add to the same metric (contributions = proposals + comments + ...).
 */
export interface UsageCounter {
  metric: UsageMetric;
  /** Which table or feature counts; for logs and tests. */
  name: string;
  count(em: EntityManager): Promise<number>;
}

async function scalar(em: EntityManager, sql: string): Promise<number> {
  const [row] = (await em.query(sql)) as { n: string | number | null }[];
  return Number(row?.n ?? 0);
}

/** What exists today; features add theirs with `UsageService.register`. */
export const BUILT_IN_USAGE_COUNTERS: UsageCounter[] = [
  {
    metric: 'participants',
    name: 'users',
    count: (em) => scalar(em, 'select count(*) as n from users where deleted_at is null'),
  },
  {
    metric: 'storageBytes',
    name: 'files',
    count: (em) => scalar(em, 'select coalesce(sum(size), 0) as n from files'),
  },
];

/** Measures tenants' usage and keeps the last figures in `platform.tenant_usage`. */
@Injectable()
export class UsageService {
  private readonly counters: UsageCounter[] = [...BUILT_IN_USAGE_COUNTERS];

  constructor(
    private readonly platformDb: PlatformDb,
    private readonly tenantDb: TenantDb,
  ) {}

  register(counter: UsageCounter): void {
    this.counters.push(counter);
  }

  async measure(tenant: TenantRef, now = new Date()): Promise<UsageFigures> {
    const figures = Object.fromEntries(USAGE_METRICS.map((m) => [m, 0])) as UsageFigures;
    await this.tenantDb.runFor(tenant, async (em) => {
      for (const counter of this.counters) figures[counter.metric] += await counter.count(em);
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
