import { Module } from '@nestjs/common';

import { StorageModule } from '@plaza/storage';

import { TenantArchiveService } from './tenant-archive.service';

/** Export and import of whole tenants (CLI and worker: import needs the privileged login). */
@Module({
  imports: [StorageModule],
  providers: [TenantArchiveService],
  exports: [TenantArchiveService],
})
export class ConsoleArchiveModule {}
