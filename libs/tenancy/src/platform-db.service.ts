import { Inject, Injectable } from '@nestjs/common';

import { DataSource, EntityManager } from 'typeorm';

import { APP_DATA_SOURCE } from './database';

/**
 * Access to the `platform` schema (tenants, domains, console tables) with the
 * serving login, which holds DML rights there and nothing in tenant schemas.
 */
@Injectable()
export class PlatformDb {
  constructor(@Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Raw query on the serving login (health checks, reports). */
  query<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }
}
