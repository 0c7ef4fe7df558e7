import { DynamicModule, Module, Type } from '@nestjs/common';

import { Logger } from 'pino';

import { ApiDocsModule } from '@plaza/api-docs';
import { BillingHttpModule } from '@plaza/billing';
import { ConsoleWebModule } from '@plaza/console';
import { CoreModule, PlazaConfig } from '@plaza/core';
import { IdentityModule } from '@plaza/identity';
import { SCHEMA, TENANT_SEEDERS } from '@plaza/migrations';
import { ProposalsModule } from '@plaza/proposals';
import { SpacesModule } from '@plaza/spaces';
import { StorageModule } from '@plaza/storage';
import { TenancyModule } from '@plaza/tenancy';
import { ThemingModule } from '@plaza/theming';
import { WebModule } from '@plaza/web';

export type ModuleImport = Type | DynamicModule;

/** Composition root of the HTTP server. */
@Module({})
export class ApiModule {
  static forRoot(
    config: PlazaConfig,
    logger: Logger,
    extraImports: ModuleImport[] = [],
  ): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config, logger),
        TenancyModule.forRoot({
          catalog: SCHEMA,
          seeders: TENANT_SEEDERS,
          admin: false,
          applicationName: 'plaza-api',
        }),
        WebModule,
        IdentityModule,
        ThemingModule,
        StorageModule,
        SpacesModule,
        ProposalsModule,
        ApiDocsModule,
        BillingHttpModule,
        ConsoleWebModule,
        ...extraImports,
      ],
    };
  }
}
