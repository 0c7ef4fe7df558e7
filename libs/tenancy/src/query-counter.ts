import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';

/** Marks the query runners of tenant units of work (set by TenantDb). */
export const TENANT_UNIT_MARK = 'plazaTenantUnit';

let total = 0;
let tenant = 0;
let recording: { sql: string; params: unknown[] }[] | null = null;

export interface QueryCount {
  /** Every statement the process sent. */
  all: number;
  /** Statements sent inside tenant units of work (TenantDb): what a page's data costs. */
  tenant: number;
}

/**
 * Counts the SQL statements this process sends, for N+1 tests and benchmarks:
 * `measure` reports the statements sent while `work` ran, so nothing else in
 * the process may query meanwhile. Platform lookups (host resolution) are
 * counted apart: their cache is emptied whenever any tenant changes anywhere.
 */
export const QueryCounter = {
  current(): QueryCount {
    return { all: total, tenant };
  },
  /** The tenant statements sent while `work` ran, in order (benchmarks replay them). */
  async record<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; statements: { sql: string; params: unknown[] }[] }> {
    recording = [];
    try {
      const result = await work();
      return { result, statements: recording };
    } finally {
      recording = null;
    }
  },
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; queries: QueryCount }> {
    const before = QueryCounter.current();
    const result = await work();
    return { result, queries: { all: total - before.all, tenant: tenant - before.tenant } };
  },
};

/** TypeORM calls logQuery for every statement; this logger only counts them (logging stays off). */
export class QueryCountingLogger implements TypeOrmLogger {
  logQuery(query: string, parameters?: unknown[], runner?: QueryRunner): void {
    total++;
    if (runner?.data && (runner.data as Record<string, unknown>)[TENANT_UNIT_MARK]) {
      tenant++;
      recording?.push({ sql: query, params: parameters ?? [] });
    }
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
