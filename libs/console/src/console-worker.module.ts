import { Module } from '@nestjs/common';

import { StorageModule } from '@plaza/storage';

import { AuditLog } from './audit.service';
import { ConsoleModule } from './console.module';
import { TenantPurgeJob } from './tenant-purge.job';
import { UsageJob } from './usage.job';

/** The console's background work, for the worker process (needs the privileged login). */
@Module({
  imports: [StorageModule, ConsoleModule],
  providers: [AuditLog, TenantPurgeJob, UsageJob],
  exports: [TenantPurgeJob, UsageJob],
})
export class ConsoleWorkerModule {}
