import { PoolConfig } from 'pg';
import { DataSource, EntitySchema, MigrationInterface } from 'typeorm';

import { QueryCountingLogger } from './query-counter';
import type { TenantUsageCounter } from './usage-counter';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityClass = Function | EntitySchema;
export type MigrationClass = new () => MigrationInterface;

export interface SchemaCatalog {
  platformEntities: EntityClass[];
  tenantEntities: EntityClass[];
  platformMigrations: MigrationClass[];
  tenantMigrations: MigrationClass[];
  /** What each feature counts in a tenant's tables for the usage figures. */
  usageCounters?: TenantUsageCounter[];
}

export const APP_DATA_SOURCE = Symbol('APP_DATA_SOURCE');
export const ADMIN_DATA_SOURCE = Symbol('ADMIN_DATA_SOURCE');
export const SCHEMA_CATALOG = Symbol('SCHEMA_CATALOG');

export interface DataSourceSettings {
  url: string;
  applicationName: string;
  poolMax: number;
  maxUses: number;
  entities: EntityClass[];
}

/** Settings of a pg Pool on the serving or privileged login. */
export function poolConfig(
  settings: Pick<DataSourceSettings, 'url' | 'applicationName' | 'poolMax' | 'maxUses'>,
): PoolConfig {
  return {
    connectionString: settings.url,
    application_name: settings.applicationName,
    max: settings.poolMax,
    maxUses: settings.maxUses,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  };
}

/**
 * One DataSource per login for the whole process, never one per tenant: entity
 * metadata is built once and tenant tables resolve through search_path.
 */
export function buildDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    entities: settings.entities,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    logger: new QueryCountingLogger(),
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: settings.applicationName,
    extra: poolConfig(settings),
  });
}

/** The role name in a connection URL (the login that serves requests). */
export function loginOf(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  if (!user)
    throw new Error('DATABASE_URL must name its user, e.g. postgres://plaza_app:secret@host/db');
  return user;
}
