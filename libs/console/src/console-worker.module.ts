import { Module } from '@nestjs/common';

import { StorageModule } from '@plaza/storage';

import { AuditLog } from './audit.service';
import { TenantPurgeJob } from './tenant-purge.job';

/** The console's background work, for the worker process (needs the privileged login). */
@Module({
  imports: [StorageModule],
  providers: [AuditLog, TenantPurgeJob],
  exports: [TenantPurgeJob],
})
export class ConsoleWorkerModule {}
