import { Module } from '@nestjs/common';

import { StorageModule } from '@plaza/storage';

import { ConsoleModule } from './console.module';
import { TenantArchiveService } from './tenant-archive.service';

/**
 * Export and import of whole tenants (CLI and worker: import needs the privileged login).
 * ConsoleModule brings the PlanPolicy that storage's uploads ask.
 */
@Module({
  imports: [StorageModule, ConsoleModule],
  providers: [TenantArchiveService],
  exports: [TenantArchiveService],
})
export class ConsoleArchiveModule {}
