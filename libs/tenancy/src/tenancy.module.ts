import { DynamicModule, Global, Module, OnApplicationShutdown, Provider } from '@nestjs/common';

import { DataSource } from 'typeorm';

import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';

import {
  ADMIN_DATA_SOURCE,
  APP_DATA_SOURCE,
  buildDataSource,
  SCHEMA_CATALOG,
  SchemaCatalog,
} from './database';
import { HostResolver } from './host-resolver.service';
import { Migrator } from './migrator.service';
import { PlatformDb } from './platform-db.service';
import { partitionSizes, POOL_PARTITIONS, PoolPartitions } from './pool-partitions';
import { ProvisioningQueue } from './provisioning.queue';
import { ProvisioningService, TENANT_SEEDERS, TenantSeeder } from './provisioning.service';
import { TenantCache } from './tenant-cache.service';
import { TenantDb } from './tenant-db.service';
import { TenantEvents } from './tenant-events.service';
import { TenantProvisionedHooks } from './tenant-provisioned-hooks';
import { TenantRegistry } from './tenant-registry.service';

export interface TenancyModuleOptions {
  catalog: SchemaCatalog;
  seeders: TenantSeeder[];
  /** Processes that create roles and schemas (cli, worker) set this. */
  admin: boolean;
  applicationName: string;
}

class DataSourceCloser implements OnApplicationShutdown {
  constructor(
    private readonly partitions: PoolPartitions,
    private readonly sources: DataSource[],
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await this.partitions.close().catch(() => undefined);
    await Promise.allSettled(this.sources.filter((s) => s.isInitialized).map((s) => s.destroy()));
  }
}

@Global()
@Module({})
export class TenancyModule {
  static forRoot(options: TenancyModuleOptions): DynamicModule {
    const entities = [...options.catalog.platformEntities, ...options.catalog.tenantEntities];
    const providers: Provider[] = [
      { provide: SCHEMA_CATALOG, useValue: options.catalog },
      { provide: TENANT_SEEDERS, useValue: options.seeders },
      {
        provide: APP_DATA_SOURCE,
        inject: [PLAZA_CONFIG],
        useFactory: (config: PlazaConfig) =>
          buildDataSource({
            url: config.databaseUrl,
            applicationName: options.applicationName,
            // Partition 0 is this pool; the other partitions open beside it.
            poolMax: partitionSizes(config.dbPoolMax, config.dbPoolPartitions)[0],
            maxUses: config.dbPoolMaxUses,
            entities,
          }).initialize(),
      },
      {
        provide: POOL_PARTITIONS,
        inject: [APP_DATA_SOURCE, PLAZA_CONFIG],
        useFactory: (dataSource: DataSource, config: PlazaConfig) =>
          PoolPartitions.open(dataSource, {
            url: config.databaseUrl,
            applicationName: options.applicationName,
            poolMax: config.dbPoolMax,
            partitions: config.dbPoolPartitions,
            maxUses: config.dbPoolMaxUses,
          }),
      },
      TenantDb,
      PlatformDb,
      TenantEvents,
      TenantCache,
      HostResolver,
      TenantRegistry,
      ProvisioningQueue,
      TenantProvisionedHooks,
    ];
    const exportsList: (symbol | Provider)[] = [
      APP_DATA_SOURCE,
      SCHEMA_CATALOG,
      TenantDb,
      PlatformDb,
      TenantEvents,
      TenantCache,
      HostResolver,
      TenantRegistry,
      ProvisioningQueue,
      TenantProvisionedHooks,
    ];
    const closers: symbol[] = [APP_DATA_SOURCE];
    if (options.admin) {
      providers.push(
        {
          provide: ADMIN_DATA_SOURCE,
          inject: [PLAZA_CONFIG],
          useFactory: (config: PlazaConfig) => {
            if (!config.databaseAdminUrl)
              throw new Error('DATABASE_ADMIN_URL is required by this process');
            return buildDataSource({
              url: config.databaseAdminUrl,
              applicationName: `${options.applicationName}-admin`,
              poolMax: 8,
              maxUses: 0,
              entities,
            }).initialize();
          },
        },
        Migrator,
        ProvisioningService,
      );
      exportsList.push(ADMIN_DATA_SOURCE, Migrator, ProvisioningService);
      closers.push(ADMIN_DATA_SOURCE);
    }
    providers.push({
      provide: DataSourceCloser,
      inject: [POOL_PARTITIONS, ...closers],
      useFactory: (partitions: PoolPartitions, ...sources: DataSource[]) =>
        new DataSourceCloser(partitions, sources),
    });
    return { module: TenancyModule, providers, exports: exportsList };
  }
}
