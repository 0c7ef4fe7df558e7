import { DynamicModule, Module } from '@nestjs/common';

import { Logger } from 'pino';

import { ConsoleModule } from '@plaza/console';
import { CoreModule, PlazaConfig } from '@plaza/core';
import { DemoModule } from '@plaza/demo';
import { IdentityProvisioningModule } from '@plaza/identity';
import { SCHEMA, TENANT_SEEDERS } from '@plaza/migrations';
import { TenancyModule } from '@plaza/tenancy';

/** Composition root of the operator commands. */
@Module({})
export class CliModule {
  static forRoot(config: PlazaConfig, logger: Logger): DynamicModule {
    return {
      module: CliModule,
      imports: [
        CoreModule.forRoot(config, logger),
        TenancyModule.forRoot({
          catalog: SCHEMA,
          seeders: TENANT_SEEDERS,
          admin: true,
          applicationName: 'plaza-cli',
        }),
        ConsoleModule,
        DemoModule,
        IdentityProvisioningModule,
      ],
    };
  }
}
