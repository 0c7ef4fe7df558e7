import type { Logger as TypeOrmLogger } from 'typeorm';

let total = 0;

/**
 * Counts the SQL statements this process sends, for N+1 tests and
 * benchmarks: `measure` reports the statements sent while `work` ran, so
 * nothing else may query meanwhile.
 */
export const QueryCounter = {
  get total(): number {
    return total;
  },
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
    const before = total;
    const result = await work();
    return { result, queries: total - before };
  },
};

/** TypeORM calls logQuery for every statement; this logger only counts them (logging stays off). */
export class QueryCountingLogger implements TypeOrmLogger {
  logQuery(): void {
    total++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
