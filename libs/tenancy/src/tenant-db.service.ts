import { AsyncLocalStorage } from 'node:async_hooks';

import { Inject, Injectable, Optional } from '@nestjs/common';

import { DataSource, EntityManager } from 'typeorm';

import { APP_DATA_SOURCE } from './database';
import { POOL_PARTITIONS, PoolPartitions } from './pool-partitions';
import { TENANT_UNIT_MARK } from './query-counter';
import { TenantContext, TenantRef } from './tenant-context';

interface ActiveUnit {
  tenantId: string;
  manager: EntityManager;
}

/** The statement that opens every tenant unit of work (as PostgREST does). */
export const SWITCH_TENANT_SQL =
  "select set_config('role', $1, true), set_config('search_path', $2, true)";

/**
 * The only way to reach tenant tables. Each unit of work is one transaction on
 * one pooled connection whose first statement switches role and search_path
 * with transaction-local settings, so nothing leaks to the next borrower and
 * PgBouncer in transaction mode keeps working. The connection comes from the
 * tenant's pool partition (one partition unless DB_POOL_PARTITIONS says more).
 */
@Injectable()
export class TenantDb {
  private readonly active = new AsyncLocalStorage<ActiveUnit>();
  private readonly partitions: PoolPartitions;

  constructor(
    @Inject(APP_DATA_SOURCE) dataSource: DataSource,
    @Optional() @Inject(POOL_PARTITIONS) partitions?: PoolPartitions,
  ) {
    this.partitions = partitions ?? PoolPartitions.single(dataSource);
  }

  /** Runs `work` for the tenant in context. Nested calls join the open unit. */
  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const tenant = TenantContext.current();
    const open = this.active.getStore();
    if (open && open.tenantId === tenant.id) return work(open.manager);
    return this.unitOfWork(tenant, work);
  }

  /** Enters `tenant` and runs one unit of work for it. */
  async runFor<T>(tenant: TenantRef, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return TenantContext.run(tenant, () => this.run(work));
  }

  private async unitOfWork<T>(
    tenant: TenantRef,
    work: (em: EntityManager) => Promise<T>,
  ): Promise<T> {
    const runner = this.partitions.createQueryRunner(tenant.id);
    runner.data = { [TENANT_UNIT_MARK]: true };
    await runner.connect();
    let began = false;
    try {
      await runner.startTransaction();
      began = true;
      await runner.query(SWITCH_TENANT_SQL, [tenant.roleName, tenant.schemaName]);
      const result = await this.active.run({ tenantId: tenant.id, manager: runner.manager }, () =>
        work(runner.manager),
      );
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (began && runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
