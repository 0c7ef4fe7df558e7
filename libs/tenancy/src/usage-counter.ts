import type { EntityManager } from 'typeorm';

export const USAGE_METRICS = [
  'participants',
  'spaces',
  'contributions',
  'storageBytes',
  'emailsThisMonth',
] as const;
export type UsageMetric = (typeof USAGE_METRICS)[number];
export type UsageFigures = Record<UsageMetric, number>;

/**
 * Counts one part of a usage metric inside a tenant's schema (the manager is
 * the tenant's). Several counters may add to one metric (contributions =
 * proposals + comments). Each feature declares its counters next to its
 * tables; the schema catalog lists them and the console's usage job runs them.
 */
export interface TenantUsageCounter {
  metric: UsageMetric;
  /** Which table or feature counts; for logs and tests. */
  name: string;
  count(em: EntityManager, at: { now: Date }): Promise<number>;
}

/** `select count(*) as n ...` and the like, as a number. */
export async function countScalar(
  em: EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<number> {
  const [row] = (await em.query(sql, parameters)) as { n: string | number | null }[];
  return Number(row?.n ?? 0);
}

/** First day of `now`'s month, UTC, as `YYYY-MM-01`. */
export function monthOf(now: Date): string {
  return `${now.toISOString().slice(0, 7)}-01`;
}
