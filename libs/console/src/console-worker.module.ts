import { Module } from '@nestjs/common';

import { TENANT_SMTP } from '@plaza/mail';
import { StorageModule } from '@plaza/storage';

import { ConsoleModule } from './console.module';
import { ConsoleArchiveModule } from './console-archive.module';
import { TenantMailSettingsService } from './tenant-mail-settings.service';
import { TenantPurgeJob } from './tenant-purge.job';
import { UsageJob } from './usage.job';

/** The console's background work, for the worker process (needs the privileged login). */
@Module({
  imports: [StorageModule, ConsoleModule, ConsoleArchiveModule],
  providers: [
    TenantPurgeJob,
    UsageJob,
    // The mail job sends a tenant's mail through the server set in the console.
    { provide: TENANT_SMTP, useExisting: TenantMailSettingsService },
  ],
  exports: [TenantPurgeJob, UsageJob, TENANT_SMTP],
})
export class ConsoleWorkerModule {}
