import { DynamicModule, Module } from '@nestjs/common';

import { Logger } from 'pino';

import { BillingJob, BillingModule } from '@plaza/billing';
import { ConsoleWorkerModule } from '@plaza/console';
import { CoreModule, PlazaConfig } from '@plaza/core';
import { IdentityJobsModule } from '@plaza/identity';
import { MailModule, SendMailJob } from '@plaza/mail';
import { SCHEMA, TENANT_SEEDERS } from '@plaza/migrations';
import { ProposalsJobsModule } from '@plaza/proposals';
import { SocialJobsModule } from '@plaza/social';
import { PhaseScheduleJob, SpacesJobsModule } from '@plaza/spaces';
import { ProvisionTenantJob, TenancyModule } from '@plaza/tenancy';

/** Composition root of the job processors. */
@Module({})
export class WorkerModule {
  static forRoot(config: PlazaConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, logger),
        TenancyModule.forRoot({
          catalog: SCHEMA,
          seeders: TENANT_SEEDERS,
          admin: true,
          applicationName: 'plaza-worker',
        }),
        MailModule,
        SpacesJobsModule,
        ProposalsJobsModule,
        SocialJobsModule,
        BillingModule,
        IdentityJobsModule,
        ConsoleWorkerModule,
      ],
      providers: [ProvisionTenantJob, SendMailJob, PhaseScheduleJob, BillingJob],
    };
  }
}
